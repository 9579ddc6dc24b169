using Microsoft.EntityFrameworkCore.Migrations;

namespace SmartUnion.Domain.Data.Sql;

/// <summary>
/// Exact points, 合报 shares and 批示加分 in the score summaries (migration ScoringSharesAndInstructions), written by hand
/// per provider so that the migration can be regenerated. Points are hundredths. Triggers on Adoptions and Instructions
/// write each unit's share into ScoreShares (one row for an item of one unit; one per <see cref="Entities.ItemShare"/>
/// of a joint item, by the rule of <see cref="Entities.Points.Split"/>); triggers on ScoreShares keep UnitDayScores and
/// UnitMonthScores equal to its aggregate. When a joint item's shares change, the app touches the item's adoptions and
/// instructions (<c>SET "Points" = "Points"</c>), which re-splits them.
/// </summary>
public static class ScoringSql
{
    /// <summary>The hundredths of <paramref name="points"/> of the share row s (⌈P·to/W⌉ − ⌈P·from/W⌉, P ≥ 0).</summary>
    public static string Share(string points) =>
        $"""(({points} * s."WeightTo" + s."WeightTotal" - 1) / s."WeightTotal" - ({points} * s."WeightFrom" + s."WeightTotal" - 1) / s."WeightTotal")""";

    private const string Columns = """("InfoItemId", "AdoptionId", "InstructionId", "UnitId", "Day", "AdoptionCount", "AdoptionPoints", "InstructionPoints")""";

    /// <summary>INSERT … SELECT of a row's shares; <paramref name="day"/> and the points columns are expressions over NEW.</summary>
    private static string InsertShares(string adoptionId, string instructionId, string day, string count, string adoptionPoints, string instructionPoints) => $"""
        INSERT INTO "ScoreShares" {Columns}
        SELECT NEW."InfoItemId", {adoptionId}, {instructionId}, s."UnitId", {day}, {count}, {adoptionPoints.Replace("@P", Share("NEW.\"Points\""))}, {instructionPoints.Replace("@P", Share("NEW.\"Points\""))}
        FROM "ItemShares" s WHERE s."InfoItemId" = NEW."InfoItemId"
        UNION ALL
        SELECT NEW."InfoItemId", {adoptionId}, {instructionId}, NEW."UnitId", {day}, {count}, {adoptionPoints.Replace("@P", "NEW.\"Points\"")}, {instructionPoints.Replace("@P", "NEW.\"Points\"")}
        WHERE NOT EXISTS (SELECT 1 FROM "ItemShares" x WHERE x."InfoItemId" = NEW."InfoItemId");
        """;

    private static string AdoptionShares(string day) => InsertShares("NEW.\"Id\"", "CAST(NULL AS integer)", day, "1", "@P", "0");
    private static string InstructionShares => InsertShares("CAST(NULL AS integer)", "NEW.\"Id\"", "NEW.\"Date\"", "0", "0", "@P");

    /// <summary>All shares of Adoptions and Instructions as a SELECT (the triggers' rule over whole tables), for a rebuild and the baselines.</summary>
    public static string AllShares(string adoptionDay) => $"""
        SELECT a."InfoItemId" AS "InfoItemId", a."Id" AS "AdoptionId", CAST(NULL AS integer) AS "InstructionId", s."UnitId" AS "UnitId", {adoptionDay} AS "Day",
               1 AS "AdoptionCount", {Share("a.\"Points\"")} AS "AdoptionPoints", 0 AS "InstructionPoints"
        FROM "Adoptions" a JOIN "ItemShares" s ON s."InfoItemId" = a."InfoItemId"
        UNION ALL
        SELECT a."InfoItemId", a."Id", CAST(NULL AS integer), a."UnitId", {adoptionDay}, 1, a."Points", 0
        FROM "Adoptions" a WHERE NOT EXISTS (SELECT 1 FROM "ItemShares" x WHERE x."InfoItemId" = a."InfoItemId")
        UNION ALL
        SELECT a."InfoItemId", CAST(NULL AS integer), a."Id", s."UnitId", a."Date", 0, 0, {Share("a.\"Points\"")}
        FROM "Instructions" a JOIN "ItemShares" s ON s."InfoItemId" = a."InfoItemId"
        UNION ALL
        SELECT a."InfoItemId", CAST(NULL AS integer), a."Id", a."UnitId", a."Date", 0, 0, a."Points"
        FROM "Instructions" a WHERE NOT EXISTS (SELECT 1 FROM "ItemShares" x WHERE x."InfoItemId" = a."InfoItemId")
        """;

