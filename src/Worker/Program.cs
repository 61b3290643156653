using Dockhand.Jobs.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddDockhandCore(builder.Configuration);
builder.Services.AddDockhandWorker(builder.Configuration);
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

var app = builder.Build();
app.MapHealthChecks("/health");
app.Run();
