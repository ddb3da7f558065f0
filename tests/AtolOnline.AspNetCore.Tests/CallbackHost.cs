using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AtolOnline.Emulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using AtolOnline.Json;
using AtolOnline.Protocol;

namespace AtolOnline.AspNetCoreTests;

/// <summary>
/// The emulator and a service (Kestrel on 127.0.0.1, a free port) that maps the callback endpoint with a handler that
/// records what it is given and knows only the uuids the test lets it know.
/// </summary>
internal sealed class CallbackHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CallbackHost(AtolEmulator atol, WebApplication app, AtolClient client, Uri callbackUrl, AtolCallbackProof? proof)
    {
        Proof = proof;
        Atol = atol;
        _app = app;
        Client = client;
        CallbackUrl = callbackUrl;
        Inbox = app.Services.GetRequiredService<AtolCallbackInbox>();
    }

    public AtolEmulator Atol { get; }

    public AtolClient Client { get; }

    public Uri CallbackUrl { get; }

    public AtolCallbackInbox Inbox { get; }

    /// <summary>The proof the callback URLs carry (null: callbacks are confirmed by a report request).</summary>
    public AtolCallbackProof? Proof { get; }

    public HttpClient Http { get; } = new();

    /// <summary>Every report the handler was given (also those it answered UnknownDocument to).</summary>
    public ConcurrentQueue<AtolReport> Handed { get; } = new();

    /// <summary>Reports the handler applied.</summary>
    public ConcurrentQueue<AtolReport> Applied { get; } = new();

    /// <summary>Uuids the application "stored"; null: it knows every uuid.</summary>
    public ConcurrentDictionary<string, bool>? Known { get; set; }

    /// <summary>Uuids for which the handler throws (once each).</summary>
    public ConcurrentDictionary<string, bool> FailOnce { get; } = new();

    public static async Task<CallbackHost> StartAsync(Action<AtolCallbackOptions>? configure = null, AtolCallbackProof? proof = null)
    {
        var atol = await AtolEmulator.StartAsync(new EmulatorOptions { ProcessingDelay = TimeSpan.Zero }, TestContext.Current.CancellationToken);
        var client = new AtolClient(
            new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }),
            AtolClientOptions.ForTestEnvironment(AtolProtocolVersion.V5, atol.BaseAddress));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IAtolCallbackClient>(client);
        builder.Services.AddAtolCallbacks(o =>
        {
            o.Proof = proof;
            configure?.Invoke(o);
        });
        var app = builder.Build();
        CallbackHost? host = null;
        app.MapAtolCallbacks(proof is null ? "/atol/callbacks" : "/atol/callbacks/{token}", (report, _) => host!.HandleAsync(report));
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = new Uri(app.Urls.First());
        host = new CallbackHost(atol, app, client, new Uri(address, "/atol/callbacks"), proof);
        return host;
    }

    /// <summary>Registers a sell receipt, with this service's callback URL or without one.</summary>
    public async Task<AtolRegistration> SellAsync(string externalId, bool withCallback)
    {
        var receipt = SampleDocuments.Sell(externalId.GetHashCode(StringComparison.Ordinal) & 0xFFFF, 1) with
        {
            ExternalId = externalId,
            Service = withCallback ? new V5.Service { CallbackUrl = UrlFor(externalId) } : null,
        };
        return await Client.SellAsync(receipt, cancellationToken: TestContext.Current.CancellationToken);
    }

    /// <summary>The callback URL of a document: with its proof token as the last segment when a proof is configured.</summary>
    public string UrlFor(string externalId) => Proof?.CreateCallbackUrl(CallbackUrl.ToString(), externalId) ?? CallbackUrl.ToString();

    /// <summary>POSTs a body to the callback endpoint (or to <paramref name="url"/>) as ATOL would.</summary>
    public async Task<HttpResponseMessage> PostAsync(string body, string? url = null)
    {
        using var content = new StringContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await Http.PostAsync(new Uri(url ?? CallbackUrl.ToString()), content, TestContext.Current.CancellationToken);
    }

    /// <summary>The JSON of ATOL's final report of a uuid (what a genuine callback carries).</summary>
    public async Task<JsonObject> FinalReportJsonAsync(string uuid)
    {
        var report = await Client.WaitForReportAsync(uuid, TestContext.Current.CancellationToken);
        return JsonNode.Parse(AtolJson.ToJsonString(report.V5!))!.AsObject();
    }

    /// <summary>Waits (bounded) until the condition holds; the assertion that follows says what was expected.</summary>
    public static async Task EventuallyAsync(Func<bool> condition)
    {
        for (int i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        await Atol.DisposeAsync();
    }

    private ValueTask<AtolCallbackDisposition> HandleAsync(AtolReport report)
    {
        Handed.Enqueue(report);
        if (FailOnce.TryRemove(report.Uuid!, out _))
        {
            throw new InvalidOperationException("the application's store is down");
        }

        if (Known is { } known && !known.ContainsKey(report.Uuid!))
        {
            return ValueTask.FromResult(AtolCallbackDisposition.UnknownDocument);
        }

        Applied.Enqueue(report);
        return ValueTask.FromResult(AtolCallbackDisposition.Applied);
    }
}
