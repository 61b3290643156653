using Dockhand.Dashboard;
using Dockhand.Dashboard.Api;
using Dockhand.Jobs.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddDockhandCore(builder.Configuration);
builder.Services.AddDockhandDashboard(builder.Configuration);
if (builder.Configuration.GetValue<bool>("Dockhand:Dashboard:InProcessWorker"))
{
    // Single-machine mode: this process also executes runs.
    builder.Services.AddDockhandWorker(builder.Configuration);
}

var app = builder.Build();
app.UseDockhandDashboard();
app.MapRunsApi();
app.Run();
