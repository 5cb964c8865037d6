using System.Security.Cryptography;
using System.Text;
using Dashboard.Data;
using Microsoft.Extensions.Options;

namespace Dashboard.Alerts;

/// <summary>
/// Posts an alert to a webhook, signed the Standard Webhooks way: <c>webhook-id</c> (the delivery's stable id),
/// <c>webhook-timestamp</c> (Unix seconds) and <c>webhook-signature</c> (<c>v1,</c> + base64 HMAC-SHA256 over
/// id.timestamp.body, keyed with the secret's bytes). Redirects are not followed: a 3xx is a failed attempt.
/// </summary>
public sealed class WebhookChannel(IHttpClientFactory clients, IOptionsMonitor<AlertSettings> settings, TimeProvider clock)
{
    public const string ClientName = "alerts.webhooks";

    /// <summary>Null when the receiver took it (a 2xx), else what went wrong.</summary>
    public async Task<string?> SendAsync(AlertDeliveryEntity delivery, string secret, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(delivery.Target, UriKind.Absolute, out var url))
            return "The subscription's url is not a url.";
        if (SubscriptionRules.WhyNotReachable(url, settings.CurrentValue) is { } why)
            return why;
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", delivery.Id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", Sign(secret, delivery.Id, timestamp, delivery.Payload));
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            return status is >= 200 and < 300 ? null
                : status is >= 300 and < 400 ? $"HTTP {status}: redirects are not followed"
                : $"HTTP {status}";
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "No answer in time.";
        }
    }

    /// <summary>The signature header's value for a body, as a receiver checks it.</summary>
    public static string Sign(string secret, string id, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret.StartsWith(AlertSubscriptions.SecretPrefix, StringComparison.Ordinal) ? secret[AlertSubscriptions.SecretPrefix.Length..] : secret);
        var signature = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)}.{body}"));
        return "v1," + Convert.ToBase64String(signature);
    }
}
