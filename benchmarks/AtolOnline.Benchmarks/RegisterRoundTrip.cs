using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AtolOnline.Emulator;
using AtolOnline.V5;
using BenchmarkDotNet.Attributes;
using AtolOnline.Json;
using AtolOnline.Protocol;

namespace AtolOnline.Benchmarks;

/// <summary>
/// Register a 10-item v5 sell and fetch its report once, against the in-process emulator (Kestrel on loopback, no
/// processing delay): through <see cref="AtolClient"/> (<c>Client</c>: serializes the document, sends it, parses both
/// answers into typed results) vs a raw <see cref="HttpClient"/> posting pre-serialized bytes and reading the answers
/// as bytes (<c>RawHttp</c>: the transport floor; it only scans the register answer for the uuid). Both use the same
/// <see cref="HttpClient"/>; every call registers a new external_id (the raw body has a fixed-width id patched in
/// place), so the emulator does the same work for both.
/// </summary>
[MemoryDiagnoser]
public class RegisterRoundTrip
{
    private const string IdPrefix = "bench-";
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private AtolEmulator _atol = null!;
    private HttpClient _http = null!;
    private AtolClient _client = null!;
    private ReceiptRequest _document = null!;
    private byte[] _body = null!;
    private int _idOffset;
    private Uri _sellUri = null!;
    private string _reportPrefix = null!;
    private string _token = null!;
    private long _counter;

    /// <summary>Starts the emulator, gets a raw token and checks that both paths register and read a report.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _atol = AtolEmulator.StartAsync(new EmulatorOptions { ProcessingDelay = TimeSpan.Zero }).GetAwaiter().GetResult();
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        var options = AtolClientOptions.ForTestEnvironment(AtolProtocolVersion.V5, _atol.BaseAddress);
        _client = new AtolClient(_http, options);
        _document = SampleDocuments.Sell(seed: 7, itemCount: 10);

        string root = _atol.BaseAddress.ToString().TrimEnd('/') + "/possystem/v5/";
        _sellUri = new Uri(root + options.GroupCode + "/sell");
        _reportPrefix = root + options.GroupCode + "/report/";
        using (var tokenRequest = new HttpRequestMessage(HttpMethod.Post, root + "getToken")
        {
            Content = new ByteArrayContent(AtolJson.ToUtf8Bytes(new TokenRequest { Login = options.Login, Pass = options.Password })),
        })
        {
            tokenRequest.Content.Headers.ContentType = Json;
            using var response = _http.Send(tokenRequest);
            _token = AtolJson.Parse<TokenResponse>(response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult()).Token
                ?? throw new InvalidOperationException("RegisterRoundTrip: no token from the emulator.");
        }

        // The raw body: the same document with a fixed-width external_id that each call overwrites in place.
        _body = AtolJson.ToUtf8Bytes(_document with { ExternalId = IdPrefix + new string('0', 16) });
        _idOffset = _body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(IdPrefix + new string('0', 16))) + IdPrefix.Length;

        var client = Client().GetAwaiter().GetResult();
        var raw = RawHttp().GetAwaiter().GetResult();
        if (client.Uuid is null || raw < 100)
        {
            throw new InvalidOperationException("RegisterRoundTrip: a path did not read a report.");
        }
    }

    /// <summary>Stops the emulator.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _http.Dispose();
        _atol.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Ours: <c>SellAsync</c> then <c>GetReportAsync</c>.</summary>
    [Benchmark]
    public async Task<AtolReport> Client()
    {
        var document = _document with { ExternalId = IdPrefix + Interlocked.Increment(ref _counter).ToString("D16", System.Globalization.CultureInfo.InvariantCulture) };
        var registration = await _client.SellAsync(document).ConfigureAwait(false);
        return await _client.GetReportAsync(registration.Uuid).ConfigureAwait(false);
    }

    /// <summary>The floor: pre-serialized bytes posted with <see cref="HttpClient"/>, answers read as bytes.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> RawHttp()
    {
        Interlocked.Increment(ref _counter).TryFormat(_body.AsSpan(_idOffset, 16), out _, "D16", System.Globalization.CultureInfo.InvariantCulture);
        string uuid;
        using (var request = new HttpRequestMessage(HttpMethod.Post, _sellUri) { Content = new ByteArrayContent(_body) })
        {
            request.Content.Headers.ContentType = Json;
            request.Headers.TryAddWithoutValidation("Token", _token);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            uuid = FindUuid(await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false));
        }

        using var report = new HttpRequestMessage(HttpMethod.Get, _reportPrefix + uuid);
        report.Headers.TryAddWithoutValidation("Token", _token);
        using var answer = await _http.SendAsync(report, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        return (await answer.Content.ReadAsByteArrayAsync().ConfigureAwait(false)).Length;
    }

    private static string FindUuid(byte[] answer)
    {
        var reader = new Utf8JsonReader(answer);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("uuid"u8) && reader.Read() && reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString()!;
            }
        }

        throw new InvalidOperationException("RegisterRoundTrip: no uuid in " + Encoding.UTF8.GetString(answer));
    }
}
