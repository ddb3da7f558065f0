using System.Net;
using AtolOnline.Protocol;

namespace AtolOnline.Client.Tests;

/// <summary>
/// How the client reads an answer before it knows its shape: which answers are unreadable (and so retried), and which
/// error objects mean "the token was rejected" (and so get one refresh). Only <c>error.type</c> "system" with code 10 or
/// 11, written as ATOL writes them, is a rejected token.
/// </summary>
public sealed class AnswerScanTests
{
    public static TheoryData<string, bool> RejectionAnswers() => new()
    {
        { """{"error":{"code":11,"type":"system"}}""", true },
        { """{"error":{"type":"system","code":10,"text":"Токен не найден","error_id":"e-10"}}""", true },
        { """{"status":"fail","error":{"error_id":"e-11","extra":{"nested":[1,{"code":1}]},"code":11,"text":"Срок действия токена истек","type":"system"},"timestamp":"05.03.2026 14:02:11"}""", true },
        { """{"error":{"code":11,"type":"agent"}}""", false },
        { """{"error":{"code":11,"type":"driver"}}""", false },
        { """{"error":{"code":11,"type":"System"}}""", false },
        { """{"error":{"code":11,"type":null}}""", false },
        { """{"error":{"code":11}}""", false },
        { """{"error":{"code":"11","type":"system"}}""", false },
        { """{"error":{"code":11.0,"type":"system"}}""", false },
        { """{"error":{"code":4294967307,"type":"system"}}""", false },
        { """{"error":{"code":12,"type":"system"}}""", false },
        { """{"error":[{"code":11,"type":"system"}]}""", false },
        { """{"error":null,"other":{"code":11,"type":"system"}}""", false },
        { """{"errors":{"code":11,"type":"system"}}""", false },
    };

    [Theory]
    [MemberData(nameof(RejectionAnswers))]
    public async Task Only_a_system_10_or_11_error_object_refreshes_the_token(string answer, bool refreshed)
    {
        var atol = new ScriptedAtol(new FakeClock());
        atol.Register = (n, _) => n == 1 ? ScriptedAtol.Json(HttpStatusCode.Unauthorized, answer) : ScriptedAtol.Registered("u-after-refresh");
        var client = atol.Client();

        if (refreshed)
        {
            var registration = await client.SellAsync(Fixtures.V5Sell("scan-refresh"), cancellationToken: Fixtures.Ct);
            Assert.Equal("u-after-refresh", registration.Uuid);
            Assert.Equal(2, atol.TimesOf("token").Count);
            Assert.Equal(2, atol.TimesOf("register").Count);
        }
        else
        {
            var ex = await Assert.ThrowsAsync<AtolApiException>(() => client.SellAsync(Fixtures.V5Sell("scan-no-refresh"), cancellationToken: Fixtures.Ct));
            Assert.Equal(401, ex.HttpStatus);
            Assert.Single(atol.TimesOf("token"));
            Assert.Single(atol.TimesOf("register"));
        }
    }

    public static TheoryData<string> UnreadableAnswers() => new()
    {
        "",
        "   ",
        """{"uuid":"u-1","status":"wait"} {"uuid":"u-2"}""",
        """{"uuid":"u-1","status":"wait"}]""",
        "{\"uuid\":\"u-1\",\"status\":\"wait\\\"",
        """{"uuid":"u-1",}""",
        """{"error":{"code":1,"type":"system"},""",
        "<html><body>Bad Gateway</body></html>",
        "null null",
    };

