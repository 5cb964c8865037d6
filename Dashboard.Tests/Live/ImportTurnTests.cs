using System.Net;
using System.Text;
using Dashboard.Data;
using Dashboard.Situation;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Live;

/// <summary>
/// An import never holds the writer for the whole file (issue 25, finding 2): a report written while an import is still
/// being written is stored before the import commits, not after it.
/// </summary>
public class ImportTurnTests
{
    private const string Marked = "turn-0150";

    /// <summary>When the save that writes the marked report starts, sends another write and holds the save until that
    /// write waits for the journal's writer.</summary>
    private sealed class WriteBesideTheImport(Func<Task<HttpResponseMessage>> write, Func<ChangeJournal> journal) : SaveChangesInterceptor
    {
        public Task<HttpResponseMessage>? Beside { get; private set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            if (Beside is null && eventData.Context!.ChangeTracker.Entries().Any(e => e.State == EntityState.Added && e.Properties.Any(p => p.CurrentValue is Marked)))
            {
                Beside = Task.Run(write);
                while (journal().Waiting == 0 && !Beside.IsCompleted)
                    await Task.Yield();
            }
            return result;
        }
    }

    private static string Csv(int rows)
    {
        var csv = new StringBuilder("reportId,reportedAt,sourceName,sourceKind,statement,group,status,scope,organisation,count,qualifier\n");
        for (var row = 0; row < rows; row++)
            csv.Append($"turn-{row:0000},2013-01-16T06:00:00+01:00,Press agency,media,Report {row},hostages,killed,all,,{row % 7 + 1},exact\n");
        return csv.ToString();
    }

    [Fact]
    public async Task A_report_written_while_an_import_is_being_written_is_stored_before_the_import_commits()
    {
        DashboardFactory? app = null;
        string? slug = null;
        var beside = new WriteBesideTheImport(() => app!.CreateWriter().PostJsonAsync($"/api/incidents/{slug}/reports", ApiClient.ValidReport("beside-the-import")),
            () => app!.Services.GetRequiredService<ChangeJournal>());
        using (app = new DashboardFactory { ExtraServices = services => services.AddSingleton<IInterceptor>(beside) })
        {
            slug = (await app.CreateIncidentAsync()).Slug;

            var import = await app.CreateWriter().PostAsync($"/api/incidents/{slug}/import", new StringContent(Csv(1_000), Encoding.UTF8, "text/csv"));

            Assert.Equal(HttpStatusCode.OK, import.StatusCode);
            Assert.NotNull(beside.Beside);
            Assert.Equal(HttpStatusCode.Created, (await beside.Beside).StatusCode);
            await using var db = await app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
            var stored = await db.Reports.Where(r => r.Incident!.Slug == slug).OrderBy(r => r.Sequence).Select(r => r.Id).ToListAsync();
            Assert.Equal(1_001, stored.Count);
            Assert.Equal("beside-the-import", stored[0]);
        }
    }
}
