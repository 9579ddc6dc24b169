using SmartUnion.Domain;
using SmartUnion.Domain.Data;
using SmartUnion.Web;

var (command, hostArgs) = AdminCommands.Split(args);
var builder = WebApplication.CreateBuilder(hostArgs);
WebApplication app;
try
{
    builder.Services.AddSmartUnionDomain(builder.Configuration, builder.Environment.ContentRootPath);
    builder.AddWebServices();
    app = builder.Build();
    if (command is not null)
        return await AdminCommands.RunAsync(app, command);
    await app.InitializeDatabaseAsync();
}
catch (DatabaseStartupException ex)
{
    // A wrong connection string or an unreachable database: one line naming the problem, no stack trace.
    Console.Error.WriteLine($"启动失败：{ex.Message}");
    return 1;
}
app.UseWebPipeline();
await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
