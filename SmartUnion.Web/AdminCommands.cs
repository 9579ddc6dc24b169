using SmartUnion.Domain.Services;

namespace SmartUnion.Web;

/// <summary>
/// Operations run from the command line instead of serving, e.g.
/// <c>dotnet run --project SmartUnion.Web -- backup /srv/backup/smartunion-2026-11-26.db</c>
/// (safe while the app is running: SQLite's VACUUM INTO takes a consistent snapshot, and the attachment files
/// that snapshot names are copied to <c>/srv/backup/smartunion-2026-11-26.db.attachments/</c>; on PostgreSQL the
/// same command writes a pg_dump custom-format archive of one snapshot and the files that snapshot names).
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
                return await BackupAsync(app.Services.GetRequiredService<BackupService>(), destination);
            default:
                Console.Error.WriteLine("用法: dotnet run --project SmartUnion.Web -- backup <备份文件路径>（附件备份到 <备份文件路径>.attachments/）");
                return 2;
        }
    }

    /// <summary>Prints what was written and every problem; 0 only when the snapshot is sound and every attachment was copied.</summary>
    private static async Task<int> BackupAsync(BackupService backups, string destination)
    {
        BackupResult result;
        try
        {
            result = await backups.BackupAsync(destination);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or Npgsql.NpgsqlException)
        {
            Console.Error.WriteLine($"备份失败: {ex.Message}");
            return 1;
        }
        string check;
        if (backups.IsPostgreSql)
        {
            check = await backups.CheckPgDumpAsync(result.DatabaseFile);
            Console.WriteLine($"数据库: {result.DatabaseFile} (pg_dump 自定义格式, pg_restore --list: {check})");
        }
        else
        {
            check = await BackupService.IntegrityCheckAsync(result.DatabaseFile);
            Console.WriteLine($"数据库: {result.DatabaseFile} (integrity_check: {check})");
        }
        Console.WriteLine($"附件: {result.AttachmentsFolder}{Path.DirectorySeparatorChar} ({result.Files} 个附件，{AttachmentStore.FormatSize(result.Bytes)})");
        foreach (var problem in result.Problems)
            Console.Error.WriteLine($"问题: {problem}");
        var ok = check == "ok" && result.IsComplete;
        if (ok)
            Console.WriteLine("备份完成");
        else
            Console.Error.WriteLine($"备份不完整: {(check == "ok" ? "" : "数据库完整性检查未通过；")}{(result.IsComplete ? "" : $"{result.Problems.Count} 个附件未备份；")}请处理后重新备份");
        return ok ? 0 : 1;
    }
}
