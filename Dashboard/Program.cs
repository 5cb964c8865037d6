using Dashboard;
using Dashboard.Operations;

var builder = WebApplication.CreateBuilder(args);
builder.AddDashboard();

var app = builder.Build();
// A command (create-admin, backup) runs instead of the server.
if (await app.RunCommandAsync(args))
    return;
// Migrating, seeding and warming up are the host's start-up work (DashboardStartup), before the first request.
app.UseDashboard();
app.Run();

public partial class Program;
