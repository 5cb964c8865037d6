using System.Net;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Dashboard.Alerts;

/// <summary>Sends an alert (or a digest of several) by e-mail over SMTP: plain text and HTML, TLS as <c>Alerts:Smtp:Security</c> says.</summary>
public sealed class EmailChannel(IOptionsMonitor<AlertSettings> settings)
{
    /// <summary>Null when the server took it, else what went wrong.</summary>
    public async Task<string?> SendAsync(string to, string messageId, string incidentName, IReadOnlyList<string> lines, CancellationToken cancellationToken)
    {
        var smtp = settings.CurrentValue.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
            return "E-mail is not set up on this server (Alerts:Smtp:Host).";
        var message = new MimeMessage { Subject = AlertWords.Subject(incidentName, lines), MessageId = $"{messageId}@situation-dashboard" };
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Body = new BodyBuilder
        {
            TextBody = string.Join("\n", lines.Select(l => "- " + l)) + $"\n\n{incidentName}: Situation Dashboard alert {messageId}.\n",
            HtmlBody = $"<ul>{string.Concat(lines.Select(l => $"<li>{WebUtility.HtmlEncode(l)}</li>"))}</ul><p>{WebUtility.HtmlEncode(incidentName)}: Situation Dashboard alert {WebUtility.HtmlEncode(messageId)}.</p>",
        }.ToMessageBody();
        try
        {
            using var client = new MailKit.Net.Smtp.SmtpClient { Timeout = 15_000 };
            await client.ConnectAsync(smtp.Host, smtp.Port, Enum.TryParse<SecureSocketOptions>(smtp.Security, true, out var security) ? security : SecureSocketOptions.Auto, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
            return null;
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or MailKit.CommandException or MailKit.ProtocolException
            or MailKit.Security.AuthenticationException or SslHandshakeException or TimeoutException)
        {
            return e.Message;
        }
    }
}
