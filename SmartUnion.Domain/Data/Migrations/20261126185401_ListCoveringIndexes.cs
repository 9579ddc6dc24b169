using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartUnion.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class ListCoveringIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Items_Category_ReportedAt",
                table: "Items");

            migrationBuilder.DropIndex(
                name: "IX_Items_ReportedAt",
                table: "Items");

            migrationBuilder.DropIndex(
                name: "IX_Items_UnitId_ReportedAt",
                table: "Items");

            migrationBuilder.CreateIndex(
                name: "IX_Items_Category_ReportedAt_UnitId_State",
                table: "Items",
                columns: new[] { "Category", "ReportedAt", "UnitId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Items_ReportedAt_UnitId_State",
                table: "Items",
                columns: new[] { "ReportedAt", "UnitId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Items_UnitId_Category_ReportedAt_State",
                table: "Items",
                columns: new[] { "UnitId", "Category", "ReportedAt", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Items_UnitId_ReportedAt_State",
                table: "Items",
                columns: new[] { "UnitId", "ReportedAt", "State" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Items_Category_ReportedAt_UnitId_State",
                table: "Items");

            migrationBuilder.DropIndex(
                name: "IX_Items_ReportedAt_UnitId_State",
                table: "Items");

            migrationBuilder.DropIndex(
                name: "IX_Items_UnitId_Category_ReportedAt_State",
                table: "Items");

            migrationBuilder.DropIndex(
                name: "IX_Items_UnitId_ReportedAt_State",
                table: "Items");

            migrationBuilder.CreateIndex(
                name: "IX_Items_Category_ReportedAt",
                table: "Items",
                columns: new[] { "Category", "ReportedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Items_ReportedAt",
                table: "Items",
                column: "ReportedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Items_UnitId_ReportedAt",
                table: "Items",
                columns: new[] { "UnitId", "ReportedAt" });
        }
    }
}
