using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace SmartUnion.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class ScoringSharesAndInstructions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            SmartUnion.Domain.Data.Sql.ScoringSql.Sqlite.DropOldTriggers(migrationBuilder);

            migrationBuilder.DropIndex(
                name: "IX_UnitMonthScores_Month_UnitId_AdoptionCount_AdoptionPoints",
                table: "UnitMonthScores");

            migrationBuilder.DropIndex(
                name: "IX_UnitDayScores_Day_UnitId_AdoptionCount_AdoptionPoints",
                table: "UnitDayScores");

            migrationBuilder.DropIndex(
                name: "IX_Adoptions_AdoptedAt_UnitId_Points",
                table: "Adoptions");

            migrationBuilder.AddColumn<long>(
                name: "InstructionPoints",
                table: "UnitMonthScores",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "InstructionPoints",
                table: "UnitDayScores",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

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

            migrationBuilder.CreateTable(
                name: "Instructions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InfoItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    LeaderTitle = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    LeaderName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Points = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Instructions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Instructions_Items_InfoItemId",
                        column: x => x.InfoItemId,
                        principalTable: "Items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Instructions_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ItemShares",
                columns: table => new
                {
                    InfoItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Weight = table.Column<int>(type: "INTEGER", nullable: false),
                    WeightFrom = table.Column<int>(type: "INTEGER", nullable: false),
                    WeightTo = table.Column<int>(type: "INTEGER", nullable: false),
                    WeightTotal = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ItemShares", x => new { x.InfoItemId, x.UnitId });
                    table.ForeignKey(
                        name: "FK_ItemShares_Items_InfoItemId",
                        column: x => x.InfoItemId,
                        principalTable: "Items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ItemShares_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ScoreShares",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InfoItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    AdoptionId = table.Column<int>(type: "INTEGER", nullable: true),
                    InstructionId = table.Column<int>(type: "INTEGER", nullable: true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AdoptionCount = table.Column<int>(type: "INTEGER", nullable: false),
                    AdoptionPoints = table.Column<long>(type: "INTEGER", nullable: false),
                    InstructionPoints = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoreShares", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScoreShares_Items_InfoItemId",
                        column: x => x.InfoItemId,
                        principalTable: "Items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ScoreShares_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "InstructionLevelRules",
                columns: new[] { "Level", "Points" },
                values: new object[,]
                {
                    { 1, 20 },
                    { 2, 40 },
                    { 3, 80 },
                    { 4, 160 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_UnitMonthScores_Month_UnitId_AdoptionCount_AdoptionPoints_InstructionPoints",
                table: "UnitMonthScores",
                columns: new[] { "Month", "UnitId", "AdoptionCount", "AdoptionPoints", "InstructionPoints" });

            migrationBuilder.CreateIndex(
                name: "IX_UnitDayScores_Day_UnitId_AdoptionCount_AdoptionPoints_InstructionPoints",
                table: "UnitDayScores",
                columns: new[] { "Day", "UnitId", "AdoptionCount", "AdoptionPoints", "InstructionPoints" });

            migrationBuilder.CreateIndex(
                name: "IX_Adoptions_AdoptedAt_UnitId_Points_InfoItemId",
                table: "Adoptions",
                columns: new[] { "AdoptedAt", "UnitId", "Points", "InfoItemId" });

            migrationBuilder.CreateIndex(
                name: "IX_Instructions_InfoItemId_Date",
                table: "Instructions",
                columns: new[] { "InfoItemId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_Instructions_UnitId",
                table: "Instructions",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ItemShares_UnitId_InfoItemId",
                table: "ItemShares",
                columns: new[] { "UnitId", "InfoItemId" });

            migrationBuilder.CreateIndex(
                name: "IX_ScoreShares_AdoptionId",
                table: "ScoreShares",
                column: "AdoptionId");

            migrationBuilder.CreateIndex(
                name: "IX_ScoreShares_InfoItemId",
                table: "ScoreShares",
                column: "InfoItemId");

            migrationBuilder.CreateIndex(
                name: "IX_ScoreShares_InstructionId",
                table: "ScoreShares",
                column: "InstructionId");

            migrationBuilder.CreateIndex(
                name: "IX_ScoreShares_UnitId",
                table: "ScoreShares",
                column: "UnitId");

            // Triggers, and the existing points as hundredths (hand-written SQL, Data/Sql/ScoringSql.cs).
            SmartUnion.Domain.Data.Sql.ScoringSql.Sqlite.Up(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            SmartUnion.Domain.Data.Sql.ScoringSql.Sqlite.Down(migrationBuilder);

            migrationBuilder.DropTable(
                name: "InstructionLevelRules");

            migrationBuilder.DropTable(
                name: "Instructions");

            migrationBuilder.DropTable(
                name: "ItemShares");

            migrationBuilder.DropTable(
                name: "ScoreShares");

            migrationBuilder.DropIndex(
                name: "IX_UnitMonthScores_Month_UnitId_AdoptionCount_AdoptionPoints_InstructionPoints",
                table: "UnitMonthScores");

            migrationBuilder.DropIndex(
                name: "IX_UnitDayScores_Day_UnitId_AdoptionCount_AdoptionPoints_InstructionPoints",
                table: "UnitDayScores");

            migrationBuilder.DropIndex(
                name: "IX_Adoptions_AdoptedAt_UnitId_Points_InfoItemId",
                table: "Adoptions");

            migrationBuilder.DropColumn(
                name: "InstructionPoints",
                table: "UnitMonthScores");

            migrationBuilder.DropColumn(
                name: "InstructionPoints",
                table: "UnitDayScores");

            migrationBuilder.CreateIndex(
                name: "IX_UnitMonthScores_Month_UnitId_AdoptionCount_AdoptionPoints",
                table: "UnitMonthScores",
                columns: new[] { "Month", "UnitId", "AdoptionCount", "AdoptionPoints" });

            migrationBuilder.CreateIndex(
                name: "IX_UnitDayScores_Day_UnitId_AdoptionCount_AdoptionPoints",
                table: "UnitDayScores",
                columns: new[] { "Day", "UnitId", "AdoptionCount", "AdoptionPoints" });

            migrationBuilder.CreateIndex(
                name: "IX_Adoptions_AdoptedAt_UnitId_Points",
                table: "Adoptions",
                columns: new[] { "AdoptedAt", "UnitId", "Points" });
        }
    }
}
