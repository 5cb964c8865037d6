namespace Dashboard.Alerts;

public static class AlertServiceCollectionExtensions
{
    /// <summary>Subscriptions, the alerts' reader and sender (a hosted service on every instance; one holds the lease), and the pages' board.</summary>
    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlertSettings>().Bind(configuration.GetSection(AlertSettings.Section))
            .Validate(s => s.RetryForHours > 0 && s.FirstRetrySeconds > 0 && s.LongestRetrySeconds >= s.FirstRetrySeconds && s.LeaseSeconds >= 1 && s.PagePollSeconds > 0,
                "Alerts: RetryForHours, FirstRetrySeconds, LeaseSeconds and PagePollSeconds must be positive, LongestRetrySeconds at least FirstRetrySeconds.")
            .ValidateOnStart();
        services.AddHttpClient(WebhookChannel.ClientName, client => client.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        services.AddSingleton<AlertSubscriptions>();
        services.AddSingleton<AlertLog>();
        services.AddSingleton<WebhookChannel>();
        services.AddSingleton<EmailChannel>();
        services.AddSingleton<AlertSender>();
        services.AddSingleton<AlertBoard>();
        services.AddHostedService(provider => provider.GetRequiredService<AlertBoard>());
        services.AddSingleton<AlertPacing>();
        services.AddSingleton<AlertDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<AlertDispatcher>());
        return services;
    }
}
