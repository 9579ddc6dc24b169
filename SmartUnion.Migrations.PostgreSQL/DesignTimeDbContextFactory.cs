using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using SmartUnion.Domain.Data;

namespace SmartUnion.Migrations.PostgreSQL;

/// <summary>
/// Lets `dotnet ef migrations add --project SmartUnion.Migrations.PostgreSQL` build the PostgreSQL model
/// (no server is contacted to add a migration).
/// </summary>
public class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        builder.UseSmartUnionDatabase(DatabaseProvider.PostgreSQL, "Host=127.0.0.1;Database=smartunion_design", 10_000);
        return new AppDbContext(builder.Options);
    }
}
