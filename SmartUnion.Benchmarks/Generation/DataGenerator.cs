using System.Data.Common;
using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SmartUnion.Domain.Data;
using SmartUnion.Domain.Data.Seeding;
using SmartUnion.Domain.Data.Sql;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;

namespace SmartUnion.Benchmarks.Generation;

/// <summary>What a generation run did and cost.</summary>
public sealed record GenerationReport(
    GeneratorScale Scale,
    string DbPath,
    TimeSpan Elapsed,
    long PeakWorkingSetBytes,
    long FileBytes,
    IReadOnlyDictionary<string, long> RowCounts,
    IReadOnlyList<(string Phase, TimeSpan Elapsed)> Phases);

/// <summary>
/// Creates a database through the real schema (the app's migrations and reference-data seeder), then bulk-loads
/// units, users, items, adoptions and deductions: SQLite with prepared commands in large transactions, PostgreSQL
/// with binary COPY. Deterministic: the same scale gives the same rows on either.
/// </summary>
public sealed class DataGenerator
{
    /// <summary>EF Core's SQLite text format for DateTime and DateOnly.</summary>
    internal const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";
    internal const string DateFormat = "yyyy-MM-dd";
    private const int MaxFormsPerItem = 10;
    private const int BatchRows = 100_000;

    private readonly GeneratorScale _scale;
    private readonly BenchDatabase _db;
    private readonly TextWriter _log;
    private readonly Random _random = new(GeneratorScale.Seed);
    /// <summary>The 合报 stream (see InsertItemsAndAdoptions): about 3% of reported items are joint items of three units.</summary>
    private readonly Random _joint = new(GeneratorScale.Seed + 17);
    private const double JointShare = 0.03;
    private readonly ChineseText _text;
    private readonly List<(string Phase, TimeSpan Elapsed)> _phases = [];
    private readonly Stopwatch _phase = new();

    private readonly List<GenUnit> _units = [];
    private readonly Dictionary<int, List<string>> _reporters = [];
    private readonly List<string> _cityReviewers = [];
    private double[] _unitCumulative = [];
    private GenForm[] _forms = [];
    private double[] _formCumulative = [];

    private DataGenerator(GeneratorScale scale, BenchDatabase db, TextWriter log)
    {
        _scale = scale;
        _db = db;
        _log = log;
        _text = new ChineseText(_random);
    }

    public static Task<GenerationReport> GenerateAsync(GeneratorScale scale, string dbPath, TextWriter? log = null, CancellationToken ct = default) =>
        GenerateAsync(scale, BenchDatabase.Sqlite(dbPath), log, ct);

    /// <summary>Generates into a SQLite file (replaced) or a PostgreSQL database (dropped and created anew).</summary>
    public static async Task<GenerationReport> GenerateAsync(GeneratorScale scale, BenchDatabase db, TextWriter? log = null, CancellationToken ct = default)
    {
        if (scale.Adoptions < (int)Math.Round(scale.Items * GeneratorScale.AdoptedShare))
            throw new ArgumentException("every adopted item needs at least one adoption: raise Adoptions");
        var generator = new DataGenerator(scale, db, log ?? TextWriter.Null);
        return db.IsPostgreSql ? await generator.RunPostgreSqlAsync(ct) : await generator.RunAsync(ct);
    }

    private async Task<GenerationReport> RunAsync(CancellationToken ct)
    {
        var total = Stopwatch.StartNew();
        Directory.CreateDirectory(Path.GetDirectoryName(_db.Location)!);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_db.Location + suffix);

        _phase.Restart();
        await using (var services = BenchmarkHost.Create(_db.Location))
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
        SqliteConnection.ClearAllPools();
        EndPhase("schema (migrations) + reference data (DataSeeder)");

