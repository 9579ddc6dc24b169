using Microsoft.EntityFrameworkCore.Migrations;

namespace SmartUnion.Domain.Data.Sql;

/// <summary>
/// The data step of the migration RuleVersions, written by hand so that the migration can be regenerated: the points
/// of every adoption form and every 批示 level become each one's first version, from 2000-01-01 (从最早,
/// <see cref="Services.RuleVersions.Baseline"/>). <c>Up</c> goes after the CreateTable of both version tables and itself
/// drops InstructionLevelRules once copied (a regenerated migration must not drop it first); <c>Down</c> goes after
/// the CreateTable of InstructionLevelRules and before the version tables are dropped.
/// </summary>
public static class RuleVersionsSql
{
    private static void Up(MigrationBuilder b, string baseline)
    {
        ArgumentNullException.ThrowIfNull(b);
        b.Sql($"""
            INSERT INTO "AdoptionFormPointVersions" ("AdoptionFormId", "EffectiveFrom", "Points")
            SELECT "Id", {baseline}, "Points" FROM "AdoptionForms";
            """);
        b.Sql($"""
            INSERT INTO "InstructionLevelRuleVersions" ("Level", "EffectiveFrom", "Points")
            SELECT "Level", {baseline}, "Points" FROM "InstructionLevelRules";
            """);
        b.Sql("""DROP TABLE "InstructionLevelRules";""");
    }

    /// <summary>Back to one value per level: the latest version of each (the one in force today).</summary>
    private static void Down(MigrationBuilder b)
    {
        ArgumentNullException.ThrowIfNull(b);
        b.Sql("""
            INSERT INTO "InstructionLevelRules" ("Level", "Points")
            SELECT v."Level", v."Points" FROM "InstructionLevelRuleVersions" v
            WHERE v."EffectiveFrom" = (SELECT MAX(x."EffectiveFrom") FROM "InstructionLevelRuleVersions" x WHERE x."Level" = v."Level");
            """);
    }

    public static class Sqlite
    {
        public static void Up(MigrationBuilder b) => RuleVersionsSql.Up(b, "'2000-01-01'");
        public static void Down(MigrationBuilder b) => RuleVersionsSql.Down(b);
    }

    public static class PostgreSql
    {
        public static void Up(MigrationBuilder b) => RuleVersionsSql.Up(b, "DATE '2000-01-01'");
        public static void Down(MigrationBuilder b) => RuleVersionsSql.Down(b);
    }
}
