using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartUnion.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddUnitGroupsAndQuotas : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Deductions_Date_UnitId_Points",
                table: "Deductions");

            migrationBuilder.AddColumn<DateTime>(
                name: "CreatedAt",
                table: "Units",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(2000, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc));

            migrationBuilder.AddColumn<int>(
                name: "GroupId",
                table: "Units",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Kind",
                table: "Deductions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "QuotaRuleSets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PointsPerMissingItem = table.Column<int>(type: "INTEGER", nullable: false),
                    MonthlyBasePoints = table.Column<int>(type: "INTEGER", nullable: false),
                    PointsPerUnansweredCommission = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuotaRuleSets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UnitGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnitGroups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "QuotaEntries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    RuleSetId = table.Column<int>(type: "INTEGER", nullable: false),
                    DeductionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Points = table.Column<int>(type: "INTEGER", nullable: false),
                    ConfirmedById = table.Column<string>(type: "TEXT", nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuotaEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QuotaEntries_Deductions_DeductionId",
                        column: x => x.DeductionId,
                        principalTable: "Deductions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_QuotaEntries_QuotaRuleSets_RuleSetId",
                        column: x => x.RuleSetId,
                        principalTable: "QuotaRuleSets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_QuotaEntries_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "QuotaVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GroupId = table.Column<int>(type: "INTEGER", nullable: true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Quota = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedById = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuotaVersions", x => x.Id);
                    table.CheckConstraint("CK_QuotaVersions_Owner", "(\"GroupId\" IS NULL) <> (\"UnitId\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_QuotaVersions_UnitGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "UnitGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_QuotaVersions_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Units_GroupId",
                table: "Units",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_Deductions_Date_UnitId_Kind_Points",
                table: "Deductions",
                columns: new[] { "Date", "UnitId", "Kind", "Points" });

            migrationBuilder.CreateIndex(
                name: "IX_QuotaEntries_DeductionId",
                table: "QuotaEntries",
                column: "DeductionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QuotaEntries_RuleSetId",
                table: "QuotaEntries",
                column: "RuleSetId");

            migrationBuilder.CreateIndex(
                name: "IX_QuotaEntries_UnitId_Month_Kind",
                table: "QuotaEntries",
                columns: new[] { "UnitId", "Month", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QuotaRuleSets_EffectiveFrom",
                table: "QuotaRuleSets",
                column: "EffectiveFrom",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QuotaVersions_GroupId_EffectiveFrom",
                table: "QuotaVersions",
                columns: new[] { "GroupId", "EffectiveFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QuotaVersions_UnitId_EffectiveFrom",
                table: "QuotaVersions",
                columns: new[] { "UnitId", "EffectiveFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UnitGroups_Name",
                table: "UnitGroups",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "QuotaEntries");

            migrationBuilder.DropTable(
                name: "QuotaVersions");

            migrationBuilder.DropTable(
                name: "QuotaRuleSets");

            migrationBuilder.DropTable(
                name: "UnitGroups");

            migrationBuilder.DropIndex(
                name: "IX_Units_GroupId",
                table: "Units");

            migrationBuilder.DropIndex(
                name: "IX_Deductions_Date_UnitId_Kind_Points",
                table: "Deductions");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "Units");

            migrationBuilder.DropColumn(
                name: "GroupId",
                table: "Units");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Deductions");

            migrationBuilder.CreateIndex(
                name: "IX_Deductions_Date_UnitId_Points",
                table: "Deductions",
                columns: new[] { "Date", "UnitId", "Points" });
        }
    }
}
