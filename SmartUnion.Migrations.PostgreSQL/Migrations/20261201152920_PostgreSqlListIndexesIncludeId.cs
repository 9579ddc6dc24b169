using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartUnion.Migrations.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class PostgreSqlListIndexesIncludeId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
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
                name: "IX_Items_Category_ReportedAt_UnitId_State",
                table: "Items",
                columns: new[] { "Category", "ReportedAt", "UnitId", "State" })
                .Annotation("Npgsql:IndexInclude", new[] { "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Items_ReportedAt_UnitId_State",
                table: "Items",
                columns: new[] { "ReportedAt", "UnitId", "State" })
                .Annotation("Npgsql:IndexInclude", new[] { "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Items_UnitId_Category_ReportedAt_State",
                table: "Items",
                columns: new[] { "UnitId", "Category", "ReportedAt", "State" })
                .Annotation("Npgsql:IndexInclude", new[] { "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Items_UnitId_ReportedAt_State",
                table: "Items",
                columns: new[] { "UnitId", "ReportedAt", "State" })
                .Annotation("Npgsql:IndexInclude", new[] { "Id" });
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
    }
}
