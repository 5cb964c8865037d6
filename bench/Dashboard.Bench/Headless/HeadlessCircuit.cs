using System.Diagnostics;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Bench.Headless;

/// <summary>
/// One Blazor Server circuit opened without a browser, as blazor.web.js opens it for a prerendered page in .NET 10:
/// connect to /_blazor with the "blazorpack" protocol, StartCircuit with no components, then UpdateRootComponents with
/// the page's markers. It acknowledges every render batch at once (the server holds back batches beyond ten
/// unacknowledged), answers every JS interop call with success, and notes when each watched count first arrives.
/// See ../shared/notes/blazor-circuit-protocol.md.
/// </summary>
public sealed class HeadlessCircuit : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly HttpClient _http;
    private readonly CountWatch _watch;
    private readonly TaskCompletionSource _rendered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _secret;
    private bool _closing;

    private HeadlessCircuit(HubConnection hub, HttpClient http, CountWatch watch)
    {
        _hub = hub;
        _http = http;
        _watch = watch;
        Seen = new long[watch.Capacity];
    }

    /// <summary>Per write, the Stopwatch timestamp of the first batch that carried its count (0: never).</summary>
    public long[] Seen { get; }
    public int Batches { get; private set; }
    public long BatchBytes { get; private set; }
    public string? Failure { get; private set; }
    public bool IsClosed { get; private set; }

    /// <summary>Opens a circuit for the page whose markers are given and waits for its first full render.</summary>
    public static async Task<HeadlessCircuit> OpenAsync(Uri server, PageMarkers markers, HttpClient http, CountWatch watch, TimeSpan timeout)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(server, "_blazor"), HttpTransportType.WebSockets, options => options.SkipNegotiation = true);
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>();
        var circuit = new HeadlessCircuit(builder.Build(), http, watch);
        circuit.Listen();
        using var cancel = new CancellationTokenSource(timeout);
        await circuit._hub.StartAsync(cancel.Token);
        var baseUri = new Uri(server, "/").ToString();
        circuit._secret = await circuit._hub.InvokeAsync<string?>("StartCircuit", baseUri, markers.Page.ToString(), "[]", markers.ApplicationState, cancel.Token)
            ?? throw new InvalidOperationException("StartCircuit refused the circuit");
        await circuit._hub.SendAsync("UpdateRootComponents", markers.AddOperations(), markers.ApplicationState, cancel.Token);
        await circuit._rendered.Task.WaitAsync(cancel.Token);
        return circuit;
    }

    // Every handler is in place before StartAsync: the server's first interop call comes before StartCircuit returns.
    private void Listen()
    {
        _hub.On<long, byte[]>("JS.RenderBatch", (batchId, batch) =>
        {
            var receivedAt = Stopwatch.GetTimestamp();
            // Acknowledged first, so that parsing never holds back the server's next batch.
            _ = _hub.SendAsync("OnRenderCompleted", batchId, (string?)null);
            Batches++;
            BatchBytes += batch.Length;
            _watch.Match(batch, receivedAt, Seen);
            if (Environment.GetEnvironmentVariable("BENCH_DUMP_BATCHES") == "1" && _rendered.Task.IsCompleted)
                Console.WriteLine($"batch {batchId}: {batch.Length} B: seen {string.Join(",", Seen.Select((t, i) => t > 0 ? i : -1).Where(i => i >= 0))} " + string.Join(" | ", RenderBatchStrings.Decode(batch)).ReplaceLineEndings("⏎").Replace("\r", "␍"));
            // The page's content arrives in the batch after the root components are attached.
            if (batch.Length > 4096)
                _rendered.TrySetResult();
        });
        _hub.On<long, string, string, int, long, int>("JS.BeginInvokeJS", (handle, _, _, _, _, _) =>
        {
            if (handle != 0)
                _ = _hub.SendAsync("EndInvokeJSFromDotNet", handle, true, $"[{handle},true,null]");
        });
        _hub.On<int, string>("JS.AttachComponent", (_, _) => { });
        _hub.On<long>("JS.EndUpdateRootComponents", _ => { });
        _hub.On<string, bool, string>("JS.EndInvokeDotNet", (_, _, _) => { });
        _hub.On<string>("JS.Error", message =>
        {
            Failure ??= "JS.Error: " + message;
            _rendered.TrySetException(new InvalidOperationException(message));
        });
        _hub.Closed += error =>
        {
            if (_closing)
                return Task.CompletedTask;
            IsClosed = true;
            Failure ??= "closed: " + (error?.Message ?? "by the server");
            _rendered.TrySetException(new InvalidOperationException(Failure));
            return Task.CompletedTask;
        };
    }

    /// <summary>Closes the connection and tells the server the circuit is gone, as a closing tab does.</summary>
    public async ValueTask DisposeAsync()
    {
        var wasOpen = !IsClosed;
        _closing = true;
        await _hub.DisposeAsync();
        // Without this the server keeps the circuit for a reconnect that never comes.
        if (wasOpen && _secret is not null)
        {
            try
            {
                using var form = new FormUrlEncodedContent([new("circuitId", _secret)]);
                await _http.PostAsync("_blazor/disconnect", form);
            }
            catch (HttpRequestException) { }
        }
    }
}
