namespace Dashboard.Alerts;

/// <summary>The <c>Alerts</c> settings: where e-mail goes out, which plain-http hosts a webhook may use, how long to retry.</summary>
public sealed class AlertSettings
{
    public const string Section = "Alerts";

    /// <summary>False: this instance neither makes nor sends alerts (others on the database do); its pages still show them.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Hosts a webhook may reach over plain http (tests, private networks); every other webhook needs https.</summary>
    public List<string> AllowHttpHosts { get; set; } = [];

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>How long a webhook or e-mail is retried before it is marked failed.</summary>
    public double RetryForHours { get; set; } = 24;

    /// <summary>The first retry's wait; each next one waits twice as long, up to <see cref="LongestRetrySeconds"/>.</summary>
    public double FirstRetrySeconds { get; set; } = 5;

    public double LongestRetrySeconds { get; set; } = 3600;

    /// <summary>Under a storm, at most one e-mail per subscription in this time: the rest wait and go as one digest.</summary>
    public double DigestSeconds { get; set; } = 60;

    /// <summary>How long an instance holds the right to read the log for alerts and send them without renewing it.</summary>
    public double LeaseSeconds { get; set; } = 15;

    /// <summary>How often each instance looks for page alerts to show (they may have been written by another instance).</summary>
    public double PagePollSeconds { get; set; } = 1;

    /// <summary>Whether the pages play a short sound with a new alert (each person can also mute it on their banner).</summary>
    public bool Sound { get; set; } = true;

    public TimeSpan RetryFor => TimeSpan.FromHours(RetryForHours);
    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);
}

/// <summary><c>Alerts:Smtp</c>: the mail server alerts are sent through. No host: e-mail subscriptions are refused.</summary>
public sealed class SmtpSettings
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;

    /// <summary>None, StartTls (the default where the port is 587), SslOnConnect (465), or Auto.</summary>
    public string Security { get; set; } = "Auto";

    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "Situation Dashboard <alerts@localhost>";
}
