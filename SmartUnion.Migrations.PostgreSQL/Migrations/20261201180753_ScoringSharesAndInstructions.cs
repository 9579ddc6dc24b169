using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace SmartUnion.Migrations.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class ScoringSharesAndInstructions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            SmartUnion.Domain.Data.Sql.ScoringSql.PostgreSql.DropOldTriggers(migrationBuilder);

            migrationBuilder.DropIndex(
                name: "IX_UnitMonthScores_Month_UnitId_AdoptionCount_AdoptionPoints",
                table: "UnitMonthScores");

            migrationBuilder.DropIndex(
                name: "IX_UnitDayScores_Day_UnitId_AdoptionCount_AdoptionPoints",
                table: "UnitDayScores");

            migrationBuilder.DropIndex(
                name: "IX_Adoptions_AdoptedAt_UnitId_Points",
                table: "Adoptions");

            migrationBuilder.AlterColumn<long>(
                name: "AdoptionPoints",
                table: "UnitMonthScores",
                type: "bigint",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AddColumn<long>(
                name: "InstructionPoints",
                table: "UnitMonthScores",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AlterColumn<long>(
                name: "AdoptionPoints",
                table: "UnitDayScores",
                type: "bigint",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AddColumn<long>(
                name: "InstructionPoints",
                table: "UnitDayScores",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AlterColumn<long>(
                name: "Points",
                table: "Deductions",
                type: "bigint",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AlterColumn<long>(
                name: "Points",
                table: "Adoptions",
                type: "bigint",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "integer");

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

            migrationBuilder.CreateTable(
                name: "Instructions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InfoItemId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    LeaderTitle = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    LeaderName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CreatedById = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Points = table.Column<long>(type: "bigint", nullable: false)
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
                    InfoItemId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Weight = table.Column<int>(type: "integer", nullable: false),
                    WeightFrom = table.Column<int>(type: "integer", nullable: false),
                    WeightTo = table.Column<int>(type: "integer", nullable: false),
                    WeightTotal = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InfoItemId = table.Column<int>(type: "integer", nullable: false),
                    AdoptionId = table.Column<int>(type: "integer", nullable: true),
                    InstructionId = table.Column<int>(type: "integer", nullable: true),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    AdoptionCount = table.Column<int>(type: "integer", nullable: false),
                    AdoptionPoints = table.Column<long>(type: "bigint", nullable: false),
                    InstructionPoints = table.Column<long>(type: "bigint", nullable: false)
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
                name: "IX_UnitMonthScores_Month_UnitId_AdoptionCount_AdoptionPoints_I~",
                table: "UnitMonthScores",
                columns: new[] { "Month", "UnitId", "AdoptionCount", "AdoptionPoints", "InstructionPoints" });

            migrationBuilder.CreateIndex(
                name: "IX_UnitDayScores_Day_UnitId_AdoptionCount_AdoptionPoints_Instr~",
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
            SmartUnion.Domain.Data.Sql.ScoringSql.PostgreSql.Up(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            SmartUnion.Domain.Data.Sql.ScoringSql.PostgreSql.Down(migrationBuilder);

            migrationBuilder.DropTable(
                name: "InstructionLevelRules");

            migrationBuilder.DropTable(
                name: "Instructions");

            migrationBuilder.DropTable(
                name: "ItemShares");

            migrationBuilder.DropTable(
                name: "ScoreShares");

            migrationBuilder.DropIndex(
                name: "IX_UnitMonthScores_Month_UnitId_AdoptionCount_AdoptionPoints_I~",
                table: "UnitMonthScores");

            migrationBuilder.DropIndex(
                name: "IX_UnitDayScores_Day_UnitId_AdoptionCount_AdoptionPoints_Instr~",
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

            migrationBuilder.AlterColumn<int>(
                name: "AdoptionPoints",
                table: "UnitMonthScores",
                type: "integer",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "bigint");

            migrationBuilder.AlterColumn<int>(
                name: "AdoptionPoints",
                table: "UnitDayScores",
                type: "integer",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "bigint");

            migrationBuilder.AlterColumn<int>(
                name: "Points",
                table: "Deductions",
                type: "integer",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "bigint");

            migrationBuilder.AlterColumn<int>(
                name: "Points",
                table: "Adoptions",
                type: "integer",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "bigint");

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
