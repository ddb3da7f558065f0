using System.Net;
using System.Text;
using AtolOnline.Protocol;
using Microsoft.Extensions.Logging;

namespace AtolOnline.Client.Tests;

/// <summary>
/// A scripted ATOL behind an <see cref="HttpMessageHandler"/>: getToken always succeeds, registrations and report requests
/// get the answers the test scripts. Every request is recorded with the fake clock's time, so a test asserts when and how
/// often the client asked.
/// </summary>
internal sealed class ScriptedAtol(FakeClock clock) : HttpMessageHandler
{
    public const string Timestamp = "05.03.2026 14:02:11";

    private readonly Lock _gate = new();
    private readonly List<Seen> _seen = [];

    /// <summary>Answers getToken; the argument counts token requests from 1.</summary>
    public Func<int, HttpRequestMessage, HttpResponseMessage> Token { get; set; } =
        (n, _) => Json(HttpStatusCode.OK, $$"""{"error":null,"token":"token-{{n}}","timestamp":"{{Timestamp}}"}""");

    /// <summary>Answers registrations; the argument counts registrations from 1.</summary>
    public Func<int, HttpRequestMessage, HttpResponseMessage> Register { get; set; } = (_, _) => Registered("b1f0c6a4-0000-4000-8000-000000000001");

    /// <summary>Answers report requests; the argument counts report requests from 1.</summary>
    public Func<int, HttpRequestMessage, HttpResponseMessage> Report { get; set; } = (_, _) => Waiting();

    public IReadOnlyList<Seen> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _seen];
            }
        }
    }

    public IReadOnlyList<TimeSpan> TimesOf(string kind) => [.. Requests.Where(r => r.Kind == kind).Select(r => r.At)];

    /// <summary>Creates a v5 client on this handler with a unique login (tokens are cached per login process-wide).</summary>
    public AtolClient Client(Action<AtolClientOptions>? configure = null, AtolProtocolVersion version = AtolProtocolVersion.V5, ILogger<AtolClient>? logger = null)
    {
        var options = new AtolClientOptions
        {
            BaseAddress = new Uri("https://atol.test/"),
            Login = "scripted-" + Guid.NewGuid().ToString("N"),
            Password = "scripted-password",
            GroupCode = "group-1",
            ProtocolVersion = version,
            TimeProvider = clock,

            // No real-time per-attempt timer: the tests run on the fake clock only.
            AttemptTimeout = Timeout.InfiniteTimeSpan,
            Retry = new AtolRetryPolicy { MaxAttempts = 4, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30), Jitter = 0 },
        };
        configure?.Invoke(options);
        return new AtolClient(new HttpClient(this, disposeHandler: false), options, logger);
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage Registered(string uuid) =>
        Json(HttpStatusCode.OK, $$"""{"uuid":"{{uuid}}","status":"wait","error":null,"timestamp":"{{Timestamp}}"}""");

    public static HttpResponseMessage Waiting() =>
        Json(HttpStatusCode.OK, $$"""{"error":{"error_id":"4f2a","code":34,"text":"Состояние чека не найдено. Попробуйте позднее","type":"system"},"status":"wait","timestamp":"{{Timestamp}}","callback_url":""}""");

    public static HttpResponseMessage ServiceError(int status, int code, string type = "system") =>
        Json((HttpStatusCode)status, $$"""{"error":{"error_id":"e-{{code}}","code":{{code}},"text":"ошибка {{code}}","type":"{{type}}"},"status":"fail","timestamp":"{{Timestamp}}"}""");

    public static HttpResponseMessage Html(int status) =>
        new((HttpStatusCode)status) { Content = new StringContent("<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>", Encoding.UTF8, "text/html") };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string path = request.RequestUri!.AbsolutePath;
        string kind = path.EndsWith("/getToken", StringComparison.Ordinal) ? "token" : path.Contains("/report/", StringComparison.Ordinal) ? "report" : "register";
        int number;
        lock (_gate)
        {
            _seen.Add(new Seen(kind, clock.Elapsed, request.RequestUri));
            number = _seen.Count(s => s.Kind == kind);
        }

        var response = kind switch
        {
            "token" => Token(number, request),
            "report" => Report(number, request),
            _ => Register(number, request),
        };
        response.RequestMessage ??= request;
        return Task.FromResult(response);
    }

    public sealed record Seen(string Kind, TimeSpan At, Uri Uri);
}