    [Theory]
    [MemberData(nameof(UnreadableAnswers))]
    public async Task An_unreadable_answer_is_retried_and_a_readable_one_ends_the_call(string unreadable)
    {
        var atol = new ScriptedAtol(new FakeClock());
        atol.Register = (n, _) => n == 1 ? ScriptedAtol.Json(HttpStatusCode.OK, unreadable) : ScriptedAtol.Registered("u-readable");

        var registration = await atol.Client().SellAsync(Fixtures.V5Sell("scan-unreadable"), cancellationToken: Fixtures.Ct);

        Assert.Equal("u-readable", registration.Uuid);
        Assert.Equal(2, registration.Attempts);
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(1)], atol.TimesOf("register"));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"wait\"")]
    [InlineData("42")]
    [InlineData("""{"uuid":["u-1"]}""")]
    public async Task A_well_formed_answer_of_the_wrong_shape_is_not_retried_and_cannot_be_read(string answer)
    {
        var atol = new ScriptedAtol(new FakeClock());
        atol.Register = (_, _) => ScriptedAtol.Json(HttpStatusCode.OK, answer);

        var ex = await Assert.ThrowsAsync<AtolApiException>(() => atol.Client().SellAsync(Fixtures.V5Sell("scan-shape"), cancellationToken: Fixtures.Ct));

        Assert.Single(atol.TimesOf("register"));
        Assert.StartsWith("ATOL Online sell: the answer (HTTP 200) could not be read: ", ex.Message, StringComparison.Ordinal);
        Assert.Equal(AtolErrorAction.Unknown, ex.Action);
    }

    [Fact]
    public async Task A_refusal_keeps_the_error_text_and_error_id_of_the_answer()
    {
        var atol = new ScriptedAtol(new FakeClock());
        atol.Register = (_, _) => ScriptedAtol.Json(
            HttpStatusCode.BadRequest,
            """{"error":{"text":"Некорректный запрос","error_id":"id-32","unknown":{"a":[1]},"code":32,"type":"system"},"status":"fail","timestamp":"05.03.2026 14:02:11"}""");

        var ex = await Assert.ThrowsAsync<AtolApiException>(() => atol.Client().SellAsync(Fixtures.V5Sell("scan-text"), cancellationToken: Fixtures.Ct));

        Assert.Equal(32, ex.Code);
        Assert.Equal(AtolErrorType.System, ex.Type);
        Assert.Equal("Некорректный запрос", ex.ErrorText);
        Assert.Equal("id-32", ex.ErrorId);
        Assert.Equal(400, ex.HttpStatus);
        Assert.EndsWith(": Некорректный запрос (action: " + ex.Action + ", error_id id-32)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("system", AtolErrorType.System)]
    [InlineData("driver", AtolErrorType.Driver)]
    [InlineData("agent", AtolErrorType.Agent)]
    [InlineData("timeout", AtolErrorType.Timeout)]
    [InlineData("unknown", AtolErrorType.UnknownError)]
    [InlineData("none", AtolErrorType.None)]
    [InlineData("other", AtolErrorType.Unknown)]
    public async Task The_last_error_of_a_server_error_answer_keeps_its_type(string wire, AtolErrorType type)
    {
        var atol = new ScriptedAtol(new FakeClock());
        atol.Register = (_, _) => ScriptedAtol.Json(
            HttpStatusCode.ServiceUnavailable,
            $$$"""{"error":{"code":7,"error_id":null,"text":null,"type":"{{{wire}}}"}}""");

        var ex = await Assert.ThrowsAsync<AtolApiException>(() => atol.Client(o => o.Retry.MaxAttempts = 1).SellAsync(Fixtures.V5Sell("scan-type"), cancellationToken: Fixtures.Ct));

        Assert.Equal(type, ex.Type);
        Assert.Equal(7, ex.Code);
        Assert.Null(ex.ErrorText);
        Assert.Null(ex.ErrorId);
        Assert.StartsWith($"ATOL Online sell: the service was unavailable (HTTP 503, 1 attempt); its last error was {type}/7", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"text\":\"Сервис недоступен\",\"error_id\":\"id-503\"", "Сервис недоступен", "id-503")]
    [InlineData("\"text\":7,\"error_id\":{\"a\":1}", null, null)]
    [InlineData("\"text\":[\"x\"],\"error_id\":false", null, null)]
    public async Task The_last_error_keeps_its_text_and_error_id_only_when_they_are_strings(string members, string? text, string? errorId)
    {
        var atol = new ScriptedAtol(new FakeClock());
        atol.Register = (_, _) => ScriptedAtol.Json(HttpStatusCode.BadGateway, "{\"error\":{" + members + ",\"code\":50,\"type\":\"system\"}}");

        var ex = await Assert.ThrowsAsync<AtolApiException>(() => atol.Client(o => o.Retry.MaxAttempts = 1).SellAsync(Fixtures.V5Sell("scan-strings"), cancellationToken: Fixtures.Ct));

        Assert.Equal(50, ex.Code);
        Assert.Equal(text, ex.ErrorText);
        Assert.Equal(errorId, ex.ErrorId);
    }

    [Fact]
    public async Task Missing_arguments_are_refused_by_name_before_anything_is_sent()
    {
        var atol = new ScriptedAtol(new FakeClock());
        var client = atol.Client();
        Assert.Equal("operation", (await Assert.ThrowsAsync<ArgumentNullException>(() => client.RegisterAsync(null!, Fixtures.V5Sell("x"), Fixtures.Ct))).ParamName);
        Assert.Equal("document", (await Assert.ThrowsAsync<ArgumentNullException>(() => client.RegisterAsync(AtolV5Operations.Sell, null!, Fixtures.Ct))).ParamName);
        foreach (string? uuid in new[] { null, "", "  " })
        {
            Assert.Equal("uuid", (await Assert.ThrowsAnyAsync<ArgumentException>(() => client.GetReportAsync(uuid!, Fixtures.Ct))).ParamName);
            Assert.Equal("uuid", (await Assert.ThrowsAnyAsync<ArgumentException>(() => client.WaitForReportAsync(uuid!, Fixtures.Ct))).ParamName);
        }

        Assert.Empty(atol.Requests);
    }

    [Fact]
    public async Task Rate_refusals_until_the_last_attempt_say_the_service_kept_refusing_the_rate()
    {
        var atol = new ScriptedAtol(new FakeClock());
        atol.Register = (_, _) => ScriptedAtol.Json((HttpStatusCode)429, "{}");

        var ex = await Assert.ThrowsAsync<AtolApiException>(() => atol.Client(o => o.Retry.MaxAttempts = 2).SellAsync(Fixtures.V5Sell("scan-429"), cancellationToken: Fixtures.Ct));

        Assert.Equal(429, ex.HttpStatus);
        Assert.Equal(AtolErrorAction.Retry, ex.Action);
        Assert.Null(ex.Error);
        Assert.StartsWith("ATOL Online sell: the service kept refusing the request rate (HTTP 429, 2 attempts). The document may or may not be registered.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_request_that_gives_up_says_nothing_was_sent()
    {
        var atol = new ScriptedAtol(new FakeClock());
        atol.Token = (_, _) => ScriptedAtol.Html(502);

        var ex = await Assert.ThrowsAsync<AtolApiException>(() => atol.Client(o => o.Retry.MaxAttempts = 2).SellAsync(Fixtures.V5Sell("scan-token"), cancellationToken: Fixtures.Ct));

        Assert.Equal("ATOL Online getToken: the service was unavailable (HTTP 502, 2 attempts). No token was obtained, so nothing was sent with it; try again later.", ex.Message);
        Assert.Empty(atol.TimesOf("register"));
    }

    [Fact]
    public async Task An_attempt_timeout_that_is_spent_names_the_timeout()
    {
        var atol = new ScriptedAtol(new FakeClock());
        atol.Register = (_, _) => throw new TaskCanceledException("attempt timed out");

        var ex = await Assert.ThrowsAsync<AtolApiException>(() => atol.Client(o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(2.5);
            o.Retry.MaxAttempts = 1;
        }).SellAsync(Fixtures.V5Sell("scan-attempt-timeout"), cancellationToken: Fixtures.Ct));

        Assert.StartsWith("ATOL Online sell: the service did not answer within the attempt timeout (2.5 s, 1 attempt). The document may or may not be registered.", ex.Message, StringComparison.Ordinal);
        Assert.IsType<TaskCanceledException>(ex.InnerException);
    }

    [Fact]
    public async Task An_IO_failure_is_a_connection_failure_and_retried()
    {
        var atol = new ScriptedAtol(new FakeClock());
        atol.Register = (n, _) => n == 1 ? throw new IOException("connection reset by peer") : ScriptedAtol.Registered("u-io");

        var registration = await atol.Client().SellAsync(Fixtures.V5Sell("scan-io"), cancellationToken: Fixtures.Ct);

        Assert.Equal(2, registration.Attempts);
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(1)], atol.TimesOf("register"));
    }
}
