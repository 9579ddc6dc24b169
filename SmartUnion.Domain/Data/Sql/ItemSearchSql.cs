using Microsoft.EntityFrameworkCore.Migrations;

namespace SmartUnion.Domain.Data.Sql;

/// <summary>
/// The full-text index of 公文标题 and 正文 (the 关键字 filter of the list, <see cref="Services.ItemSearch"/>), written by
/// hand per provider and called from the AddItemSearch migration of each set, so that the migration can be regenerated.
/// </summary>
public static class ItemSearchSql
{
    /// <summary>The FTS5 table over Items (SQLite).</summary>
    public const string SqliteTable = "ItemSearch";

    /// <summary>
    /// SQLite: an external-content FTS5 table with the trigram tokenizer (every 3 characters a token, so Chinese
    /// needs no word splitting; case-sensitive, like the substring test of short keywords), kept in step with Items by
    /// triggers, then filled from the existing rows. The update trigger fires only when 标题 or 正文 change, not on
    /// 上报, 采用 or 驳回.
    /// </summary>
    public static class Sqlite
    {
        public const string CreateTable =
            """CREATE VIRTUAL TABLE "ItemSearch" USING fts5("Title", "Body", content='Items', content_rowid='Id', tokenize='trigram case_sensitive 1');""";

        private const string Add = """INSERT INTO "ItemSearch"(rowid, "Title", "Body") VALUES (NEW."Id", NEW."Title", NEW."Body");""";
        private const string Remove = """INSERT INTO "ItemSearch"("ItemSearch", rowid, "Title", "Body") VALUES ('delete', OLD."Id", OLD."Title", OLD."Body");""";

        public static readonly string[] Triggers =
        [
            $"""
            CREATE TRIGGER "TR_Items_ItemSearch_Insert" AFTER INSERT ON "Items"
            BEGIN
                {Add}
            END;
            """,
            $"""
            CREATE TRIGGER "TR_Items_ItemSearch_Delete" AFTER DELETE ON "Items"
            BEGIN
                {Remove}
            END;
            """,
            $"""
            CREATE TRIGGER "TR_Items_ItemSearch_Update" AFTER UPDATE OF "Title", "Body" ON "Items"
            BEGIN
                {Remove}
                {Add}
            END;
            """,
        ];

        /// <summary>Fills the index from Items (after a bulk load that bypassed the triggers, or at migration time).</summary>
        public const string Rebuild = """INSERT INTO "ItemSearch"("ItemSearch") VALUES ('rebuild');""";

        public static void Up(MigrationBuilder migrationBuilder)
        {
            ArgumentNullException.ThrowIfNull(migrationBuilder);
            migrationBuilder.Sql(CreateTable);
            foreach (var trigger in Triggers) migrationBuilder.Sql(trigger);
            migrationBuilder.Sql(Rebuild);
        }

        public static void Down(MigrationBuilder migrationBuilder)
        {
            ArgumentNullException.ThrowIfNull(migrationBuilder);
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "TR_Items_ItemSearch_Insert";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "TR_Items_ItemSearch_Delete";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "TR_Items_ItemSearch_Update";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "ItemSearch";""");
        }
    }

    /// <summary>
    /// PostgreSQL: pg_trgm's GIN indexes on 标题 and 正文; they serve <c>LIKE '%…%'</c> (the keyword escaped) for three
    /// characters and more, rows rechecked exactly. PostgreSQL keeps them in step itself.
    /// </summary>
    public static class PostgreSql
    {
        public static void Up(MigrationBuilder migrationBuilder)
        {
            ArgumentNullException.ThrowIfNull(migrationBuilder);
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("""CREATE INDEX "IX_Items_Title_Trgm" ON "Items" USING gin ("Title" gin_trgm_ops);""");
            migrationBuilder.Sql("""CREATE INDEX "IX_Items_Body_Trgm" ON "Items" USING gin ("Body" gin_trgm_ops);""");
        }

        public static void Down(MigrationBuilder migrationBuilder)
        {
            ArgumentNullException.ThrowIfNull(migrationBuilder);
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Items_Title_Trgm";""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Items_Body_Trgm";""");
            // The extension stays: other objects may use it.
        }
    }
}
