using System.Diagnostics;

namespace SmartUnion.Tests.Infrastructure;

/// <summary>
/// Reads a generated document the way an office suite does: Debian's LibreOffice (`soffice --headless --convert-to txt`,
/// installed by test.sh) turns it into plain text, with its own throwaway profile so that parallel tests never share one.
/// </summary>
public static class LibreOffice
{
    public static async Task<string> ToTextAsync(string documentPath)
    {
        var folder = Directory.CreateTempSubdirectory("su-soffice-");
        try
        {
            var start = new ProcessStartInfo("soffice")
            {
                ArgumentList =
                {
                    $"-env:UserInstallation=file://{folder.FullName}/profile", "--headless", "--norestore",
                    "--convert-to", "txt:Text (encoded):UTF8", "--outdir", folder.FullName, documentPath,
                },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("soffice did not start");
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.StandardOutput.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            var text = Path.Combine(folder.FullName, Path.GetFileNameWithoutExtension(documentPath) + ".txt");
            if (process.ExitCode != 0 || !File.Exists(text))
                throw new InvalidOperationException($"soffice could not read {documentPath} (exit {process.ExitCode}): {await stderr}");
            return await File.ReadAllTextAsync(text);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
