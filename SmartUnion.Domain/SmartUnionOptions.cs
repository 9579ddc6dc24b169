namespace SmartUnion.Domain;

/// <summary>Configuration section "SmartUnion".</summary>
public class SmartUnionOptions
{
    public const string Section = "SmartUnion";

    /// <summary>Folder for the SQLite file and attachments; relative paths are under the app's content root.</summary>
    public string DataFolder { get; set; } = "App_Data";
    /// <summary>How long a writer waits for the write lock (SQLite busy_timeout, PostgreSQL lock_timeout).</summary>
    public int BusyTimeoutMs { get; set; } = 10_000;
    public DatabaseOptions Database { get; set; } = new();
    public AttachmentOptions Attachments { get; set; } = new();
    public SeedOptions Seed { get; set; } = new();
}

public class DatabaseOptions
{
    /// <summary>Sqlite (default) or PostgreSQL; the connection string is ConnectionStrings:SmartUnion.</summary>
    public string Provider { get; set; } = "Sqlite";
    /// <summary>PostgreSQL's backup tool for the <c>backup</c> command; empty: pg_dump on PATH, else the newest /usr/lib/postgresql/*/bin/pg_dump.</summary>
    public string? PgDump { get; set; }
}

public class AttachmentOptions
{
    /// <summary>
    /// Where the attachment files are kept; empty means "attachments" in the data folder. With several app instances
    /// this must be one shared folder (NFS/SMB mount) that every instance reads and writes (README 多实例部署).
    /// Relative paths are under the app's content root.
    /// </summary>
    public string? Folder { get; set; }
    public long MaxFileBytes { get; set; } = 20 * 1024 * 1024;
    public int MaxFilesPerItem { get; set; } = 10;
    /// <summary>
    /// The extension allow-list; empty means <see cref="DefaultAllowedExtensions"/>. (The configuration binder
    /// appends a configured array to a non-empty default instead of replacing it, so the default lives apart.)
    /// </summary>
    public string[] AllowedExtensions { get; set; } = [];

    public static readonly string[] DefaultAllowedExtensions =
        ["doc", "docx", "wps", "pdf", "txt", "xls", "xlsx", "et", "ppt", "pptx", "jpg", "jpeg", "png", "gif", "zip", "rar", "7z"];
}

public class SeedOptions
{
    /// <summary>Demo units' accounts and a few months of demo items; on for local runs, off in production.</summary>
    public bool Demo { get; set; }
    /// <summary>With demo seeding off, the first admin is created from these (only when no admin exists).</summary>
    public string? AdminUserName { get; set; }
    public string? AdminPassword { get; set; }
    public string AdminDisplayName { get; set; } = "系统管理员";
}
