using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace SmartUnion.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class RuleVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AdoptionFormPointVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AdoptionFormId = table.Column<int>(type: "INTEGER", nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Points = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdoptionFormPointVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AdoptionFormPointVersions_AdoptionForms_AdoptionFormId",
                        column: x => x.AdoptionFormId,
                        principalTable: "AdoptionForms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InstructionLevelRuleVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Points = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InstructionLevelRuleVersions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AdoptionFormPointVersions_AdoptionFormId_EffectiveFrom",
                table: "AdoptionFormPointVersions",
                columns: new[] { "AdoptionFormId", "EffectiveFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InstructionLevelRuleVersions_Level_EffectiveFrom",
                table: "InstructionLevelRuleVersions",
                columns: new[] { "Level", "EffectiveFrom" },
                unique: true);

            // The existing points become the first versions; then InstructionLevelRules goes (Data/Sql/RuleVersionsSql.cs).
            SmartUnion.Domain.Data.Sql.RuleVersionsSql.Sqlite.Up(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InstructionLevelRules",
                columns: table => new
                {
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    Points = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InstructionLevelRules", x => x.Level);
                });

            SmartUnion.Domain.Data.Sql.RuleVersionsSql.Sqlite.Down(migrationBuilder);

            migrationBuilder.DropTable(
                name: "AdoptionFormPointVersions");

            migrationBuilder.DropTable(
                name: "InstructionLevelRuleVersions");
        }
    }
}
