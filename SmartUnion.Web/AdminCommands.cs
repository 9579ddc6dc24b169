using SmartUnion.Domain.Services;

namespace SmartUnion.Web;

/// <summary>
/// Operations run from the command line instead of serving, e.g.
/// <c>dotnet run --project SmartUnion.Web -- backup /srv/backup/smartunion-2026-11-26.db</c>
/// (safe while the app is running: SQLite's VACUUM INTO takes a consistent snapshot).
/// </summary>
public static class AdminCommands
{
    private static readonly string[] Commands = ["backup"];

    /// <summary>Separates an admin command and its arguments from the host's own arguments.</summary>
    public static (string[]? Command, string[] HostArgs) Split(string[] args)
    {
        if (args.Length > 0 && Commands.Contains(args[0]))
            return (args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray(),
                args.SkipWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray());
        return (null, args);
    }

    public static async Task<int> RunAsync(WebApplication app, string[] command)
    {
        switch (command)
        {
            case ["backup", var destination]:
                await app.Services.GetRequiredService<BackupService>().BackupAsync(destination);
                var check = await BackupService.IntegrityCheckAsync(destination);
                Console.WriteLine($"备份完成: {Path.GetFullPath(destination)} (integrity_check: {check})");
                return check == "ok" ? 0 : 1;
            default:
                Console.Error.WriteLine("用法: dotnet run --project SmartUnion.Web -- backup <备份文件路径>");
                return 2;
        }
    }
}
