using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartUnion.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class PublishedMonths : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PublishedMonths",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedById = table.Column<string>(type: "TEXT", nullable: false),
                    PublishedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RulesText = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublishedMonths", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PublishedMonthScores",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PublishedMonthId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    Rank = table.Column<int>(type: "INTEGER", nullable: true),
                    AdoptionCount = table.Column<int>(type: "INTEGER", nullable: false),
                    AdoptionPoints = table.Column<long>(type: "INTEGER", nullable: false),
                    InstructionPoints = table.Column<long>(type: "INTEGER", nullable: false),
                    BonusPoints = table.Column<long>(type: "INTEGER", nullable: false),
                    DeductionPoints = table.Column<long>(type: "INTEGER", nullable: false),
                    Total = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublishedMonthScores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublishedMonthScores_PublishedMonths_PublishedMonthId",
                        column: x => x.PublishedMonthId,
                        principalTable: "PublishedMonths",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PublishedMonths_Month_Version",
                table: "PublishedMonths",
                columns: new[] { "Month", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PublishedMonthScores_PublishedMonthId_UnitId",
                table: "PublishedMonthScores",
                columns: new[] { "PublishedMonthId", "UnitId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PublishedMonthScores");

            migrationBuilder.DropTable(
                name: "PublishedMonths");
        }
    }
}
