using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace SmartUnion.Migrations.PostgreSQL.Migrations
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AdoptionFormId = table.Column<int>(type: "integer", nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    Points = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    Points = table.Column<int>(type: "integer", nullable: false)
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
            SmartUnion.Domain.Data.Sql.RuleVersionsSql.PostgreSql.Up(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InstructionLevelRules",
                columns: table => new
                {
                    Level = table.Column<int>(type: "integer", nullable: false),
                    Points = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InstructionLevelRules", x => x.Level);
                });

            SmartUnion.Domain.Data.Sql.RuleVersionsSql.PostgreSql.Down(migrationBuilder);

            migrationBuilder.DropTable(
                name: "AdoptionFormPointVersions");

            migrationBuilder.DropTable(
                name: "InstructionLevelRuleVersions");
        }
    }
}