    /// <summary>
    /// Recomputes ScoreShares and the day and month summaries from Adoptions and Instructions, after a bulk load that
    /// bypassed the triggers (the ScoreShares triggers must be off too, or the summaries count twice).
    /// </summary>
    public static string Rebuild(bool postgreSql)
    {
        var day = postgreSql ? "((a.\"AdoptedAt\" AT TIME ZONE 'UTC') + interval '8 hours')::date" : "date(a.\"AdoptedAt\", '+8 hours')";
        var month = postgreSql ? "date_trunc('month', \"Day\")::date" : "date(\"Day\", 'start of month')";
        return $"""
            DELETE FROM "ScoreShares";
            INSERT INTO "ScoreShares" {Columns}
            {AllShares(day)};
            DELETE FROM "UnitDayScores";
            INSERT INTO "UnitDayScores" ("UnitId", "Day", "AdoptionCount", "AdoptionPoints", "InstructionPoints")
            SELECT "UnitId", "Day", SUM("AdoptionCount"), SUM("AdoptionPoints"), SUM("InstructionPoints") FROM "ScoreShares" GROUP BY 1, 2;
            DELETE FROM "UnitMonthScores";
            INSERT INTO "UnitMonthScores" ("UnitId", "Month", "AdoptionCount", "AdoptionPoints", "InstructionPoints")
            SELECT "UnitId", {month}, SUM("AdoptionCount"), SUM("AdoptionPoints"), SUM("InstructionPoints") FROM "UnitDayScores" GROUP BY 1, 2;
            """;
    }

    public static class Sqlite
    {
        private const string Day = "date(NEW.\"AdoptedAt\", '+8 hours')";

        private const string AddSummary = """
            INSERT INTO "UnitDayScores" ("UnitId", "Day", "AdoptionCount", "AdoptionPoints", "InstructionPoints")
            VALUES (NEW."UnitId", NEW."Day", NEW."AdoptionCount", NEW."AdoptionPoints", NEW."InstructionPoints")
            ON CONFLICT ("UnitId", "Day") DO UPDATE SET
                "AdoptionCount" = "AdoptionCount" + excluded."AdoptionCount", "AdoptionPoints" = "AdoptionPoints" + excluded."AdoptionPoints",
                "InstructionPoints" = "InstructionPoints" + excluded."InstructionPoints";
            INSERT INTO "UnitMonthScores" ("UnitId", "Month", "AdoptionCount", "AdoptionPoints", "InstructionPoints")
            VALUES (NEW."UnitId", date(NEW."Day", 'start of month'), NEW."AdoptionCount", NEW."AdoptionPoints", NEW."InstructionPoints")
            ON CONFLICT ("UnitId", "Month") DO UPDATE SET
                "AdoptionCount" = "AdoptionCount" + excluded."AdoptionCount", "AdoptionPoints" = "AdoptionPoints" + excluded."AdoptionPoints",
                "InstructionPoints" = "InstructionPoints" + excluded."InstructionPoints";
            """;

