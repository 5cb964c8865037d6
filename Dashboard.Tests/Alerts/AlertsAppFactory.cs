using Dashboard.Tests.Hardening;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Alerts;

/// <summary>
/// The app with a webhook receiver and an SMTP server of its own (both on loopback), plain http allowed to the
/// receiver, on a fake clock that starts now (receivers check a webhook's timestamp against their own clock), so retries
/// and digests wait for the test to move time on, not for time to pass.
/// </summary>
public sealed class AlertsAppFactory : FakeClockAppFactory
{
    public WebhookReceiver Hooks { get; } = new();
    public MailReceiver Mail { get; } = new();

    public AlertsAppFactory() : base(DateTimeOffset.UtcNow, _ => { })
    {
        Settings["Alerts:AllowHttpHosts:0"] = "127.0.0.1";
        Settings["Alerts:Smtp:Host"] = "127.0.0.1";
        Settings["Alerts:Smtp:Port"] = Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Settings["Alerts:Smtp:Security"] = "None";
    }

    /// <summary>Moves the clock on by <paramref name="step"/> until <paramref name="holds"/> (up to 20 real seconds).</summary>
    public async Task<bool> AdvanceUntilAsync(Func<bool> holds, TimeSpan step)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!holds())
        {
            if (DateTime.UtcNow > until)
                return false;
            Clock.Advance(step);
            await Task.Delay(50);
        }
        return true;
    }

    /// <summary>Waits (real time, up to 20 s) for something the app does at once, without moving the clock.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> holds)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!holds())
        {
            if (DateTime.UtcNow > until)
                return false;
            await Task.Delay(25);
        }
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Hooks.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Mail.Dispose();
    }
}
