using System.Net;
using System.Text;
using AtolOnline.Protocol;
using static AtolOnline.Emulator.Tests.Support;

namespace AtolOnline.Emulator.Tests;

/// <summary>Every possystem endpoint and every error it emits, through a raw HttpClient.</summary>
public sealed class ConformanceTests
{
    [Theory]
    [InlineData("v4", "v4-online-atol-ru", "iGFFuihss")]
    [InlineData("v5", "v5-online-atol-ru", "zUr0OxfI")]
    public async Task GetToken_by_post_answers_a_128_character_token_and_reuses_it(string version, string login, string pass)
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        var first = await PostAsync(http, $"possystem/{version}/getToken", $$"""{"login":"{{login}}","pass":"{{pass}}","source":"tests"}""");
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.StartsWith("application/json", first.ContentType, StringComparison.Ordinal);
        Assert.Matches("^\\{\"error\":null,\"token\":\"[A-Za-z0-9_-]{128}\",\"timestamp\":\"05\\.03\\.2025 14:02:11\"\\}$", first.Text);
        var second = await PostAsync(http, $"possystem/{version}/getToken", $$"""{"login":"{{login}}","pass":"{{pass}}"}""");
        Assert.Equal(first.Str("token"), second.Str("token"));
    }

    [Fact]
    public async Task GetToken_by_get_with_query_string_works()
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        var answer = await GetAsync(http, "possystem/v5/getToken?login=v5-online-atol-ru&pass=zUr0OxfI");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(128, answer.Str("token").Length);
    }

    [Fact]
    public async Task GetToken_with_a_wrong_password_is_error_12_with_http_401()
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        var answer = await PostAsync(http, "possystem/v5/getToken", """{"login":"v5-online-atol-ru","pass":"wrong"}""");
        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal(12, answer.ErrorCode);
        Assert.Equal("Неверный логин или пароль", answer.ErrorText);
        Assert.Equal("system", answer.Root.GetProperty("error").GetProperty("type").GetString());
        Assert.False(answer.Root.TryGetProperty("token", out _));
    }

    [Fact]
    public async Task GetToken_with_v5_credentials_on_v4_is_error_21()
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        var answer = await PostAsync(http, "possystem/v4/getToken", """{"login":"v5-online-atol-ru","pass":"zUr0OxfI"}""");
        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal(21, answer.ErrorCode);
    }

    [Fact]
    public async Task GetToken_with_whitespace_in_login_is_error_32_as_captured_from_the_test_environment()
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        var answer = await PostAsync(http, "possystem/v4/getToken", """{"login":"v4 online","pass":"x"}""");
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("fail", answer.Str("status"));
        Assert.Equal(32, answer.ErrorCode);
        Assert.Equal("Ошибка валидации входящего чека. Ошибочные поля : PatternMismatch: #/login", answer.ErrorText);
    }

    [Fact]
    public async Task Wrong_content_type_is_error_41_with_http_415()
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        using var content = new StringContent("""{"login":"a","pass":"b"}""", Encoding.UTF8, "text/plain");
        var answer = await SendAsync(http, new HttpRequestMessage(HttpMethod.Post, "possystem/v5/getToken") { Content = content });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, answer.Status);
        Assert.Equal(41, answer.ErrorCode);
        Assert.Equal("Некорректный Content-Type: \"text/plain; charset=utf-8\"", answer.ErrorText);

        string token = await TokenAsync(http);
        using var register = new StringContent(V5Sell("ct-1"), Encoding.UTF8, "application/xml");
        var request = new HttpRequestMessage(HttpMethod.Post, $"possystem/v5/{V5Group}/sell") { Content = register };
        request.Headers.Add("Token", token);
        Assert.Equal(41, (await SendAsync(http, request)).ErrorCode);
    }

    [Fact]
    public async Task Bare_application_json_without_charset_is_accepted()
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        using var content = new ByteArrayContent("""{"login":"v5-online-atol-ru","pass":"zUr0OxfI"}"""u8.ToArray());
        content.Headers.ContentType = new("application/json");
        var answer = await SendAsync(http, new HttpRequestMessage(HttpMethod.Post, "possystem/v5/getToken") { Content = content });
        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Theory]
    [InlineData("{\"login\":")]
    [InlineData("")]
    [InlineData("not json")]
    public async Task Unreadable_json_is_error_40(string body)
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        string token = await TokenAsync(http);
        var answer = await PostAsync(http, $"possystem/v5/{V5Group}/sell", body, token);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(40, answer.ErrorCode);
        Assert.Equal("Некорректный запрос", answer.ErrorText);
        Assert.Empty(atol.Documents);
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_error_40_with_http_413()
    {
        await using var atol = await StartAsync(o => o.MaxRequestBodySize = 4096);
        using var http = Client(atol);
        string token = await TokenAsync(http);
        string huge = "{\"external_id\":\"" + new string('x', 200_000) + "\"}";
        var answer = await PostAsync(http, $"possystem/v5/{V5Group}/sell", huge, token);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        Assert.Equal(40, answer.ErrorCode);

        // the same limit when the length is not announced (chunked)
        using var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge)));
        chunked.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, $"possystem/v5/{V5Group}/sell") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("Token", token);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await SendAsync(http, request)).Status);
    }

    [Fact]
    public async Task Register_v5_sell_answers_wait_with_a_uuid()
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        string token = await TokenAsync(http);
        var answer = await PostAsync(http, $"possystem/v5/{V5Group}/sell", V5Sell("sell-1"), token);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Matches("^\\{\"uuid\":\"[0-9a-f-]{36}\",\"status\":\"wait\",\"error\":null,\"timestamp\":\"05\\.03\\.2025 14:02:11\"\\}$", answer.Text);
        var document = Assert.Single(atol.Documents);
        Assert.Equal(("sell-1", "sell", V5Group, DocumentState.Wait), (document.ExternalId, document.Operation, document.GroupCode, document.Status));
        Assert.Equal(answer.Str("uuid"), document.Uuid);
    }

    [Theory]
    [InlineData("v5", "sell_correction")]
    [InlineData("v5", "buy_correction")]
    [InlineData("v5", "sell_refund_correction")]
    [InlineData("v5", "buy_refund_correction")]
    [InlineData("v5", "sell_refund")]
    [InlineData("v5", "buy")]
    [InlineData("v5", "buy_refund")]
    [InlineData("v4", "sell")]
    [InlineData("v4", "sell_refund")]
    [InlineData("v4", "buy")]
    [InlineData("v4", "buy_refund")]
    [InlineData("v4", "sell_correction")]
    [InlineData("v4", "buy_correction")]
    public async Task Every_operation_of_each_version_registers_and_completes(string version, string operation)
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        string token = await TokenAsync(http, version);
        string group = version == "v4" ? V4Group : V5Group;
        bool correction = operation.EndsWith("_correction", StringComparison.Ordinal);
        string body = (version, correction) switch
        {
            ("v4", false) => V4Sell("op-1"),
            ("v4", true) => V4Correction("op-1"),
            (_, false) => V5Sell("op-1"),
            _ => V5Correction("op-1"),
        };
        var registered = await PostAsync(http, $"possystem/{version}/{group}/{operation}", body, token);
        Assert.Equal(HttpStatusCode.OK, registered.Status);
        atol.Clock.Advance(TimeSpan.FromSeconds(5));
        var report = await GetAsync(http, $"possystem/{version}/{group}/report/{registered.Str("uuid")}", token);
        Assert.Equal(HttpStatusCode.OK, report.Status);
        Assert.Equal("done", report.Str("status"));
        Assert.Equal(operation, Assert.Single(atol.Documents).Operation);
    }

    [Theory]
    [InlineData("v4", "sell_refund_correction")]
    [InlineData("v5", "refund")]
    [InlineData("v5", "Sell")]
    public async Task An_unknown_operation_is_error_31(string version, string operation)
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        string token = await TokenAsync(http, version);
        var answer = await PostAsync(http, $"possystem/{version}/{(version == "v4" ? V4Group : V5Group)}/{operation}", V5Sell("x"), token);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(31, answer.ErrorCode);
        Assert.Equal($"Операция \"{operation}\" не поддерживается", answer.ErrorText);
    }

    [Fact]
    public async Task Missing_and_unknown_tokens_are_error_10_in_header_and_query()
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        var none = await PostAsync(http, $"possystem/v5/{V5Group}/sell", V5Sell("t"));
        Assert.Equal((HttpStatusCode.Unauthorized, 10), (none.Status, none.ErrorCode));
        Assert.Equal("Не распознан токен запроса", none.ErrorText);
        var garbage = await PostAsync(http, $"possystem/v5/{V5Group}/sell", V5Sell("t"), "garbage");
        Assert.Equal(10, garbage.ErrorCode);
        var report = await GetAsync(http, $"possystem/v5/{V5Group}/report/abc?token=garbage");
        Assert.Equal((HttpStatusCode.Unauthorized, 10), (report.Status, report.ErrorCode));
    }

    [Fact]
    public async Task Token_in_the_query_string_is_accepted()
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        string token = await TokenAsync(http);
        var answer = await PostAsync(http, $"possystem/v5/{V5Group}/sell?token={token}", V5Sell("q-1"));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Fact]
    public async Task A_token_expires_after_24_hours_with_error_11_and_a_new_one_is_issued()
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        string token = await TokenAsync(http);
        atol.Clock.Advance(TimeSpan.FromHours(23.9));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, $"possystem/v5/{V5Group}/sell", V5Sell("e-1"), token)).Status);
        atol.Clock.Advance(TimeSpan.FromHours(0.1));
        var expired = await PostAsync(http, $"possystem/v5/{V5Group}/sell", V5Sell("e-2"), token);
        Assert.Equal((HttpStatusCode.Unauthorized, 11), (expired.Status, expired.ErrorCode));
        Assert.Equal("Переданный токен не активен", expired.ErrorText);
        Assert.Matches("^\\{\"error\":\\{\"code\":11,\"error_id\":\"[0-9a-f-]{36}\",\"text\":\"[^\"]+\",\"type\":\"system\"\\},\"timestamp\":\"[0-9. :]{19}\"\\}$", expired.Text);
        string fresh = await TokenAsync(http);
        Assert.NotEqual(token, fresh);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, $"possystem/v5/{V5Group}/sell", V5Sell("e-2"), fresh)).Status);
    }

    [Fact]
    public async Task Token_lifetime_is_configurable()
    {
        await using var atol = await StartAsync(o => o.TokenLifetime = TimeSpan.FromMinutes(5));
        using var http = Client(atol);
        string token = await TokenAsync(http);
        atol.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(11, (await GetAsync(http, $"possystem/v5/{V5Group}/report/x", token)).ErrorCode);
    }

    [Fact]
    public async Task A_group_of_the_other_protocol_is_error_21_and_a_foreign_group_error_20()
    {
        await using var atol = await StartAsync(o => o.Accounts.Add(new EmulatorAccount
        {
            Login = "shop2",
            Password = "p",
            GroupCode = "shop2_1",
            Protocol = AtolProtocolVersion.V5,
            Inn = "7707083893",
            PaymentAddress = "https://shop2.example",
        }));
        using var http = Client(atol);
        string token = await TokenAsync(http);
        var other = await PostAsync(http, $"possystem/v5/{V4Group}/sell", V5Sell("g-1"), token);
        Assert.Equal((HttpStatusCode.Unauthorized, 21), (other.Status, other.ErrorCode));
        Assert.Equal("Код группы не поддерживает данную версию протокола", other.ErrorText);
        var foreign = await PostAsync(http, "possystem/v5/shop2_1/sell", V5Sell("g-1"), token);
        Assert.Equal((HttpStatusCode.Unauthorized, 20), (foreign.Status, foreign.ErrorCode));
        Assert.Equal("Код группы, указанный в запросе, не соответствует токену", foreign.ErrorText);
        var report = await GetAsync(http, "possystem/v5/shop2_1/report/x", token);
        Assert.Equal(20, report.ErrorCode);
    }

    [Fact]
    public async Task An_invalid_document_is_error_32_with_the_field_list_in_atol_style_and_nothing_stored()
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        string token = await TokenAsync(http);
        string body = V5Sell("bad-1").Replace("\"total\": 11.0", "\"total\": -1", StringComparison.Ordinal)
            .Replace("\"sno\": \"osn\"", "\"sno\": \"nope\"", StringComparison.Ordinal);
        var answer = await PostAsync(http, $"possystem/v5/{V5Group}/sell", body, token);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("fail", answer.Str("status"));
        Assert.Equal(32, answer.ErrorCode);
        Assert.StartsWith("Ошибка валидации входного чека. Ошибочные поля : ", answer.ErrorText, StringComparison.Ordinal);
        Assert.Contains("NotInEnumeration: #/receipt.company.sno", answer.ErrorText, StringComparison.Ordinal);
        Assert.Contains("NumberTooSmall: #/receipt.total", answer.ErrorText, StringComparison.Ordinal);
        Assert.False(answer.Root.TryGetProperty("uuid", out _));
        Assert.Empty(atol.Documents);
    }

    [Fact]
    public async Task An_unknown_member_and_a_missing_member_are_named()
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        string token = await TokenAsync(http);
        var answer = await PostAsync(http, $"possystem/v5/{V5Group}/sell", """{"timestamp":"05.03.2025 14:02:11","external_id":"x","extra":1}""", token);
        Assert.Equal(32, answer.ErrorCode);
        Assert.Contains("PropertyRequired: #/receipt", answer.ErrorText, StringComparison.Ordinal);
        Assert.Contains("NoAdditionalPropertiesAllowed: #/extra", answer.ErrorText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_external_id_is_error_33_with_the_first_uuid_and_status_wait()
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        string token = await TokenAsync(http);
        var first = await PostAsync(http, $"possystem/v5/{V5Group}/sell", V5Sell("dup-1"), token);
        var second = await PostAsync(http, $"possystem/v5/{V5Group}/buy", V5Sell("dup-1"), token);
        Assert.Equal(HttpStatusCode.BadRequest, second.Status);
        Assert.Equal(33, second.ErrorCode);
        Assert.Equal("wait", second.Str("status"));
        Assert.Equal(first.Str("uuid"), second.Str("uuid"));
        Assert.Equal($"В системе существует чек с external_id : \"dup-1\" и group_code: \"{V5Group}\"", second.ErrorText);
        Assert.Single(atol.Documents);

        // the same external_id in another group is another document
        string v4 = await TokenAsync(http, "v4");
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, $"possystem/v4/{V4Group}/sell", V4Sell("dup-1"), v4)).Status);
    }

    [Fact]
    public async Task Report_before_processing_is_code_34_with_http_200_then_done()
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        string token = await TokenAsync(http);
        string uuid = (await PostAsync(http, $"possystem/v5/{V5Group}/sell", V5Sell("r-1"), token)).Str("uuid");
        var wait = await GetAsync(http, $"possystem/v5/{V5Group}/report/{uuid}", token);
        Assert.Equal(HttpStatusCode.OK, wait.Status);
        Assert.Equal(34, wait.ErrorCode);
        Assert.Equal("wait", wait.Str("status"));
        Assert.Equal("Состояние чека не найдено. Попробуйте позднее", wait.ErrorText);
        Assert.Equal("", wait.Str("callback_url"));
        Assert.False(wait.Root.TryGetProperty("payload", out _));

        atol.Clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(34, (await GetAsync(http, $"possystem/v5/{V5Group}/report/{uuid}", token)).ErrorCode);
        atol.Clock.Advance(TimeSpan.FromSeconds(1));
        var done = await GetAsync(http, $"possystem/v5/{V5Group}/report/{uuid}", token);
        Assert.Equal(HttpStatusCode.OK, done.Status);
        Assert.Equal("done", done.Str("status"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, done.Root.GetProperty("error").ValueKind);
        Assert.Equal(uuid, done.Str("uuid"));
        Assert.Equal("r-1", done.Str("external_id"));
        Assert.Equal(V5Group, done.Str("group_code"));
    }

    [Fact]
    public async Task Report_of_an_unknown_uuid_is_error_30()
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        string token = await TokenAsync(http);
        var answer = await GetAsync(http, $"possystem/v5/{V5Group}/report/00000000-0000-0000-0000-000000000000", token);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(30, answer.ErrorCode);
        Assert.Equal("fail", answer.Str("status"));
        Assert.Equal("Передан некорректный UUID : \"00000000-0000-0000-0000-000000000000\". Необходимо повторить запрос с корректными данными", answer.ErrorText);
    }

    [Fact]
    public async Task Trailing_slash_is_tolerated_wrong_method_is_405_and_unknown_version_404()
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        var slash = await PostAsync(http, "possystem/v5/getToken/", """{"login":"v5-online-atol-ru","pass":"zUr0OxfI"}""");
        Assert.Equal(HttpStatusCode.OK, slash.Status);
        var method = await GetAsync(http, $"possystem/v5/{V5Group}/sell", slash.Str("token"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, method.Status);
        var version = await PostAsync(http, "possystem/v3/getToken", """{"login":"a","pass":"b"}""");
        Assert.Equal(HttpStatusCode.NotFound, version.Status);
        Assert.Equal(40, version.ErrorCode);
    }
}
