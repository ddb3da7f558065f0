using System.Net;
using AtolOnline.Batch;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace AtolOnline.Cli.Commands;

/// <summary>
/// The batch's callback receiver (<c>atol batch --callback-listen URL</c>): Kestrel inside the CLI, one route
/// <c>POST {path}/{token}</c>, a plain request delegate (no reflection, NativeAOT). The token is the proof the batch
/// checks; the receiver answers 200 to a callback the batch accepted or did not need, 403 to one without a valid proof.
/// </summary>
internal sealed class CallbackReceiver : IAsyncDisposable
{
    /// <summary>Largest callback body read (a report is a few KiB).</summary>
    private const int MaxBody = 256 * 1024;

    private readonly WebApplication _app;

    private CallbackReceiver(WebApplication app) => _app = app;

    /// <summary>Starts listening on <paramref name="listen"/> (http, an IP address or localhost, a port, a path).</summary>
    public static async Task<CallbackReceiver> StartAsync(Uri listen, Func<string, ReadOnlyMemory<byte>, BatchCallbackResult> handle, CancellationToken ct)
    {
        if (listen.Scheme != Uri.UriSchemeHttp || !string.IsNullOrEmpty(listen.Query) || !string.IsNullOrEmpty(listen.Fragment))
        {
            throw new UsageException($"--callback-listen {listen}: нужен адрес http://IP:порт/путь без запроса (HTTPS снаружи даёт обратный прокси)");
        }

        var address = listen.IsLoopback && listen.HostNameType == UriHostNameType.Dns ? IPAddress.Loopback
            : IPAddress.TryParse(listen.Host.Trim('[', ']'), out var ip) ? ip
            : throw new UsageException($"--callback-listen {listen}: укажите IP-адрес (например 0.0.0.0) или localhost");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = "atol" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = MaxBody;
            k.Listen(address, listen.Port);
        });
        var app = builder.Build();
        string path = listen.AbsolutePath.TrimEnd('/');
        app.MapPost(path + "/{token}", async context =>
        {
            string token = context.Request.RouteValues["token"] as string ?? "";
            using var body = new MemoryStream();
            try
            {
                await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            }
            catch (BadHttpRequestException)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }

            var result = handle(token, body.GetBuffer().AsMemory(0, (int)body.Length));
            context.Response.StatusCode = result == BatchCallbackResult.Rejected ? StatusCodes.Status403Forbidden : StatusCodes.Status200OK;
        });
        try
        {
            await app.StartAsync(ct);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync();
            throw new UsageException($"--callback-listen {listen}: не удалось слушать ({ex.Message})");
        }

        return new CallbackReceiver(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
