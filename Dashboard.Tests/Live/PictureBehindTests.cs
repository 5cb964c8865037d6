using Dashboard.Situation.Live;
using System.Data.Common;
using System.Diagnostics.Metrics;
using System.Net;
using Dashboard.Situation;
using Dashboard.Tests.Hardening;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Live;

/// <summary>Makes every read of the change log fail while armed, as a database that stopped answering reads would.</summary>
public sealed class FailLogReads : DbCommandInterceptor
{
    private volatile bool _armed;

    public void Arm() => _armed = true;

    public void Disarm() => _armed = false;

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        _armed && command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && command.CommandText.Contains("\"Changes\"")
            ? throw new TimeoutException("The database did not answer the read of the change log.")
            : ValueTask.FromResult(result);
}

/// <summary>The app on a fake clock whose reads of the change log fail while <see cref="FailReads"/> is armed.</summary>
public sealed class LogReadFailingAppFactory : FakeClockAppFactory
{
    public LogReadFailingAppFactory() : this(new FailLogReads()) { }

    // Starting at the real time, so that screens on the real clock (bUnit's) see its reports as recent, not stale.
    private LogReadFailingAppFactory(FailLogReads failReads) : base(DateTimeOffset.UtcNow, services => services.AddSingleton<IInterceptor>(failReads)) =>
        FailReads = failReads;

    public FailLogReads FailReads { get; }

    public int FailedPasses(string slug) => Situation.GetPictureLags().Single(l => l.Incident == slug).FailuresInARow;

    /// <summary>Arms the failing reads, has every picture read the log (as the sweep does) and waits until its pass has failed.</summary>
    public async Task BreakCatchingUpAsync(string slug)
    {
        FailReads.Arm();
        Services.GetRequiredService<IChangeSignal>().Raise(ChangeNotice.MayHaveChanged);
        Assert.True(await Instances.SharedDatabase.EventuallyAsync(() => Task.FromResult(FailedPasses(slug) >= 1)), "The pass never failed");
    }
}

/// <summary>
/// A picture that cannot read the change log says so (issue 25, finding 1): after Live:BehindAfterSeconds its screens
/// say BEHIND instead of LIVE, /health/ready answers Degraded, the lag gauge counts the seconds; once reads work again
/// it catches up by itself, with no further change to poke it, and says LIVE again.
/// </summary>
public sealed class PictureBehindTests : IDisposable
{
    private readonly LogReadFailingAppFactory _app = new();

    [Fact]
    public async Task A_picture_that_cannot_read_the_log_says_behind_then_catches_up_by_itself()
    {
        var incident = await _app.CreateIncidentAsync();
        var client = _app.CreateClient();
        Assert.Null((await _app.Situation.GetSituationAsync(incident.Slug))!.BehindSince);
        var since = _app.Clock.GetUtcNow();

        await _app.BreakCatchingUpAsync(incident.Slug);
        _app.Clock.Advance(TimeSpan.FromSeconds(9));
        var notYet = (await _app.Situation.GetSituationAsync(incident.Slug))!.BehindSince;
        _app.Clock.Advance(TimeSpan.FromSeconds(2));
        var behind = (await _app.Situation.GetSituationAsync(incident.Slug))!.BehindSince;
        var health = await (await client.GetAsync("/health/ready")).Content.ReadAsStringAsync();
        var lag = LagGauge(incident.Slug);

        _app.FailReads.Disarm();
        _app.Clock.Advance(CatchUp.LongestRetry); // the next retry reads the log: nothing else pokes it
        var caughtUp = await Instances.SharedDatabase.EventuallyAsync(async () => (await _app.Situation.GetSituationAsync(incident.Slug))!.BehindSince is null);
        // Every picture the failing reads held back retries on its own clock; the app is ready again once the last has
        // caught up, which may be a moment after this one (failed in CI's PostgreSQL pass: read once, it was Degraded).
        var healthy = await Instances.SharedDatabase.EventuallyAsync(async () =>
            await (await client.GetAsync("/health/ready")).Content.ReadAsStringAsync() == "Healthy");
        var healthAfter = await client.GetAsync("/health/ready");

        Assert.Null(notYet);
        Assert.Equal(since, behind);
        Assert.Equal("Degraded", health);
        Assert.Equal(11, lag);
        Assert.True(caughtUp, "The picture never caught up once the log could be read again");
        Assert.True(healthy, "The app never said Healthy again once the log could be read");
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (healthAfter.StatusCode, await healthAfter.Content.ReadAsStringAsync()));
    }

    private double? LagGauge(string slug)
    {
        double? seen = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "dashboard.pictures.lag")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag is { Key: "incident", Value: string incident } && incident == slug)
                    seen = value;
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return seen;
    }

    public void Dispose() => _app.Dispose();
}
