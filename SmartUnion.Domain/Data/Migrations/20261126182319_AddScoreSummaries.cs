using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartUnion.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddScoreSummaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "UnitDayScores",
                columns: table => new
                {
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AdoptionCount = table.Column<int>(type: "INTEGER", nullable: false),
                    AdoptionPoints = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnitDayScores", x => new { x.UnitId, x.Day });
                    table.ForeignKey(
                        name: "FK_UnitDayScores_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "UnitMonthScores",
                columns: table => new
                {
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AdoptionCount = table.Column<int>(type: "INTEGER", nullable: false),
                    AdoptionPoints = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnitMonthScores", x => new { x.UnitId, x.Month });
                    table.ForeignKey(
                        name: "FK_UnitMonthScores_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_UnitDayScores_Day_UnitId_AdoptionCount_AdoptionPoints",
                table: "UnitDayScores",
                columns: new[] { "Day", "UnitId", "AdoptionCount", "AdoptionPoints" });

            migrationBuilder.CreateIndex(
                name: "IX_UnitMonthScores_Month_UnitId_AdoptionCount_AdoptionPoints",
                table: "UnitMonthScores",
                columns: new[] { "Month", "UnitId", "AdoptionCount", "AdoptionPoints" });

            // Triggers keep both summaries equal to the aggregate of Adoptions whatever writes them
            // (adoption screen, points recalculation, corrections). Days and months are China dates (UTC+8).
            // (SQLite syntax; a PostgreSQL migration set needs its own plpgsql triggers.)
            const string add = """
                    INSERT INTO "UnitDayScores" ("UnitId", "Day", "AdoptionCount", "AdoptionPoints")
                    VALUES (NEW."UnitId", date(NEW."AdoptedAt", '+8 hours'), 1, NEW."Points")
                    ON CONFLICT ("UnitId", "Day") DO UPDATE SET
                        "AdoptionCount" = "AdoptionCount" + 1, "AdoptionPoints" = "AdoptionPoints" + excluded."AdoptionPoints";
                    INSERT INTO "UnitMonthScores" ("UnitId", "Month", "AdoptionCount", "AdoptionPoints")
                    VALUES (NEW."UnitId", date(NEW."AdoptedAt", '+8 hours', 'start of month'), 1, NEW."Points")
                    ON CONFLICT ("UnitId", "Month") DO UPDATE SET
                        "AdoptionCount" = "AdoptionCount" + 1, "AdoptionPoints" = "AdoptionPoints" + excluded."AdoptionPoints";
                """;
            const string remove = """
                    UPDATE "UnitDayScores" SET "AdoptionCount" = "AdoptionCount" - 1, "AdoptionPoints" = "AdoptionPoints" - OLD."Points"
                    WHERE "UnitId" = OLD."UnitId" AND "Day" = date(OLD."AdoptedAt", '+8 hours');
                    DELETE FROM "UnitDayScores"
                    WHERE "UnitId" = OLD."UnitId" AND "Day" = date(OLD."AdoptedAt", '+8 hours') AND "AdoptionCount" <= 0;
                    UPDATE "UnitMonthScores" SET "AdoptionCount" = "AdoptionCount" - 1, "AdoptionPoints" = "AdoptionPoints" - OLD."Points"
                    WHERE "UnitId" = OLD."UnitId" AND "Month" = date(OLD."AdoptedAt", '+8 hours', 'start of month');
                    DELETE FROM "UnitMonthScores"
                    WHERE "UnitId" = OLD."UnitId" AND "Month" = date(OLD."AdoptedAt", '+8 hours', 'start of month') AND "AdoptionCount" <= 0;
                """;
            migrationBuilder.Sql($"""
                CREATE TRIGGER "TR_Adoptions_UnitDayScores_Insert" AFTER INSERT ON "Adoptions"
                BEGIN
                {add}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "TR_Adoptions_UnitDayScores_Delete" AFTER DELETE ON "Adoptions"
                BEGIN
                {remove}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "TR_Adoptions_UnitDayScores_Update" AFTER UPDATE OF "UnitId", "AdoptedAt", "Points" ON "Adoptions"
                BEGIN
                {remove}
                {add}
                END;
                """);

            // Existing adoptions.
            migrationBuilder.Sql("""
                INSERT INTO "UnitDayScores" ("UnitId", "Day", "AdoptionCount", "AdoptionPoints")
                SELECT "UnitId", date("AdoptedAt", '+8 hours'), COUNT(*), SUM("Points") FROM "Adoptions"
                GROUP BY "UnitId", date("AdoptedAt", '+8 hours');
                """);
            migrationBuilder.Sql("""
                INSERT INTO "UnitMonthScores" ("UnitId", "Month", "AdoptionCount", "AdoptionPoints")
                SELECT "UnitId", date("Day", 'start of month'), SUM("AdoptionCount"), SUM("AdoptionPoints") FROM "UnitDayScores"
                GROUP BY "UnitId", date("Day", 'start of month');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"TR_Adoptions_UnitDayScores_Insert\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"TR_Adoptions_UnitDayScores_Delete\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"TR_Adoptions_UnitDayScores_Update\";");
            migrationBuilder.DropTable(
                name: "UnitDayScores");

            migrationBuilder.DropTable(
                name: "UnitMonthScores");
        }
    }
}
