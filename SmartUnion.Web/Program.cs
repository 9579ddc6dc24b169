using SmartUnion.Domain;
using SmartUnion.Web;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSmartUnionDomain(builder.Configuration, builder.Environment.ContentRootPath);
builder.AddWebServices();

var app = builder.Build();
await app.InitializeDatabaseAsync();
app.UseWebPipeline();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
