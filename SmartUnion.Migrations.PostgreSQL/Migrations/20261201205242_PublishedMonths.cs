using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SmartUnion.Migrations.PostgreSQL.Migrations
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PublishedById = table.Column<string>(type: "text", nullable: false),
                    PublishedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    RulesText = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublishedMonths", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PublishedMonthScores",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PublishedMonthId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    UnitName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Rank = table.Column<int>(type: "integer", nullable: true),
                    AdoptionCount = table.Column<int>(type: "integer", nullable: false),
                    AdoptionPoints = table.Column<long>(type: "bigint", nullable: false),
                    InstructionPoints = table.Column<long>(type: "bigint", nullable: false),
                    BonusPoints = table.Column<long>(type: "bigint", nullable: false),
                    DeductionPoints = table.Column<long>(type: "bigint", nullable: false),
                    Total = table.Column<long>(type: "bigint", nullable: false)
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
