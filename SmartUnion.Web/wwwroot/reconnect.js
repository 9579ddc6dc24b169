// Drives the Chinese reconnect dialog (Components/Layout/ReconnectModal.razor): blazor.web.js reports each state of
// the circuit's connection with the components-reconnect-state-changed event and a class on the dialog.
(() => {
    const dialog = document.getElementById('components-reconnect-modal');
    if (!dialog) return;

    dialog.addEventListener('components-reconnect-state-changed', event => {
        const state = event.detail.state;
        if (state === 'show' || state === 'paused') {
            if (!dialog.open) dialog.showModal();
        } else if (state === 'hide') {
            if (dialog.open) dialog.close();
        } else if (state === 'failed') {
            document.addEventListener('visibilitychange', retryWhenVisible);
        } else if (state === 'rejected') {
            location.reload();
        }
    });
    // Escape must not hide the dialog while the page cannot work.
    dialog.addEventListener('cancel', event => event.preventDefault());

    document.getElementById('components-reconnect-button').addEventListener('click', retry);
    document.getElementById('components-resume-button').addEventListener('click', resume);
    document.getElementById('components-reload-button').addEventListener('click', () => location.reload());

    async function retry() {
        document.removeEventListener('visibilitychange', retryWhenVisible);
        try {
            // true: reconnected; false: the server answered but no longer knows the circuit; throws: no server.
            if (!await Blazor.reconnect()) {
                if (await Blazor.resumeCircuit()) dialog.close();
                else location.reload();
            }
        } catch {
            document.addEventListener('visibilitychange', retryWhenVisible);
        }
    }

    async function resume() {
        try {
            if (!await Blazor.resumeCircuit()) location.reload();
        } catch {
            location.reload();
        }
    }

    async function retryWhenVisible() {
        if (document.visibilityState === 'visible') await retry();
    }
})();
