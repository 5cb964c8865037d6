using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Dashboard.Tests.Alerts;

/// <summary>One POST a webhook receiver took: its path, Standard Webhooks headers and body, and what it answered.</summary>
public sealed record ReceivedHook(string Path, string Id, string Timestamp, string Signature, string Body, int Answered, IHeaderDictionary Headers);

/// <summary>
/// A real webhook receiver: Kestrel on a loopback port, taking POSTs to /hook/{name}. Each name can be told how to
/// answer (a status per attempt); every request is kept, whatever it was answered.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<int, int>> _answers = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new();

    public ConcurrentQueue<ReceivedHook> Received { get; } = new();

    public WebhookReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapPost("/hook/{name}", async (string name, HttpRequest request) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            var attempt = _attempts.AddOrUpdate(name, 1, (_, n) => n + 1);
            var status = _answers.TryGetValue(name, out var answer) ? answer(attempt) : 200;
            var headers = new HeaderDictionary(request.Headers.ToDictionary(h => h.Key, h => h.Value));
            Received.Enqueue(new ReceivedHook(name, request.Headers["webhook-id"].ToString(), request.Headers["webhook-timestamp"].ToString(),
                request.Headers["webhook-signature"].ToString(), body, status, headers));
            return Results.StatusCode(status);
        });
        _app.StartAsync().GetAwaiter().GetResult();
        Address = new Uri(_app.Urls.First());
    }

    public Uri Address { get; }

    /// <summary>A fresh hook's url; <paramref name="answer"/> gives the status for each attempt (1, 2, …), 200 by default.</summary>
    public string NewHook(out string name, Func<int, int>? answer = null)
    {
        name = Guid.NewGuid().ToString("N")[..12];
        if (answer is not null)
            _answers[name] = answer;
        return new Uri(Address, $"/hook/{name}").AbsoluteUri;
    }

    public ReceivedHook[] To(string name) => [.. Received.Where(h => h.Path == name)];

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>A real SMTP server on a loopback port (netDumbster); what it took, read back as MIME messages.</summary>
public sealed class MailReceiver : IDisposable
{
    private readonly netDumbster.smtp.SimpleSmtpServer _server = netDumbster.smtp.SimpleSmtpServer.Start(Infrastructure.LoopbackPorts.Free());

    public int Port => _server.Configuration.Port;

    public MimeMessage[] To(string address) =>
        [.. _server.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data))))
            .Where(m => m.To.Mailboxes.Any(b => b.Address == address))];

    public void Dispose() => _server.Dispose();
}
