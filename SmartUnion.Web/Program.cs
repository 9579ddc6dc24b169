using SmartUnion.Domain;
using SmartUnion.Web;

var (command, hostArgs) = AdminCommands.Split(args);
var builder = WebApplication.CreateBuilder(hostArgs);
builder.Services.AddSmartUnionDomain(builder.Configuration, builder.Environment.ContentRootPath);
builder.AddWebServices();

var app = builder.Build();
if (command is not null)
    return await AdminCommands.RunAsync(app, command);

await app.InitializeDatabaseAsync();
app.UseWebPipeline();
await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
