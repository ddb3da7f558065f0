using System.Net;
using System.Text;
using System.Text.Json;
using AtolOnline.Emulator;

namespace AtolOnline.Core.Tests;

/// <summary>
/// Raw HTTP against the in-process emulator on 127.0.0.1 with ATOL's public test accounts: bodies go as written, answers
/// are read with JsonDocument (no library client in between).
/// </summary>
internal sealed class EmulatorHttp : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 3, 5, 11, 2, 11, TimeSpan.Zero);

    /// <summary>The emulator's clock at <see cref="Start"/>, as ATOL writes timestamps (Moscow time).</summary>
    public const string StartTimestamp = "05.03.2025 14:02:11";

    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);

    private EmulatorHttp(AtolEmulator atol)
    {
        Atol = atol;
        Http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = atol.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public AtolEmulator Atol { get; }

    public HttpClient Http { get; }

    public static async Task<EmulatorHttp> StartAsync() => new(await AtolEmulator.StartAsync(
        new EmulatorOptions { ProcessingDelay = TimeSpan.FromSeconds(5), ProcessingJitter = 0, TimeProvider = new FrozenTime(Start) }, TestContext.Current.CancellationToken));

    public static string Group(string version) => version == "v4" ? "v4-online-atol-ru_4179" : "v5-online-atol-ru_5179";

    public static (string Login, string Pass) Credentials(string version) =>
        version == "v4" ? ("v4-online-atol-ru", "iGFFuihss") : ("v5-online-atol-ru", "zUr0OxfI");

    public async Task<Answer> PostAsync(string path, byte[] json, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(json) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        if (token is not null)
        {
            request.Headers.Add("Token", token);
        }

        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        return new Answer(response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public async Task<Answer> GetAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Token", token);
        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        return new Answer(response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public async Task<string> TokenAsync(string version)
    {
        if (!_tokens.TryGetValue(version, out var token))
        {
            var (login, pass) = Credentials(version);
            var answer = await PostAsync($"possystem/{version}/getToken", Encoding.UTF8.GetBytes($$"""{"login":"{{login}}","pass":"{{pass}}"}"""));
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            _tokens[version] = token = answer.Root.GetProperty("token").GetString()!;
        }

        return token;
    }

    /// <summary>POSTs a document to the test account's group of <paramref name="version"/>.</summary>
    public async Task<Answer> RegisterAsync(string version, string operation, byte[] json) =>
        await PostAsync($"possystem/{version}/{Group(version)}/{operation}", json, await TokenAsync(version));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Atol.DisposeAsync();
    }

    public sealed record Answer(HttpStatusCode Status, string Text)
    {
        public JsonElement Root => JsonDocument.Parse(Text).RootElement;

        public int? ErrorCode => Root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e.GetProperty("code").GetInt32() : null;

        public string ErrorText => Root.GetProperty("error").GetProperty("text").GetString()!;

        public override string ToString() => $"HTTP {(int)Status}: {Text}";
    }

    /// <summary>A frozen underlying clock: only the emulator's Advance moves time.</summary>
    private sealed class FrozenTime(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }
}