        private const string RemoveSummary = """
            UPDATE "UnitDayScores" SET "AdoptionCount" = "AdoptionCount" - OLD."AdoptionCount", "AdoptionPoints" = "AdoptionPoints" - OLD."AdoptionPoints",
                "InstructionPoints" = "InstructionPoints" - OLD."InstructionPoints"
            WHERE "UnitId" = OLD."UnitId" AND "Day" = OLD."Day";
            DELETE FROM "UnitDayScores" WHERE "UnitId" = OLD."UnitId" AND "Day" = OLD."Day"
                AND "AdoptionCount" <= 0 AND "AdoptionPoints" = 0 AND "InstructionPoints" = 0;
            UPDATE "UnitMonthScores" SET "AdoptionCount" = "AdoptionCount" - OLD."AdoptionCount", "AdoptionPoints" = "AdoptionPoints" - OLD."AdoptionPoints",
                "InstructionPoints" = "InstructionPoints" - OLD."InstructionPoints"
            WHERE "UnitId" = OLD."UnitId" AND "Month" = date(OLD."Day", 'start of month');
            DELETE FROM "UnitMonthScores" WHERE "UnitId" = OLD."UnitId" AND "Month" = date(OLD."Day", 'start of month')
                AND "AdoptionCount" <= 0 AND "AdoptionPoints" = 0 AND "InstructionPoints" = 0;
            """;

        /// <summary>First in the migration: the old summary triggers go.</summary>
        public static void DropOldTriggers(MigrationBuilder b)
        {
            ArgumentNullException.ThrowIfNull(b);
            b.Sql("""DROP TRIGGER IF EXISTS "TR_Adoptions_UnitDayScores_Insert";""");
            b.Sql("""DROP TRIGGER IF EXISTS "TR_Adoptions_UnitDayScores_Delete";""");
            b.Sql("""DROP TRIGGER IF EXISTS "TR_Adoptions_UnitDayScores_Update";""");
        }

        /// <summary>Last in the migration: the new triggers, then the existing points as hundredths.</summary>
        public static void Up(MigrationBuilder b)
        {
            ArgumentNullException.ThrowIfNull(b);
            b.Sql("""DELETE FROM "UnitDayScores"; DELETE FROM "UnitMonthScores"; DELETE FROM "ScoreShares";""");
            b.Sql($"""
                CREATE TRIGGER "TR_ScoreShares_UnitDayScores_Insert" AFTER INSERT ON "ScoreShares"
                BEGIN
                {AddSummary}
                END;
                """);
            b.Sql($"""
                CREATE TRIGGER "TR_ScoreShares_UnitDayScores_Delete" AFTER DELETE ON "ScoreShares"
                BEGIN
                {RemoveSummary}
                END;
                """);
            foreach (var (table, key, columns, insert) in new[]
                     {
                         ("Adoptions", "AdoptionId", "\"InfoItemId\", \"UnitId\", \"AdoptedAt\", \"Points\"", AdoptionShares(Day)),
                         ("Instructions", "InstructionId", "\"InfoItemId\", \"UnitId\", \"Date\", \"Points\"", InstructionShares),
                     })
            {
                var remove = $"""DELETE FROM "ScoreShares" WHERE "{key}" = OLD."Id";""";
                b.Sql($"""
                    CREATE TRIGGER "TR_{table}_ScoreShares_Insert" AFTER INSERT ON "{table}"
                    BEGIN
                    {insert}
                    END;
                    """);
                b.Sql($"""
                    CREATE TRIGGER "TR_{table}_ScoreShares_Delete" AFTER DELETE ON "{table}"
                    BEGIN
                    {remove}
                    END;
                    """);
                b.Sql($"""
                    CREATE TRIGGER "TR_{table}_ScoreShares_Update" AFTER UPDATE OF {columns} ON "{table}"
                    BEGIN
                    {remove}
                    {insert}
                    END;
                    """);
            }
            // Existing points become hundredths; touching every adoption writes its share and so the summaries.
            b.Sql("""UPDATE "Adoptions" SET "Points" = "Points" * 100;""");
            b.Sql("""UPDATE "Deductions" SET "Points" = "Points" * 100;""");
        }

