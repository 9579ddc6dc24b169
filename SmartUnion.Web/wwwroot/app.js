// Saves a file streamed from .NET (DotNetStreamReference) under the given name.
window.smartUnion = {
    downloadFromStream: async function (fileName, streamRef) {
        const buffer = await streamRef.arrayBuffer();
        const blob = new Blob([buffer]);
        const url = URL.createObjectURL(blob);
        const a = document.createElement('a');
        a.href = url;
        a.download = fileName ?? '';
        a.click();
        a.remove();
        URL.revokeObjectURL(url);
    }
};
