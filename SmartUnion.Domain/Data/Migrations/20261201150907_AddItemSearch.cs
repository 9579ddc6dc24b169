using Microsoft.EntityFrameworkCore.Migrations;
using SmartUnion.Domain.Data.Sql;

#nullable disable

namespace SmartUnion.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddItemSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The full-text index of 标题 and 正文 (hand-written SQL, Data/Sql/ItemSearchSql.cs).
            ItemSearchSql.Sqlite.Up(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            ItemSearchSql.Sqlite.Down(migrationBuilder);
        }
    }
}