        public static void Down(MigrationBuilder b)
        {
            ArgumentNullException.ThrowIfNull(b);
            foreach (var t in new[] { "TR_Adoptions_ScoreShares_Insert", "TR_Adoptions_ScoreShares_Delete", "TR_Adoptions_ScoreShares_Update",
                         "TR_Instructions_ScoreShares_Insert", "TR_Instructions_ScoreShares_Delete", "TR_Instructions_ScoreShares_Update",
                         "TR_ScoreShares_UnitDayScores_Insert", "TR_ScoreShares_UnitDayScores_Delete" })
                b.Sql($"""DROP TRIGGER IF EXISTS "{t}";""");
            // Back to whole points (fractions of 合报 shares are lost); the summaries are rebuilt by hand (UnitDayScore.RebuildSql).
            b.Sql("""UPDATE "Adoptions" SET "Points" = "Points" / 100; UPDATE "Deductions" SET "Points" = "Points" / 100;""");
        }
    }

    public static class PostgreSql
    {
        private const string Day = "((NEW.\"AdoptedAt\" AT TIME ZONE 'UTC') + interval '8 hours')::date";

        /// <summary>First in the migration: the old summary triggers go before their columns change type.</summary>
        public static void DropOldTriggers(MigrationBuilder b)
        {
            ArgumentNullException.ThrowIfNull(b);
            b.Sql("""
                DROP TRIGGER IF EXISTS "TR_Adoptions_UnitDayScores_Insert" ON "Adoptions";
                DROP TRIGGER IF EXISTS "TR_Adoptions_UnitDayScores_Delete" ON "Adoptions";
                DROP TRIGGER IF EXISTS "TR_Adoptions_UnitDayScores_Update" ON "Adoptions";
                DROP FUNCTION IF EXISTS "SmartUnion_Adoptions_UnitDayScores"();
                DROP FUNCTION IF EXISTS "SmartUnion_AdoptionScore_Apply"(integer, timestamp with time zone, integer, integer);
                """);
        }

