using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AtolOnline.Protocol;
using static AtolOnline.Emulator.Tests.Support;

namespace AtolOnline.Emulator.Tests;

/// <summary>
/// The <c>/emulator/</c> control surface refuses what a web page or a DNS-rebinding attack could send (a foreign Host,
/// a non-JSON body, a huge body), answers no passwords, and issues tokens nobody can predict from the seed.
/// </summary>
public sealed class ControlApiHardeningTests
{
    private const int Limit = 1024 * 1024;

    [Theory]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    [InlineData("127.0.0.1:1", HttpStatusCode.OK)]
    [InlineData("localhost", HttpStatusCode.OK)]
    [InlineData("LocalHost:8080", HttpStatusCode.OK)]
    [InlineData("[::1]:65535", HttpStatusCode.OK)]
    [InlineData("example.com", HttpStatusCode.Forbidden)]
    [InlineData("attacker.example:80", HttpStatusCode.Forbidden)]
    [InlineData("127.0.0.1.nip.io", HttpStatusCode.Forbidden)]
    [InlineData("localhost.attacker.example", HttpStatusCode.Forbidden)]
    [InlineData("127.0.0.2", HttpStatusCode.Forbidden)]
    [InlineData("10.0.0.1:5000", HttpStatusCode.Forbidden)]
    public async Task Only_loopback_host_headers_reach_the_control_api(string host, HttpStatusCode expected)
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        var get = new HttpRequestMessage(HttpMethod.Get, "emulator/accounts");
        get.Headers.Host = host;
        var answer = await SendAsync(http, get);
        Assert.Equal(expected, answer.Status);
        var post = new HttpRequestMessage(HttpMethod.Post, "emulator/clock/advance") { Content = Support.Json("""{"seconds":60}""") };
        post.Headers.Host = host;
        Assert.Equal(expected, (await SendAsync(http, post)).Status);
        Assert.Equal(expected == HttpStatusCode.OK ? Start.AddSeconds(60) : Start, atol.Clock.GetUtcNow());
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Contains("Host", answer.Root.GetProperty("error").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_atol_endpoints_answer_whatever_the_host_header()
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        var request = new HttpRequestMessage(HttpMethod.Post, "possystem/v5/getToken") { Content = Support.Json("""{"login":"v5-online-atol-ru","pass":"zUr0OxfI"}""") };
        request.Headers.Host = "testonline.atol.ru";
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, request)).Status);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/json; charset=latin1")]
    [InlineData("application/jsonp")]
    [InlineData(null)]
    public async Task Control_bodies_other_than_json_are_refused_with_415_and_change_nothing(string? contentType)
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"seconds":60}"""));
        content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        var answer = await SendAsync(http, new HttpRequestMessage(HttpMethod.Post, "emulator/clock/advance") { Content = content });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, answer.Status);
        Assert.Contains("application/json", answer.Root.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(Start, atol.Clock.GetUtcNow());
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON; charset=UTF-8")]
    public async Task Json_control_bodies_are_accepted(string contentType)
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"seconds":60}"""));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, new HttpRequestMessage(HttpMethod.Post, "emulator/clock/advance") { Content = content })).Status);
        Assert.Equal(Start.AddSeconds(60), atol.Clock.GetUtcNow());
    }

    [Fact]
    public async Task A_post_without_a_json_content_type_is_refused_even_without_a_body()
    {
        // A page can send a body-less cross-origin POST without a preflight: it must not expire every token.
        await using var atol = await StartAsync();
        using var http = Client(atol);
        string token = await TokenAsync(http);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await SendAsync(http, new HttpRequestMessage(HttpMethod.Post, "emulator/tokens/expire"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, $"possystem/v5/{V5Group}/sell", V5Sell("still-valid"), token)).Status);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Control_bodies_up_to_one_mebibyte_are_read_and_longer_ones_refused_with_413(bool declareLength)
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        const string json = """{"seconds":60}""";
        byte[] atLimit = Encoding.UTF8.GetBytes(json + new string(' ', Limit - json.Length)); // whitespace is valid JSON
        Assert.Equal(Limit, atLimit.Length);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, Advance(atLimit, declareLength))).Status);
        Assert.Equal(Start.AddSeconds(60), atol.Clock.GetUtcNow());

        byte[] overLimit = [.. atLimit, (byte)' '];
        var answer = await SendAsync(http, Advance(overLimit, declareLength));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        Assert.Contains(Limit.ToString(System.Globalization.CultureInfo.InvariantCulture), answer.Root.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(Start.AddSeconds(60), atol.Clock.GetUtcNow());

        static HttpRequestMessage Advance(byte[] body, bool declareLength)
        {
            HttpContent content = declareLength ? new ByteArrayContent(body) : new UnknownLengthContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return new HttpRequestMessage(HttpMethod.Post, "emulator/clock/advance") { Content = content };
        }
    }

    [Fact]
    public async Task Accounts_are_listed_without_their_passwords()
    {
        var extra = new EmulatorAccount
        {
            Login = "shop", Password = "s3cret-Passw0rd", GroupCode = "shop_1", Protocol = AtolProtocolVersion.V5, Inn = "7707083893", PaymentAddress = "https://shop.example",
        };
        await using var atol = await StartAsync(o => o.Accounts.Add(extra));
        using var http = Client(atol);
        var answer = await GetAsync(http, "emulator/accounts");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(3, answer.Root.GetArrayLength());
        Assert.All(answer.Root.EnumerateArray(), a => Assert.False(a.TryGetProperty("password", out _) || a.TryGetProperty("pass", out _)));
        Assert.Contains(answer.Root.EnumerateArray(), a => a.GetProperty("login").GetString() == "shop");
        foreach (var password in new[] { "s3cret-Passw0rd", EmulatorAccount.TestV4.Password, EmulatorAccount.TestV5.Password })
        {
            Assert.DoesNotContain(password, answer.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Tokens_differ_between_runs_of_one_seed_while_uuids_and_fiscal_data_repeat()
    {
        async Task<(string Token, string Uuid, long? FiscalDocumentNumber, string Report)> RunAsync()
        {
            await using var atol = await StartAsync(o => o.Seed = 42);
            using var http = Client(atol);
            string token = await TokenAsync(http);
            string uuid = (await PostAsync(http, $"possystem/v5/{V5Group}/sell", V5Sell("seed-1"), token)).Str("uuid");
            atol.Clock.Advance(TimeSpan.FromSeconds(10));
            var document = atol.FindDocument(uuid)!;
            return (token, uuid, document.FiscalDocumentNumber, Encoding.UTF8.GetString(document.Report.Span));
        }

        var first = await RunAsync();
        var second = await RunAsync();
        Assert.NotEqual(first.Token, second.Token);
        Assert.Equal(128, first.Token.Length);
        Assert.Equal((first.Uuid, first.FiscalDocumentNumber, first.Report), (second.Uuid, second.FiscalDocumentNumber, second.Report));
        Assert.NotNull(first.FiscalDocumentNumber);
    }

    /// <summary>A body sent chunked: no Content-Length for the server to check up front.</summary>
    private sealed class UnknownLengthContent(byte[] body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
