using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AtolOnline.Protocol;
using AtolOnline.Json;

namespace AtolOnline.Client.Tests;

/// <summary>
/// The client's HTTP rules, pinned on a fake clock with a scripted handler: when it retries, how long it waits, how often
/// it polls, how much it reads, and what it says when it gives up.
/// </summary>
public sealed class HttpRulesTests
{
    private static readonly TimeSpan[] NoRetry = [TimeSpan.Zero];

    [Fact]
    public async Task Retry_After_in_seconds_sets_the_next_attempt()
    {
        var clock = new FakeClock();
        var atol = new ScriptedAtol(clock);
        atol.Register = (n, _) => n == 1 ? WithRetryAfter(ScriptedAtol.Html(503), r => r.Delta = TimeSpan.FromSeconds(7)) : ScriptedAtol.Registered("u-1");
        var r = await atol.Client().SellAsync(Fixtures.V5Sell("ra-seconds"), cancellationToken: Fixtures.Ct);
        Assert.Equal(2, r.Attempts);
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(7)], atol.TimesOf("register"));
    }

    [Fact]
    public async Task Retry_After_as_an_HTTP_date_is_read_on_the_clients_clock()
    {
        var clock = new FakeClock();
        var atol = new ScriptedAtol(clock);
        var at = clock.GetUtcNow().AddSeconds(12);
        atol.Register = (n, _) => n == 1 ? WithRetryAfter(ScriptedAtol.Html(429), r => r.Date = at) : ScriptedAtol.Registered("u-1");
        var r = await atol.Client().SellAsync(Fixtures.V5Sell("ra-date"), cancellationToken: Fixtures.Ct);
        Assert.Equal(2, r.Attempts);
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(12)], atol.TimesOf("register"));
    }

    [Fact]
    public async Task Retry_After_longer_than_MaxDelay_is_capped_at_MaxDelay()
    {
        var clock = new FakeClock();
        var atol = new ScriptedAtol(clock);
        atol.Register = (n, _) => n == 1 ? WithRetryAfter(ScriptedAtol.Html(503), r => r.Delta = TimeSpan.FromHours(1)) : ScriptedAtol.Registered("u-1");
        await atol.Client(o => o.Retry.MaxDelay = TimeSpan.FromSeconds(20)).SellAsync(Fixtures.V5Sell("ra-cap"), cancellationToken: Fixtures.Ct);
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(20)], atol.TimesOf("register"));
    }

    [Fact]
    public async Task Retry_After_in_the_past_retries_at_once()
    {
        var clock = new FakeClock();
        var atol = new ScriptedAtol(clock);
        var past = clock.GetUtcNow().AddMinutes(-5);
        atol.Register = (n, _) => n == 1 ? WithRetryAfter(ScriptedAtol.Html(503), r => r.Date = past) : ScriptedAtol.Registered("u-1");
        await atol.Client().SellAsync(Fixtures.V5Sell("ra-past"), cancellationToken: Fixtures.Ct);
        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero], atol.TimesOf("register"));
    }

    [Fact]
    public async Task Without_Retry_After_the_delays_double_from_BaseDelay()
    {
        var clock = new FakeClock();
        var atol = new ScriptedAtol(clock);
        atol.Register = (n, _) => n < 4 ? ScriptedAtol.Html(503) : ScriptedAtol.Registered("u-1");
        var r = await atol.Client().SellAsync(Fixtures.V5Sell("backoff"), cancellationToken: Fixtures.Ct);
        Assert.Equal(4, r.Attempts);
        Assert.Equal(Seconds(0, 1, 3, 7), atol.TimesOf("register"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"message\":\"Too Many Requests\"}")]
    public async Task HTTP_429_is_retried_with_the_same_body(string answer)
    {
        var clock = new FakeClock();
        var atol = new ScriptedAtol(clock);
        var bodies = new List<string>();
        atol.Register = (n, request) =>
        {
            bodies.Add(request.Content!.ReadAsStringAsync().GetAwaiter().GetResult());
            return n <= 2 ? ScriptedAtol.Json(HttpStatusCode.TooManyRequests, answer) : ScriptedAtol.Registered("u-429");
        };
        var r = await atol.Client().SellAsync(Fixtures.V5Sell("rate-limited"), cancellationToken: Fixtures.Ct);
        Assert.Equal("u-429", r.Uuid);
        Assert.Equal(3, r.Attempts);
        Assert.Equal(Seconds(0, 1, 3), atol.TimesOf("register"));
        Assert.Single(bodies.Distinct());
        Assert.Contains("\"external_id\":\"rate-limited\"", bodies[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Server_errors_are_retried_up_to_MaxAttempts_then_the_message_says_what_happened(int status)
    {
        var clock = new FakeClock();
        var atol = new ScriptedAtol(clock);
        atol.Register = (_, _) => ScriptedAtol.Html(status);
        var ex = await Assert.ThrowsAsync<AtolApiException>(() => atol.Client().SellAsync(Fixtures.V5Sell("down-" + status), cancellationToken: Fixtures.Ct));
        Assert.Equal(Seconds(0, 1, 3, 7), atol.TimesOf("register"));
        Assert.Equal(status, ex.HttpStatus);
        Assert.Equal(AtolErrorAction.Retry, ex.Action);
        Assert.StartsWith($"ATOL Online sell: the service was unavailable (HTTP {status}, 4 attempts). The document may or may not be registered.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Sending the same document again is safe: with the same external_id ATOL answers a repeat with the uuid of the first registration", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("could not be read", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("scripted-password", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_error_with_an_ATOL_body_keeps_the_error_after_the_retries()
    {
        var clock = new FakeClock();
        var atol = new ScriptedAtol(clock);
        atol.Register = (_, _) => ScriptedAtol.ServiceError(500, 50);
        var ex = await Assert.ThrowsAsync<AtolApiException>(() => atol.Client(o => o.Retry.MaxAttempts = 2).SellAsync(Fixtures.V5Sell("down-50"), cancellationToken: Fixtures.Ct));
        Assert.Equal(2, atol.TimesOf("register").Count);
        Assert.Equal(50, ex.Code);
        Assert.Equal(AtolErrorType.System, ex.Type);
        Assert.StartsWith("ATOL Online sell: the service was unavailable (HTTP 500, 2 attempts); its last error was System/50 ErrorServerConfiguration: ошибка 50. The document may or may not be registered.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_failures_after_the_retries_say_the_document_may_be_registered()
    {
        var clock = new FakeClock();
        var atol = new ScriptedAtol(clock);
        atol.Register = (_, _) => throw new HttpRequestException("Connection refused (atol.test:443)");
        var ex = await Assert.ThrowsAsync<AtolApiException>(() => atol.Client().SellAsync(Fixtures.V5Sell("unreachable"), cancellationToken: Fixtures.Ct));
        Assert.Equal(Seconds(0, 1, 3, 7), atol.TimesOf("register"));
        Assert.Null(ex.HttpStatus);
        Assert.Equal(AtolErrorAction.Retry, ex.Action);
        Assert.IsType<HttpRequestException>(ex.InnerException);
        Assert.StartsWith("ATOL Online sell: the service could not be reached (connection failure: Connection refused (atol.test:443); 4 attempts). The document may or may not be registered.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeouts_after_the_retries_say_the_document_may_be_registered()
    {
        var clock = new FakeClock();
        var atol = new ScriptedAtol(clock);
        atol.Register = (_, _) => throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout");
        var ex = await Assert.ThrowsAsync<AtolApiException>(() => atol.Client(o => o.Retry.MaxAttempts = 3).SellAsync(Fixtures.V5Sell("silent"), cancellationToken: Fixtures.Ct));
        Assert.Equal(Seconds(0, 1, 3), atol.TimesOf("register"));
        Assert.StartsWith("ATOL Online sell: the service did not answer in time (3 attempts). The document may or may not be registered.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_registration_answer_on_every_attempt_says_the_document_may_be_registered()
    {
        var clock = new FakeClock();
        var atol = new ScriptedAtol(clock);
        atol.Register = (_, _) => ScriptedAtol.Json(HttpStatusCode.OK, """{"uuid":"u-cut","status":"wa""");
        var ex = await Assert.ThrowsAsync<AtolApiException>(() => atol.Client().SellAsync(Fixtures.V5Sell("cut"), cancellationToken: Fixtures.Ct));
        Assert.Equal(Seconds(0, 1, 3, 7), atol.TimesOf("register"));
        Assert.StartsWith("ATOL Online sell: the answer (HTTP 200) (last of 4 attempts) could not be read: ", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith(". The document may or may not be registered; sending the same document again with the same external_id is safe (ATOL answers a repeat with the first uuid).", ex.Message, StringComparison.Ordinal);
        Assert.IsType<AtolJsonException>(ex.InnerException);
    }

    [Fact]
    public async Task A_report_request_that_gives_up_says_the_document_stays_registered()
    {
        var clock = new FakeClock();
        var atol = new ScriptedAtol(clock);
        atol.Report = (_, _) => ScriptedAtol.Html(502);
        var ex = await Assert.ThrowsAsync<AtolApiException>(() => atol.Client().GetReportAsync("u-1", Fixtures.Ct));
        Assert.Equal("ATOL Online report: the service was unavailable (HTTP 502, 4 attempts). Ask for the report again later; the document stays registered.", ex.Message);
    }

    public static TheoryData<int, int> RefusedServiceErrors()
    {
        var data = new TheoryData<int, int>();
        foreach (var (status, code) in Refusals())
        {
            data.Add(status, code);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RefusedServiceErrors))]
    public async Task A_4xx_service_error_is_never_retried(int status, int code)
    {
        var clock = new FakeClock();
        var atol = new ScriptedAtol(clock);
        string type = code == 0 ? "unknown" : "system";
        atol.Register = (_, _) => ScriptedAtol.ServiceError(status, code, type);
        var ex = await Assert.ThrowsAsync<AtolApiException>(() => atol.Client().SellAsync(Fixtures.V5Sell("refused-" + code), cancellationToken: Fixtures.Ct));
        Assert.Equal(NoRetry, atol.TimesOf("register"));
        Assert.Equal(code, ex.Code);
        Assert.Equal(status, ex.HttpStatus);
        Assert.Equal(AtolErrors.ActionFor(code == 0 ? AtolErrorType.UnknownError : AtolErrorType.System, code), ex.Action);
        Assert.Empty(clock.Waits);
    }

    [Fact]
    public void The_4xx_theory_covers_every_class_of_refusal()
    {
        var codes = Refusals().Select(row => row.Code).ToHashSet();
        Assert.Superset(new HashSet<int> { 0, 1, 12, 13, 14, 20, 21, 30, 31, 32, 40, 41 }, codes);
    }

    [Fact]
    public async Task Polling_follows_the_documented_schedule_up_to_the_deadline()
    {
        var clock = new FakeClock();
        var atol = new ScriptedAtol(clock);
        var client = atol.Client(o => o.Polling = new AtolPollingPolicy());
        var ex = await Assert.ThrowsAsync<TimeoutException>(() => client.WaitForReportAsync("u-slow", Fixtures.Ct));
        Assert.Equal(Seconds(3, 5, 9, 17, 33, 65, 125, 185, 245, 305, 360), atol.TimesOf("report"));
        Assert.Contains("still not final after 360 s", ex.Message, StringComparison.Ordinal);
        Assert.Contains("stays registered", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Polling_stops_at_the_first_final_report()
    {
        var clock = new FakeClock();
        var atol = new ScriptedAtol(clock);
        atol.Report = (n, _) => n < 4 ? ScriptedAtol.Waiting() : ScriptedAtol.Json(HttpStatusCode.OK, CallbackFieldsTests.DoneV5);
        var report = await atol.Client(o => o.Polling = new AtolPollingPolicy()).WaitForReportAsync("u-1", Fixtures.Ct);
        Assert.Equal(AtolDocumentStatus.Done, report.Status);
        Assert.Equal(Seconds(3, 5, 9, 17), atol.TimesOf("report"));
    }

    [Fact]
    public async Task Polling_with_custom_delays_keeps_doubling_up_to_its_MaxDelay()
    {
        var clock = new FakeClock();
        var atol = new ScriptedAtol(clock);
        var client = atol.Client(o => o.Polling = new AtolPollingPolicy
        {
            FirstDelay = TimeSpan.FromSeconds(1), NextDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(5), Deadline = TimeSpan.FromSeconds(30),
        });
        await Assert.ThrowsAsync<TimeoutException>(() => client.WaitForReportAsync("u-slow", Fixtures.Ct));
        Assert.Equal(Seconds(1, 2, 4, 8, 13, 18, 23, 28, 30), atol.TimesOf("report"));
    }

    [Fact]
    public async Task An_answer_longer_than_its_Content_Length_cap_is_refused_before_reading()
    {
        var clock = new FakeClock();
        var atol = new ScriptedAtol(clock);
        var body = new CountingStream(PaddedRegistration(64 * 1024), seekable: true);
        atol.Register = (_, _) => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) };
        var ex = await Assert.ThrowsAsync<AtolApiException>(() => atol.Client(o => o.MaxResponseBytes = 16 * 1024).SellAsync(Fixtures.V5Sell("big-cl"), cancellationToken: Fixtures.Ct));
        Assert.Contains("larger than MaxResponseBytes (16384)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, body.BytesRead);
        Assert.Equal(NoRetry, atol.TimesOf("register"));
    }

    [Fact]
    public async Task An_answer_without_Content_Length_is_cut_at_the_cap_with_bounded_reading()
    {
        var clock = new FakeClock();
        var atol = new ScriptedAtol(clock);
        const int cap = 16 * 1024;
        var body = new CountingStream(PaddedRegistration(4 * 1024 * 1024), seekable: false);
        atol.Register = (_, _) => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) };
        var ex = await Assert.ThrowsAsync<AtolApiException>(() => atol.Client(o => o.MaxResponseBytes = cap).SellAsync(Fixtures.V5Sell("big-chunked"), cancellationToken: Fixtures.Ct));
        Assert.Contains("larger than MaxResponseBytes (16384)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(AtolErrorAction.Unknown, ex.Action);
        Assert.InRange(body.BytesRead, cap + 1, 2 * cap);
        Assert.Equal(NoRetry, atol.TimesOf("register"));
    }

    [Fact]
    public async Task An_answer_without_Content_Length_below_the_cap_is_read()
    {
        var clock = new FakeClock();
        var atol = new ScriptedAtol(clock);
        var body = new CountingStream(PaddedRegistration(12 * 1024), seekable: false);
        atol.Register = (_, _) => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) };
        var r = await atol.Client(o => o.MaxResponseBytes = 16 * 1024).SellAsync(Fixtures.V5Sell("chunked-ok"), cancellationToken: Fixtures.Ct);
        Assert.Equal("u-padded", r.Uuid);
    }

    private static IEnumerable<(int Status, int Code)> Refusals()
    {
        foreach (var row in AtolErrors.ServiceErrors)
        {
            // 10/11 refresh the token once (pinned in ResilienceTests); 33 is the duplicate answer, a success.
            if (row.HttpStatus is >= 400 and < 500 && row.Code is not (AtolErrors.MissingToken or AtolErrors.ExpiredToken or AtolErrors.DuplicateExternalId))
            {
                yield return (row.HttpStatus.Value, row.Code);
            }
        }
    }

    internal static TimeSpan[] Seconds(params int[] seconds) => [.. seconds.Select(s => TimeSpan.FromSeconds(s))];

    private static HttpResponseMessage WithRetryAfter(HttpResponseMessage response, Action<RetryAfterParts> set)
    {
        var parts = new RetryAfterParts();
        set(parts);
        response.Headers.RetryAfter = parts.Date is { } date ? new RetryConditionHeaderValue(date) : new RetryConditionHeaderValue(parts.Delta!.Value);
        return response;
    }

    private static byte[] PaddedRegistration(int size)
    {
        byte[] json = Encoding.UTF8.GetBytes($$"""{"uuid":"u-padded","status":"wait","error":null,"timestamp":"{{ScriptedAtol.Timestamp}}"}""");
        var padded = new byte[size];
        padded.AsSpan().Fill((byte)' ');
        json.CopyTo(padded, 0);
        return padded;
    }

    private sealed class RetryAfterParts
    {
        public TimeSpan? Delta { get; set; }

        public DateTimeOffset? Date { get; set; }
    }

    /// <summary>A body stream that counts what the client read; not seekable means the answer has no Content-Length.</summary>
    private sealed class CountingStream(byte[] data, bool seekable) : Stream
    {
        private int _position;

        public int BytesRead => Volatile.Read(ref _position);

        public override bool CanRead => true;

        public override bool CanSeek => seekable;

        public override bool CanWrite => false;

        public override long Length => seekable ? data.Length : throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            // Small chunks, as a chunked transfer delivers them.
            int n = Math.Min(Math.Min(count, 4096), data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