        /// <summary>Last in the migration: the new triggers, then the existing points as hundredths.</summary>
        public static void Up(MigrationBuilder b)
        {
            ArgumentNullException.ThrowIfNull(b);
            b.Sql("""DELETE FROM "UnitDayScores"; DELETE FROM "UnitMonthScores"; DELETE FROM "ScoreShares";""");
            b.Sql("""
                CREATE FUNCTION "SmartUnion_ScoreShare_Apply"(unit_id integer, d_day date, cnt integer, ap bigint, ip bigint, sign integer)
                RETURNS void LANGUAGE plpgsql AS $$
                DECLARE
                    d_month date := date_trunc('month', d_day)::date;
                BEGIN
                    INSERT INTO "UnitDayScores" ("UnitId", "Day", "AdoptionCount", "AdoptionPoints", "InstructionPoints")
                    VALUES (unit_id, d_day, sign * cnt, sign * ap, sign * ip)
                    ON CONFLICT ("UnitId", "Day") DO UPDATE SET
                        "AdoptionCount" = "UnitDayScores"."AdoptionCount" + excluded."AdoptionCount",
                        "AdoptionPoints" = "UnitDayScores"."AdoptionPoints" + excluded."AdoptionPoints",
                        "InstructionPoints" = "UnitDayScores"."InstructionPoints" + excluded."InstructionPoints";
                    DELETE FROM "UnitDayScores" WHERE "UnitId" = unit_id AND "Day" = d_day
                        AND "AdoptionCount" <= 0 AND "AdoptionPoints" = 0 AND "InstructionPoints" = 0;
                    INSERT INTO "UnitMonthScores" ("UnitId", "Month", "AdoptionCount", "AdoptionPoints", "InstructionPoints")
                    VALUES (unit_id, d_month, sign * cnt, sign * ap, sign * ip)
                    ON CONFLICT ("UnitId", "Month") DO UPDATE SET
                        "AdoptionCount" = "UnitMonthScores"."AdoptionCount" + excluded."AdoptionCount",
                        "AdoptionPoints" = "UnitMonthScores"."AdoptionPoints" + excluded."AdoptionPoints",
                        "InstructionPoints" = "UnitMonthScores"."InstructionPoints" + excluded."InstructionPoints";
                    DELETE FROM "UnitMonthScores" WHERE "UnitId" = unit_id AND "Month" = d_month
                        AND "AdoptionCount" <= 0 AND "AdoptionPoints" = 0 AND "InstructionPoints" = 0;
                END;
                $$;
                """);
            b.Sql("""
                CREATE FUNCTION "SmartUnion_ScoreShares_UnitDayScores"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        PERFORM "SmartUnion_ScoreShare_Apply"(OLD."UnitId", OLD."Day", OLD."AdoptionCount", OLD."AdoptionPoints", OLD."InstructionPoints", -1);
                    ELSE
                        PERFORM "SmartUnion_ScoreShare_Apply"(NEW."UnitId", NEW."Day", NEW."AdoptionCount", NEW."AdoptionPoints", NEW."InstructionPoints", 1);
                    END IF;
                    RETURN NULL;
                END;
                $$;
                CREATE TRIGGER "TR_ScoreShares_UnitDayScores_Insert" AFTER INSERT ON "ScoreShares"
                FOR EACH ROW EXECUTE FUNCTION "SmartUnion_ScoreShares_UnitDayScores"();
                CREATE TRIGGER "TR_ScoreShares_UnitDayScores_Delete" AFTER DELETE ON "ScoreShares"
                FOR EACH ROW EXECUTE FUNCTION "SmartUnion_ScoreShares_UnitDayScores"();
                """);
            foreach (var (table, key, columns, insert) in new[]
                     {
                         ("Adoptions", "AdoptionId", "\"InfoItemId\", \"UnitId\", \"AdoptedAt\", \"Points\"", AdoptionShares(Day)),
                         ("Instructions", "InstructionId", "\"InfoItemId\", \"UnitId\", \"Date\", \"Points\"", InstructionShares),
                     })
            {
                b.Sql($"""
                    CREATE FUNCTION "SmartUnion_{table}_ScoreShares"() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        IF TG_OP IN ('DELETE', 'UPDATE') THEN
                            DELETE FROM "ScoreShares" WHERE "{key}" = OLD."Id";
                        END IF;
                        IF TG_OP IN ('INSERT', 'UPDATE') THEN
                            {insert}
                        END IF;
                        RETURN NULL;
                    END;
                    $$;
                    CREATE TRIGGER "TR_{table}_ScoreShares_Insert" AFTER INSERT ON "{table}"
                    FOR EACH ROW EXECUTE FUNCTION "SmartUnion_{table}_ScoreShares"();
                    CREATE TRIGGER "TR_{table}_ScoreShares_Delete" AFTER DELETE ON "{table}"
                    FOR EACH ROW EXECUTE FUNCTION "SmartUnion_{table}_ScoreShares"();
                    CREATE TRIGGER "TR_{table}_ScoreShares_Update" AFTER UPDATE OF {columns} ON "{table}"
                    FOR EACH ROW EXECUTE FUNCTION "SmartUnion_{table}_ScoreShares"();
                    """);
            }
            b.Sql("""UPDATE "Adoptions" SET "Points" = "Points" * 100;""");
            b.Sql("""UPDATE "Deductions" SET "Points" = "Points" * 100;""");
        }

        public static void Down(MigrationBuilder b)
        {
            ArgumentNullException.ThrowIfNull(b);
            b.Sql("""
                DROP TRIGGER IF EXISTS "TR_Adoptions_ScoreShares_Insert" ON "Adoptions";
                DROP TRIGGER IF EXISTS "TR_Adoptions_ScoreShares_Delete" ON "Adoptions";
                DROP TRIGGER IF EXISTS "TR_Adoptions_ScoreShares_Update" ON "Adoptions";
                DROP FUNCTION IF EXISTS "SmartUnion_Adoptions_ScoreShares"();
                DROP FUNCTION IF EXISTS "SmartUnion_Instructions_ScoreShares"() CASCADE;
                DROP FUNCTION IF EXISTS "SmartUnion_ScoreShares_UnitDayScores"() CASCADE;
                DROP FUNCTION IF EXISTS "SmartUnion_ScoreShare_Apply"(integer, date, integer, bigint, bigint, integer);
                UPDATE "Adoptions" SET "Points" = "Points" / 100; UPDATE "Deductions" SET "Points" = "Points" / 100;
                """);
        }
    }
}
