// Saves a file streamed from .NET (DotNetStreamReference) under the given name.
window.smartUnion = {
    downloadFromStream: async function (fileName, streamRef) {
        const buffer = await streamRef.arrayBuffer();
        saveBlob(new Blob([buffer]), fileName);
    },

    // Downloads a file from an endpoint of this site (with the sign-in cookie) and saves it under the name
    // the server sent (Content-Disposition, RFC 5987 filename*). Returns null on success, or the server's
    // message (plain text) when it refused.
    downloadFromUrl: async function (url) {
        const response = await fetch(url, { credentials: 'same-origin' });
        if (!response.ok) {
            const text = await response.text();
            return text && text.length < 500 ? text : `下载失败（${response.status}）`;
        }
        // A sign-in that has expired ends on the login page (a redirect), not on the file.
        if (response.redirected || !response.headers.has('Content-Disposition')) {
            return '登录已失效，请刷新页面后重新登录';
        }
        saveBlob(await response.blob(), fileNameOf(response.headers.get('Content-Disposition')));
        return null;
    },

    // A check box's "partly ticked" look (a DOM property that markup cannot set).
    setIndeterminate: function (element, on) {
        if (element) element.indeterminate = on;
    },

    // Remembers the dark-mode choice for a year in a cookie the server reads while prerendering (MainLayout), so a
    // reload is dark from the first paint. A preference, not a secret: readable by scripts on purpose.
    setDarkMode: function (on) {
        const secure = location.protocol === 'https:' ? '; secure' : '';
        document.cookie = `SmartUnion.Theme=${on ? 'dark' : 'light'}; path=/; max-age=31536000; samesite=lax${secure}`;
    }
};

// A button with data-file-picker, inside a MudFileUpload, opens its input's file dialog in the click itself.
// Browsers open a file dialog only while the page holds the click's transient user activation (about 5 s in
// Chromium); opening it from the server (a round trip, slow on a cold or busy server) can outlast it, and then the
// dialog silently never opens.
document.addEventListener('click', event => {
    const trigger = event.target instanceof Element ? event.target.closest('[data-file-picker]') : null;
    if (!trigger || trigger.disabled) return;
    const input = trigger.closest('.mud-file-upload')?.querySelector('input[type=file]');
    if (!input || input.disabled) return;
    try {
        input.showPicker();
    } catch {
        input.click();
    }
});

function saveBlob(blob, fileName) {
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName ?? '';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function fileNameOf(disposition) {
    if (!disposition) return '';
    const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
    if (extended) return decodeURIComponent(extended[1].trim());
    const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
    return plain ? plain[1].trim() : '';
}