        using var conn = new SqliteConnection(BenchmarkHost.ConnectionString(_db.Location, pooling: false));
        conn.Open();
        Exec(conn, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-262144;");
        var indexes = DropSecondaryIndexesAndTriggers(conn, "Items", "Adoptions", "Deductions", "ScoreShares");

        using (var target = new SqliteBulkTarget(conn))
            LoadRows(conn, target, ct);

        Exec(conn, UnitDayScore.RebuildSql);
        EndPhase("UnitDayScores summary");
        // The full-text index of 标题 and 正文 (its triggers were dropped with the others for the load).
        Exec(conn, ItemSearchSql.Sqlite.Rebuild);
        EndPhase("ItemSearch full-text index");
        foreach (var sql in indexes) Exec(conn, sql);
        EndPhase($"recreate {indexes.Count} indexes and triggers");
        using (var check = conn.CreateCommand())
        {
            check.CommandText = "PRAGMA foreign_key_check;";
            using var reader = check.ExecuteReader();
            if (reader.Read())
                throw new InvalidOperationException($"foreign key violation in table {reader.GetString(0)}");
        }
        Exec(conn, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        EndPhase("foreign_key_check + WAL");

        var counts = new Dictionary<string, long>();
        foreach (var table in new[] { "Units", "AspNetUsers", "Items", "Adoptions", "Deductions" })
            counts[table] = Scalar(conn, $"SELECT COUNT(*) FROM \"{table}\"");
        conn.Close();
        SqliteConnection.ClearAllPools();

        return new GenerationReport(_scale, _db.Location, total.Elapsed, PeakWorkingSet(), new FileInfo(_db.Location).Length, counts, _phases);
    }

    /// <summary>Reference data, then every generated table through <paramref name="target"/>.</summary>
    private void LoadRows(DbConnection conn, IBulkTarget target, CancellationToken ct)
    {
        LoadReferenceData(conn);
        InsertUnits(target);
        InsertGroups(conn);
        EndPhase($"units ({_units.Count}) in 3 单位分组 with dated quotas");
        InsertUsers(conn, target);
        EndPhase("users");
        InsertItemsAndAdoptions(target, ct);
        EndPhase($"items ({_scale.Items:N0}) + adoptions ({_scale.Adoptions:N0})");
        InsertDeductions(target);
        EndPhase($"deductions ({_scale.Deductions:N0})");
    }

    /// <summary>
    /// PostgreSQL: the database is dropped and created by the app's own start-up (migrations + seeder), then the
    /// foreign keys and secondary indexes of the loaded tables are dropped and the summary triggers disabled, the rows
    /// are streamed with binary COPY, the summaries are rebuilt with the triggers' rule in one statement, the indexes
    /// are recreated, the foreign keys re-added (which validates every row), the identity sequences moved past the
    /// generated ids, and the tables analysed.
    /// </summary>
    private async Task<GenerationReport> RunPostgreSqlAsync(CancellationToken ct)
    {
        var total = Stopwatch.StartNew();
        var csb = new NpgsqlConnectionStringBuilder(_db.Location);
        var database = csb.Database ?? throw new ArgumentException("the PostgreSQL connection string names no Database");
        _phase.Restart();
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_db.Location) { Database = "postgres", Pooling = false }.ToString()))
        {
            await admin.OpenAsync(ct);
            Exec(admin, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
        await using (var services = BenchmarkHost.Create(_db))
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
        NpgsqlConnection.ClearAllPools();
        EndPhase("create database + schema (migrations) + reference data (DataSeeder)");

        var tables = new[] { "Units", "AspNetUsers", "AspNetUserRoles", "Items", "Adoptions", "Deductions", "ItemShares" };
        var unpooled = new NpgsqlConnectionStringBuilder(_db.Location) { Pooling = false, CommandTimeout = 0 }.ToString();
        await using var conn = new NpgsqlConnection(unpooled);
        await conn.OpenAsync(ct);
        var inList = string.Join(", ", tables.Select(t => $"'\"{t}\"'::regclass"));
        var foreignKeys = Rows(conn, $"SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' AND conrelid IN ({inList}) ORDER BY 1, 2");
        var indexes = Rows(conn, $"""
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid), '' FROM pg_index i
            WHERE i.indrelid IN ('"Items"'::regclass, '"Adoptions"'::regclass, '"Deductions"'::regclass)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            ORDER BY 1
            """);
        foreach (var (table, name, _) in foreignKeys) Exec(conn, $"ALTER TABLE {table} DROP CONSTRAINT \"{name}\"");
        foreach (var (name, _, _) in indexes) Exec(conn, $"DROP INDEX {name}");
        Exec(conn, "ALTER TABLE \"Adoptions\" DISABLE TRIGGER USER");
        Exec(conn, "ALTER TABLE \"ScoreShares\" DISABLE TRIGGER USER");
        EndPhase($"drop {foreignKeys.Count} foreign keys and {indexes.Count} indexes, disable the summary triggers");

        using (var target = new PostgreSqlBulkTarget(unpooled))
            LoadRows(conn, target, ct);

        Exec(conn, UnitDayScore.RebuildSqlPostgreSql);
        EndPhase("UnitDayScores + UnitMonthScores summaries");
        foreach (var (_, sql, _) in indexes) Exec(conn, sql);
        Exec(conn, "ALTER TABLE \"Adoptions\" ENABLE TRIGGER USER");
        Exec(conn, "ALTER TABLE \"ScoreShares\" ENABLE TRIGGER USER");
        EndPhase($"recreate {indexes.Count} indexes, enable the triggers");
        foreach (var (table, name, definition) in foreignKeys) Exec(conn, $"ALTER TABLE {table} ADD CONSTRAINT \"{name}\" {definition}");
        EndPhase($"re-add (validate) {foreignKeys.Count} foreign keys");
        foreach (var table in new[] { "Units", "Items", "Adoptions", "Deductions" })
            Exec(conn, $"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), (SELECT MAX(\"Id\") FROM \"{table}\"))");
        Exec(conn, "VACUUM (ANALYZE)");
        EndPhase("identity sequences + VACUUM (ANALYZE)");

        var counts = new Dictionary<string, long>();
        foreach (var table in new[] { "Units", "AspNetUsers", "Items", "Adoptions", "Deductions" })
            counts[table] = Scalar(conn, $"SELECT COUNT(*) FROM \"{table}\"");
        var bytes = Scalar(conn, "SELECT pg_database_size(current_database())");
        await conn.CloseAsync();
        NpgsqlConnection.ClearAllPools();
        return new GenerationReport(_scale, _db.Name, total.Elapsed, PeakWorkingSet(), bytes, counts, _phases);
    }

    private static List<(string, string, string)> Rows(DbConnection conn, string sql)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<(string, string, string)>();
        while (r.Read()) rows.Add((r.GetString(0), r.GetString(1), r.GetString(2)));
        return rows;
    }

    private void EndPhase(string name)
    {
        _phases.Add((name, _phase.Elapsed));
        _log.WriteLine($"  {name}: {_phase.Elapsed.TotalSeconds:F1} s");
        _phase.Restart();
    }

    /// <summary>
    /// Secondary indexes are rebuilt after the load (one sort per index instead of millions of B-tree inserts)
    /// and the summary triggers are recreated after one set-based rebuild of the summary. The statements come
    /// from sqlite_master, so they are exactly those of the migrations.
    /// </summary>
    private static List<string> DropSecondaryIndexesAndTriggers(SqliteConnection conn, params string[] tables)
    {
        var sqls = new List<(string Type, string Name, string Sql)>();
        using (var cmd = conn.CreateCommand())
        {
            cmd.CommandText = $"SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN ({string.Join(",", tables.Select(t => $"'{t}'"))}) ORDER BY type";
            using var reader = cmd.ExecuteReader();
            while (reader.Read()) sqls.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        foreach (var (type, name, _) in sqls) Exec(conn, $"DROP {type.ToUpperInvariant()} \"{name}\";");
        return sqls.Select(s => s.Sql).ToList();
    }

    private void LoadReferenceData(DbConnection conn)
    {
        using (var cmd = conn.CreateCommand())
        {
            cmd.CommandText = "SELECT \"Id\", \"Name\", \"ShortName\", \"Level\", \"Path\", \"SortOrder\" FROM \"Units\" ORDER BY \"Id\"";
            using var r = cmd.ExecuteReader();
            while (r.Read())
                _units.Add(new GenUnit(r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetString(4), r.GetInt32(5)));
        }
        var forms = new List<GenForm>();
        using (var cmd = conn.CreateCommand())
        {
            cmd.CommandText = """
                SELECT f."Id", f."PublicationId", f."Points", p."Kind", p."Level", f."SortOrder"
                FROM "AdoptionForms" f JOIN "Publications" p ON p."Id" = f."PublicationId"
                WHERE f."IsActive" AND p."IsActive" ORDER BY p."SortOrder", f."SortOrder", f."Id"
                """;
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var level = (PublicationLevel)r.GetInt32(4);
                // City channels adopt far more often than provincial ones, national ones rarely; the first form is the common one.
                var weight = level switch { PublicationLevel.City => 6.0, PublicationLevel.Province => 2.0, _ => 0.5 } * (r.GetInt32(5) == 1 ? 2 : 1);
                forms.Add(new GenForm(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), (PublicationKind)r.GetInt32(3) == PublicationKind.Periodical, weight));
            }
        }
        _forms = [.. forms];
        _formCumulative = Cumulative(_forms.Select(f => f.Weight));

        // Dated rule versions: every form's 分值 was one point lower (at least 1) before RulesChangedOn, so that the
        // adoptions of the history snapshot two versions, as a real installation's do after a rules change.
        Exec(conn, $"UPDATE \"AdoptionFormPointVersions\" SET \"Points\" = CASE WHEN \"Points\" > 1 THEN \"Points\" - 1 ELSE 1 END WHERE \"AdoptionFormId\" IN ({string.Join(",", _forms.Select(f => f.Id))})");
        foreach (var f in _forms)
            Exec(conn, $"INSERT INTO \"AdoptionFormPointVersions\" (\"AdoptionFormId\", \"EffectiveFrom\", \"Points\") VALUES ({f.Id}, '{RulesChangedOn:yyyy-MM-dd}', {f.Points})");
    }

    /// <summary>The day the generated history's 分值 went up by one point (see LoadReferenceData).</summary>
    public static readonly DateOnly RulesChangedOn = new(2026, 1, 1);

    private static readonly DateTime RulesChangedUtc = ChinaTime.StartOfDayUtc(RulesChangedOn);

    /// <summary>The points an adoption at <paramref name="at"/> snapshots: the version in force on its 录用日期.</summary>
    private static long SnapshotHundredths(GenForm form, DateTime at) =>
        (at < RulesChangedUtc ? Math.Max(1, form.Points - 1) : form.Points) * 100L;

    private static readonly (string Name, string ShortName)[] IndustryUnions =
    [
        ("苏州市教育工会", "市教育工会"), ("苏州市卫生健康工会", "市卫健工会"), ("苏州市交通运输工会", "市交通工会"),
        ("苏州市金融工会", "市金融工会"), ("苏州市建设工会", "市建设工会"), ("苏州市机关工会", "市机关工会"),
        ("苏州市商贸工会", "市商贸工会"), ("苏州市文旅工会", "市文旅工会"), ("苏州市农林水工会", "市农林水工会"),
        ("苏州市邮政工会", "市邮政工会"),
    ];

    private static readonly string[] Places =
    [
        "横塘", "木渎", "甪直", "胥口", "临湖", "东山", "金庭", "光福", "香山", "越溪", "郭巷", "城南", "长桥", "太湖",
        "渭塘", "黄埭", "北桥", "望亭", "元和", "黄桥", "太平", "阳澄湖", "漕湖", "松陵", "同里", "平望", "盛泽", "七都",
        "震泽", "桃源", "黎里", "汾湖", "浒墅关", "通安", "东渚", "镇湖", "枫桥", "狮山", "娄葑", "斜塘", "唯亭", "胜浦",
        "虞山", "海虞", "梅李", "古里", "沙家浜", "支塘", "董浜", "尚湖", "碧溪", "杨园", "塘桥", "金港", "锦丰", "乐余",
        "凤凰", "南丰", "大新", "玉山", "巴城", "周市", "陆家", "花桥", "千灯", "淀山湖", "张浦", "周庄", "锦溪", "城厢",
        "沙溪", "浏河", "浮桥", "璜泾", "双凤", "平江", "沧浪", "双塔", "金阊", "虎丘", "白洋湾", "吴门桥",
    ];

    private static readonly (string Name, string Short)[] ThirdLevelKinds =
        [("街道总工会", "街道总"), ("经济开发区工会", "开发区工会"), ("社区联合工会", "社区工会")];

    private void InsertUnits(IBulkTarget target)
    {
        var root = _units.Single(u => u.Level == 1);
        var secondLevel = _units.Where(u => u.Level == 2).ToList();
        var nextId = _units.Max(u => u.Id) + 1;
        var nextSort = _units.Max(u => u.SortOrder) + 1;
        var added = new List<GenUnit>();
        for (var i = 0; secondLevel.Count < _scale.SecondLevelUnits && _units.Count + added.Count < _scale.Units; i++)
        {
            var (name, shortName) = IndustryUnions[i];
            var unit = new GenUnit(nextId, name, shortName, 2, $"{root.Path}{nextId}/", nextSort++, root.Id);
            nextId++;
            secondLevel.Add(unit);
            added.Add(unit);
        }
        for (var k = 0; _units.Count + added.Count < _scale.Units; k++)
        {
            var parent = secondLevel[k % secondLevel.Count];
            var place = Places[k % Places.Length];
            var kind = ThirdLevelKinds[k / Places.Length % ThirdLevelKinds.Length];
            var unit = new GenUnit(nextId, $"{parent.ShortName}{place}{kind.Name}", $"{place}{kind.Short}", 3,
                $"{parent.Path}{nextId}/", 1000 + k, parent.Id);
            nextId++;
            added.Add(unit);
        }

        using (var cmd = target.Open("Units", "Id", "Name", "ShortName", "Level", "ParentId", "Path", "SortOrder", "IsActive"))
            foreach (var u in added)
                cmd.Row(u.Id, u.Name, u.ShortName, u.Level, u.ParentId, u.Path, u.SortOrder, true);
        target.Commit();
        _units.AddRange(added);

        // A skewed distribution: units ranked in a fixed shuffled order, weight 1/rank^1.2 (Zipf-like),
        // so a few units produce most items; the city federation itself reports little.
        var order = _units.Select(u => u.Id).ToArray();
        _random.Shuffle(order);
        var rank = order.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        _unitCumulative = Cumulative(_units.Select(u => (u.Level == 1 ? 0.2 : 1.0) / Math.Pow(rank[u.Id] + 1, 1.2)));
    }

    /// <summary>
    /// 单位分组 as a province has them: the seeded districts are 县市区总工会, the other second-level units 产业工会, the
    /// third level 基层工会; each group has a 月度报送任务数 from the first generated month (5 / 3 / 2), and one 考核规则.
    /// </summary>
    private void InsertGroups(DbConnection conn)
    {
        var first = ChinaTime.ToLocal(GeneratorScale.EndUtc).AddYears(-_scale.Years);
        var from = $"'{first.Year:0000}-{first.Month:00}-01'";
        var at = conn is NpgsqlConnection ? "TIMESTAMPTZ '2016-01-01 00:00:00+00'" : "'2016-01-01 00:00:00'";
        var seeded = _units.Where(u => u.Level == 2 && u.ParentId is null).Select(u => u.Id).ToList();
        var groups = new (string Name, int Quota, IEnumerable<int> Units)[]
        {
            ("县市区总工会", 5, seeded),
            ("产业工会", 3, _units.Where(u => u.Level == 2 && u.ParentId is not null).Select(u => u.Id)),
            ("基层工会", 2, _units.Where(u => u.Level == 3).Select(u => u.Id)),
        };
        for (var i = 0; i < groups.Length; i++)
        {
            var (name, quota, units) = groups[i];
            Exec(conn, $"INSERT INTO \"UnitGroups\" (\"Name\", \"SortOrder\") VALUES ('{name}', {i + 1})");
            var group = $"(SELECT \"Id\" FROM \"UnitGroups\" WHERE \"Name\" = '{name}')";
            var ids = string.Join(",", units);
            if (ids.Length > 0) Exec(conn, $"UPDATE \"Units\" SET \"GroupId\" = {group} WHERE \"Id\" IN ({ids})");
            Exec(conn, $"INSERT INTO \"QuotaVersions\" (\"GroupId\", \"EffectiveFrom\", \"Quota\", \"CreatedById\", \"CreatedAt\") VALUES ({group}, {from}, {quota}, '', {at})");
        }
        Exec(conn, $"INSERT INTO \"QuotaRuleSets\" (\"EffectiveFrom\", \"PointsPerMissingItem\", \"MonthlyBasePoints\", \"PointsPerUnansweredCommission\", \"CreatedById\", \"CreatedAt\") VALUES ({from}, 1, 10, 2, '', {at})");
    }

    private void InsertUsers(DbConnection conn, IBulkTarget target)
    {
        var roleIds = new Dictionary<string, string>();
        using (var cmd = conn.CreateCommand())
        {
            cmd.CommandText = "SELECT \"Name\", \"Id\" FROM \"AspNetRoles\"";
            using var r = cmd.ExecuteReader();
            while (r.Read()) roleIds[r.GetString(0)] = r.GetString(1);
        }
        // One PBKDF2 hash for every generated account (they all share the demo password).
        var hash = new PasswordHasher<AppUser>().HashPassword(new AppUser(), GeneratorScale.Password);
        var demoNames = ReferenceData.DemoUsers.Where(d => d.Role == Roles.Reporter).ToDictionary(d => d.UnitShortName, d => d.UserName);
        var created = GeneratorScale.EndUtc.AddYears(-_scale.Years);

        var user = target.Open("AspNetUsers", "Id", "DisplayName", "UnitId", "IsActive", "CreatedAt", "UserName", "NormalizedUserName", "EmailConfirmed",
            "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount");
        var userRole = target.Open("AspNetUserRoles", "UserId", "RoleId");

        string Add(string userName, string displayName, int unitId, string role)
        {
            var id = NewGuid().ToString();
            user.Row(id, displayName, unitId, true, created, userName, userName.ToUpperInvariant(), true, hash,
                NewGuid().ToString("N").ToUpperInvariant(), NewGuid().ToString(), false, false, true, 0);
            userRole.Row(id, roleIds[role]);
            return id;
        }

        foreach (var unit in _units)
        {
            var reporters = new List<string>();
            for (var n = 1; n <= _scale.ReportersPerUnit; n++)
            {
                var userName = n == 1 && demoNames.TryGetValue(unit.ShortName, out var demo) ? demo : $"u{unit.Id}r{n}";
                reporters.Add(Add(userName, $"{unit.ShortName}报送员{n}", unit.Id, Roles.Reporter));
            }
            _reporters[unit.Id] = reporters;
            if (unit.Level == 1)
            {
                _cityReviewers.Add(Add("shenhe", "市总审核员", unit.Id, Roles.Reviewer));
                _cityReviewers.Add(Add("shenhe2", "市总审核员2", unit.Id, Roles.Reviewer));
                Add("admin", "系统管理员", unit.Id, Roles.Admin);
            }
            else if (unit.Level == 2)
            {
                Add($"u{unit.Id}s", $"{unit.ShortName}审核员", unit.Id, Roles.Reviewer);
            }
        }
        user.Dispose();
        userRole.Dispose();
        target.Commit();
    }

    private void InsertItemsAndAdoptions(IBulkTarget target, CancellationToken ct)
    {
        var n = _scale.Items;
        var end = GeneratorScale.EndUtc;
        var start = end.AddYears(-_scale.Years);
        var days = (int)(end - start).TotalDays;

        // 上报 times: a uniform day, office hours China time (08:00–18:00 = 00:00–10:00 UTC), sorted so that
        // ids follow time as they do in a real database.
        var times = new long[n];
        for (var i = 0; i < n; i++)
            times[i] = start.Date.AddDays(_random.Next(days)).Ticks + (long)_random.Next(10 * 3600) * TimeSpan.TicksPerSecond;
        Array.Sort(times);

        var states = new ItemState[n];
        var drafts = (int)Math.Round(n * GeneratorScale.DraftShare);
        var rejected = (int)Math.Round(n * GeneratorScale.RejectedShare);
        var adopted = (int)Math.Round(n * GeneratorScale.AdoptedShare);
        for (var i = 0; i < n; i++)
            states[i] = i < drafts ? ItemState.Draft : i < drafts + rejected ? ItemState.Rejected : i < drafts + rejected + adopted ? ItemState.Adopted : ItemState.Reported;
        _random.Shuffle(states);

        // Adoptions per adopted item: one each, the rest spread at random (at most MaxFormsPerItem).
        var perItem = new byte[adopted];
        Array.Fill(perItem, (byte)1);
        var maxPerItem = Math.Min(MaxFormsPerItem, _forms.Length);
        if ((long)adopted * maxPerItem < _scale.Adoptions)
            throw new ArgumentException("too many adoptions for the number of adopted items");
        for (var extra = _scale.Adoptions - adopted; extra > 0;)
        {
            var k = _random.Next(adopted);
            if (perItem[k] >= maxPerItem) continue;
            perItem[k]++;
            extra--;
        }

        var item = target.Open("Items", "Id", "Title", "Body", "Category", "UnitId", "AuthorId", "CreatedAt", "UpdatedAt", "ReportedAt",
            "State", "RejectReason", "RejectedAt", "RejectedById", "Version");
        var adoption = target.Open("Adoptions", "Id", "InfoItemId", "UnitId", "PublicationId", "AdoptionFormId", "Year", "Issue", "AdoptedAt", "ReviewerId", "Points");
        var shares = target.Open("ItemShares", "InfoItemId", "UnitId", "Position", "Weight", "WeightFrom", "WeightTo", "WeightTotal");

        var adoptionId = 0;
        var adoptedIndex = 0;
        var used = new bool[_forms.Length];
        var itemAdoptions = new List<(GenForm Form, DateTime At)>(MaxFormsPerItem);
        for (var i = 0; i < n; i++)
        {
            if (i > 0 && i % BatchRows == 0)
            {
                target.Commit();
                ct.ThrowIfCancellationRequested();
                _log.WriteLine($"    {i:N0} items");
            }
            var id = i + 1;
            var unit = _units[Pick(_unitCumulative)];
            var reporters = _reporters[unit.Id];
            var author = reporters[_random.Next(reporters.Count)];
            var state = states[i];
            var t = new DateTime(times[i], DateTimeKind.Utc);
            var created = t.AddMinutes(-_random.Next(10, 3 * 24 * 60));
            DateTime? reported = state == ItemState.Draft ? null : t;
            var updated = reported ?? created;
            string? reason = null, rejectedBy = null;
            DateTime? rejectedAt = null;
            var version = state == ItemState.Draft ? 1 : 2;

            itemAdoptions.Clear();
            if (state == ItemState.Adopted)
            {
                Array.Clear(used);
                for (var k = perItem[adoptedIndex++]; k > 0;)
                {
                    var f = Pick(_formCumulative);
                    if (used[f]) continue;
                    used[f] = true;
                    k--;
                    var at = Min(t.AddMinutes(_random.Next(4 * 60, 20 * 24 * 60)), end);
                    itemAdoptions.Add((_forms[f], at));
                }
                updated = itemAdoptions.Max(a => a.At);
                version = 2 + itemAdoptions.Count;
            }
            else if (state == ItemState.Rejected)
            {
                rejectedAt = Min(t.AddMinutes(_random.Next(60, 7 * 24 * 60)), end);
                updated = rejectedAt.Value;
                reason = RejectReasons[_random.Next(RejectReasons.Length)];
                rejectedBy = _cityReviewers[_random.Next(_cityReviewers.Count)];
                version = 3;
            }

            item.Row(id, _text.Title(unit.ShortName), _text.Body(unit.ShortName), (int)PickCategory(), unit.Id, author,
                created, updated, reported, (int)state, reason, rejectedAt, rejectedBy, version);

            foreach (var (form, at) in itemAdoptions)
            {
                int? year = null, issue = null;
                if (form.Periodical)
                {
                    var local = ChinaTime.ToLocal(at);
                    year = local.Year;
                    issue = (local.Month - 1) * 2 + (local.Day > 15 ? 2 : 1);
                }
                adoption.Row(++adoptionId, id, unit.Id, form.PublicationId, form.Id, year, issue, at,
                    _cityReviewers[_random.Next(_cityReviewers.Count)], SnapshotHundredths(form, at));
            }
            // 合报: a few reported items name two co-reporting units (equal shares), from a random stream of their own so
            // that the rest of the data stays as before.
            if (state != ItemState.Draft && _units.Count > 2 && _joint.NextDouble() < JointShare)
            {
                var co = new List<int>(2);
                while (co.Count < 2)
                {
                    var other = _units[_joint.Next(_units.Count)].Id;
                    if (other != unit.Id && !co.Contains(other)) co.Add(other);
                }
                co.Sort();
                var position = 0;
                foreach (var unitId in co.Prepend(unit.Id))
                {
                    shares.Row(id, unitId, position, 1, position, position + 1, 3);
                    position++;
                }
            }
        }
        item.Dispose();
        adoption.Dispose();
        shares.Dispose();
        target.Commit();
        if (adoptionId != _scale.Adoptions)
            throw new InvalidOperationException($"generated {adoptionId} adoptions, expected {_scale.Adoptions}");
    }

    private static readonly string[] RejectReasons =
        ["内容与已报送信息重复", "信息要素不全，请补充时间、地点和数据", "时效性不足", "文字需进一步精炼后再报", "不属于工会工作信息范畴"];

    private InfoCategory PickCategory() => _random.NextDouble() switch
    {
        < 0.55 => InfoCategory.General,
        < 0.75 => InfoCategory.PublicOpinion,
        < 0.90 => InfoCategory.WorkerThoughts,
        _ => InfoCategory.Research,
    };

    private void InsertDeductions(IBulkTarget target)
    {
        var end = DateOnly.FromDateTime(ChinaTime.ToLocal(GeneratorScale.EndUtc));
        var start = end.AddYears(-_scale.Years);
        var days = end.DayNumber - start.DayNumber;
        var cmd = target.Open("Deductions", "Id", "UnitId", "Points", "Reason", "Date", "CreatedById", "CreatedAt", "UpdatedAt");
        for (var i = 1; i <= _scale.Deductions; i++)
        {
            var unit = _units[Pick(_unitCumulative)];
            var date = start.AddDays(_random.Next(days + 1));
            var points = _random.NextDouble() < 0.8 ? _random.Next(1, 4) : _random.Next(4, 11);
            var created = ChinaTime.StartOfDayUtc(date).AddHours(9).AddMinutes(_random.Next(480));
            cmd.Row(i, unit.Id, points * 100L, _text.DeductionReason(), date,
                _cityReviewers[_random.Next(_cityReviewers.Count)], created, created);
        }
        cmd.Dispose();
        target.Commit();
    }

    private Guid NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)(bytes[7] & 0x0F | 0x40); // version 4
        bytes[8] = (byte)(bytes[8] & 0x3F | 0x80);
        return new Guid(bytes);
    }

    private int Pick(double[] cumulative)
    {
        var x = _random.NextDouble() * cumulative[^1];
        var i = Array.BinarySearch(cumulative, x);
        return Math.Min(i < 0 ? ~i : i, cumulative.Length - 1);
    }

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var sum = 0.0;
        return weights.Select(w => sum += w).ToArray();
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    internal static string Format(DateTime utc) => utc.ToString(DateTimeFormat, System.Globalization.CultureInfo.InvariantCulture);

    private static void Exec(DbConnection conn, string sql)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static long Scalar(DbConnection conn, string sql)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar());
    }

    /// <summary>Peak resident set (VmHWM) of this process, from /proc; the managed figure where /proc is absent.</summary>
    internal static long PeakWorkingSet()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line[6..].Trim().Split(' ')[0]) * 1024;
        }
        catch (IOException) { }
        return Process.GetCurrentProcess().PeakWorkingSet64;
    }

    private sealed record GenUnit(int Id, string Name, string ShortName, int Level, string Path, int SortOrder, int? ParentId = null);

    private sealed record GenForm(int Id, int PublicationId, int Points, bool Periodical, double Weight);
}
