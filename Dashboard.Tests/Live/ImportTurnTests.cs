using System.Net;
using System.Text;
using Dashboard.Tests.Api;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Live;

/// <summary>
/// An import is staged outside the writer's turn and committed briefly (issue 25, finding 2): a report written while an
/// import's rows are still being written is stored at once, not after the whole file.
/// </summary>
public class ImportTurnTests
{
    private const string Marked = "turn-0150";

    /// <summary>Holds the save that writes the marked report until released, before the save opens a transaction of its own.</summary>
    private sealed class HoldingSave : SaveChangesInterceptor
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            var writesMarked = eventData.Context!.ChangeTracker.Entries()
                .Any(e => e.State == EntityState.Added && e.Properties.Any(p => p.CurrentValue is Marked));
            if (writesMarked)
            {
                Reached.TrySetResult();
                await Released.Task;
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
    public async Task A_report_written_while_an_import_is_being_written_is_stored_without_waiting_for_the_import()
    {
        var holding = new HoldingSave();
        using var app = new DashboardFactory { ExtraServices = services => services.AddSingleton<IInterceptor>(holding) };
        var slug = (await app.CreateIncidentAsync()).Slug;
        var writer = app.CreateWriter();

        var import = writer.PostAsync($"/api/incidents/{slug}/import", new StringContent(Csv(1_000), Encoding.UTF8, "text/csv"));
        await holding.Reached.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var beside = writer.PostJsonAsync($"/api/incidents/{slug}/reports", ApiClient.ValidReport("beside-the-import"));
        // The import's rows stay held until the other write is answered; the cap only ends a failing run.
        var first = await Task.WhenAny(beside, Task.Delay(TimeSpan.FromSeconds(20)));
        holding.Released.TrySetResult();

        Assert.Same(beside, first);
        Assert.Equal(HttpStatusCode.Created, (await beside).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await import).StatusCode);
        Assert.Equal(1_001, await app.Situation.CountReportsAsync(slug));
    }
}
