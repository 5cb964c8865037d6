using Dashboard;
using Dashboard.Operations;
using Dashboard.Situation;

var builder = WebApplication.CreateBuilder(args);
builder.AddDashboard();

var app = builder.Build();
// A command (create-admin, backup) runs instead of the server.
if (await app.RunCommandAsync(args))
    return;
// Migrate, seed and warm up before the first request.
await app.PrepareSituationAsync();

app.UseDashboard();
app.Run();

public partial class Program;
