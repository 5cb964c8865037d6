using Dashboard.Data;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Live;

/// <summary>The journal's writer is a hosted service: the host starts it first and stops it last.</summary>
public class JournalHostingTests
{
    [Fact]
    public async Task A_host_that_stops_waiting_for_the_writer_still_stops_and_the_writer_takes_no_more_work()
    {
        using var app = new DashboardFactory();
        var incident = await app.CreateIncidentAsync();
        var journal = app.Services.GetRequiredService<ChangeJournal>();

        // The host's shutdown time is already up (the server took it all): the writer is not waited for, and that is no failure.
        await journal.StoppedAsync(new CancellationToken(canceled: true));

        await Assert.ThrowsAsync<WriteQueueFullException>(() => app.Situation.SubmitAsync(incident, [Reports.Figures("2013-01-18T12:00:00+01:00", Reports.Press, Reports.HostagesKilled(3))]));
    }
}
