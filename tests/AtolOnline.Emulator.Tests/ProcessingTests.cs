using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.Channels;
using static AtolOnline.Emulator.Tests.Support;

namespace AtolOnline.Emulator.Tests;

/// <summary>wait -> done/fail, the fiscal payload, register-side failures, callbacks and retention.</summary>
public sealed class ProcessingTests
{
    private static async Task<JsonElement> ReportAsync(HttpClient http, string token, string uuid, string version = "v5")
    {
        var answer = await GetAsync(http, $"possystem/{version}/{(version == "v4" ? V4Group : V5Group)}/report/{uuid}", token);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return answer.Root;
    }

    [Fact]
    public async Task A_done_report_carries_a_realistic_payload_with_numbers_increasing_per_register()
    {
        await using var atol = await StartAsync(o => o.Accounts.Add(new EmulatorAccount
        {
            Login = "one",
            Password = "p",
            GroupCode = "one_1",
            Protocol = AtolProtocolVersion.V5,
            Inn = "5544332219",
            PaymentAddress = "https://v5.online.atol.ru",
            Registers = 1,
        }));
        using var http = Client(atol);
        string token = (await PostAsync(http, "possystem/v5/getToken", """{"login":"one","pass":"p"}""")).Str("token");
        var uuids = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            uuids.Add((await PostAsync(http, "possystem/v5/one_1/sell", V5Sell($"p-{i}"), token)).Str("uuid"));
        }

        atol.Clock.Advance(TimeSpan.FromSeconds(15)); // one register: three documents one after another, 5 s each
        var payloads = new List<JsonElement>();
        foreach (var uuid in uuids)
        {
            var report = (await GetAsync(http, $"possystem/v5/one_1/report/{uuid}", token)).Root;
            Assert.Equal("done", report.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, report.GetProperty("warnings").ValueKind);
            Assert.Equal("05.03.2025 14:02:11", report.GetProperty("timestamp").GetString());
            Assert.Matches("^KKT[0-9]{6}$", report.GetProperty("device_code").GetString());
            payloads.Add(report.GetProperty("payload"));
        }

        foreach (var p in payloads)
        {
            Assert.Equal(11.0m, p.GetProperty("total").GetDecimal());
            Assert.Matches("^[0-9]{16}$", p.GetProperty("fn_number").GetString());
            Assert.Matches("^0{9}[0-9]{7}$", p.GetProperty("ecr_registration_number").GetString());
            Assert.Equal("05.03.2025 14:02:00", p.GetProperty("receipt_datetime").GetString()); // the FN keeps minutes
            Assert.True(p.GetProperty("fiscal_document_attribute").GetInt64() > int.MaxValue);
            Assert.Equal("www.nalog.ru", p.GetProperty("fns_site").GetString());
            Assert.Equal("7709364346", p.GetProperty("ofd_inn").GetString());
            Assert.StartsWith("https://consumer.1-ofd-test.ru/v1?fn=", p.GetProperty("ofd_receipt_url").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal([1L, 2L, 3L], payloads.Select(p => p.GetProperty("fiscal_receipt_number").GetInt64()));
        var fds = payloads.Select(p => p.GetProperty("fiscal_document_number").GetInt64()).ToArray();
        Assert.Equal(fds[0] + 1, fds[1]);
        Assert.Equal(fds[1] + 1, fds[2]);
        Assert.Single(payloads.Select(p => p.GetProperty("shift_number").GetInt64()).Distinct());

        // a new shift after 24 h: shift number up, receipt number back to 1, two more fiscal documents (close + open)
        atol.Clock.Advance(TimeSpan.FromHours(25));
        token = (await PostAsync(http, "possystem/v5/getToken", """{"login":"one","pass":"p"}""")).Str("token");
        string next = (await PostAsync(http, "possystem/v5/one_1/sell", V5Sell("p-next"), token)).Str("uuid");
        atol.Clock.Advance(TimeSpan.FromSeconds(5));
        var later = (await GetAsync(http, $"possystem/v5/one_1/report/{next}", token)).Root.GetProperty("payload");
        Assert.Equal(payloads[0].GetProperty("shift_number").GetInt64() + 1, later.GetProperty("shift_number").GetInt64());
        Assert.Equal(1, later.GetProperty("fiscal_receipt_number").GetInt64());
        Assert.Equal(fds[2] + 3, later.GetProperty("fiscal_document_number").GetInt64());
    }

    [Fact]
    public async Task Processing_finishes_on_its_own_with_the_system_clock()
    {
        await using var atol = await AtolEmulator.StartAsync(new EmulatorOptions { ProcessingDelay = TimeSpan.FromMilliseconds(50) }, TestContext.Current.CancellationToken);
        using var http = Client(atol);
        string token = await TokenAsync(http);
        string uuid = (await PostAsync(http, $"possystem/v5/{V5Group}/sell", V5Sell("auto-1"), token)).Str("uuid");
        for (int i = 0; i < 200 && atol.FindDocument(uuid)!.Status == DocumentState.Wait; i++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.Equal(DocumentState.Done, atol.FindDocument(uuid)!.Status);
    }

    [Theory]
    [InlineData("1234567891", """[{"type":1,"sum":11.0}]""", 2009, "agent")]
    [InlineData("5544332219", """[{"type":0,"sum":5.0}]""", 66, "driver")]
    [InlineData("5544332219", """[{"type":1,"sum":12.0}]""", 52, "driver")]
    public async Task Register_side_checks_fail_the_document_with_the_register_error(string inn, string payments, int code, string type)
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        string token = await TokenAsync(http);
        var registered = await PostAsync(http, $"possystem/v5/{V5Group}/sell", V5Sell("f-1", inn, payments), token);
        Assert.Equal(HttpStatusCode.OK, registered.Status);
        atol.Clock.Advance(TimeSpan.FromSeconds(5));
        var report = await ReportAsync(http, token, registered.Str("uuid"));
        Assert.Equal("fail", report.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("payload").ValueKind);
        Assert.Equal(code, report.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(type, report.GetProperty("error").GetProperty("type").GetString());
        var document = Assert.Single(atol.Documents);
        Assert.Equal((DocumentState.Fail, code), (document.Status, document.ErrorCode));
        if (code == 2009)
        {
            Assert.Equal("ИНН, указанный в чеке 1234567891, не соответствует ИНН группы касс 5544332219. Попыток регистрировать чек не производилось.",
                report.GetProperty("error").GetProperty("text").GetString());
        }
    }

    [Fact]
    public async Task A_second_registration_of_a_finished_document_still_returns_its_uuid()
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        string token = await TokenAsync(http);
        string uuid = (await PostAsync(http, $"possystem/v5/{V5Group}/sell", V5Sell("fin-1"), token)).Str("uuid");
        atol.Clock.Advance(TimeSpan.FromSeconds(5));
        var again = await PostAsync(http, $"possystem/v5/{V5Group}/sell", V5Sell("fin-1"), token);
        Assert.Equal((33, uuid), (again.ErrorCode, again.Str("uuid")));
    }

    [Theory]
    [InlineData("v4", 32)]
    [InlineData("v5", 30)]
    public async Task Reports_are_kept_for_the_protocols_retention_window(string version, int days)
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        string group = version == "v4" ? V4Group : V5Group;
        string body = version == "v4" ? V4Sell("keep-1") : V5Sell("keep-1");
        string token = await TokenAsync(http, version);
        string uuid = (await PostAsync(http, $"possystem/{version}/{group}/sell", body, token)).Str("uuid");
        atol.Clock.Advance(TimeSpan.FromDays(days));
        token = await TokenAsync(http, version);
        Assert.Equal("done", (await ReportAsync(http, token, uuid, version)).GetProperty("status").GetString());
        atol.Clock.Advance(TimeSpan.FromSeconds(1));
        var gone = await GetAsync(http, $"possystem/{version}/{group}/report/{uuid}", token);
        Assert.Equal((HttpStatusCode.BadRequest, 30), (gone.Status, gone.ErrorCode));
        Assert.Empty(atol.Documents);
    }

    [Fact]
    public async Task Callbacks_post_the_report_body_to_a_loopback_callback_url()
    {
        using var receiver = new CallbackReceiver();
        await using var atol = await StartAsync();
        using var http = Client(atol);
        string token = await TokenAsync(http);
        string uuid = (await PostAsync(http, $"possystem/v5/{V5Group}/sell", V5Sell("cb-1", callback: receiver.Url + "?order=cb-1"), token)).Str("uuid");
        Assert.Equal(0, receiver.Count);
        atol.Clock.Advance(TimeSpan.FromSeconds(5));
        await atol.ProcessDueAsync();
        var (body, contentType, query) = await receiver.NextAsync();
        Assert.Equal("application/json; charset=utf-8", contentType);
        Assert.Equal("?order=cb-1", query);
        var report = await GetAsync(http, $"possystem/v5/{V5Group}/report/{uuid}", token);
        Assert.Equal(report.Text, body);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("done", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(receiver.Url + "?order=cb-1", json.RootElement.GetProperty("callback_url").GetString());
        var attempt = Assert.Single(atol.FindDocument(uuid)!.Callbacks);
        Assert.Equal(200, attempt.StatusCode);
    }

    [Fact]
    public async Task A_failed_document_is_called_back_too()
    {
        using var receiver = new CallbackReceiver();
        await using var atol = await StartAsync();
        using var http = Client(atol);
        string token = await TokenAsync(http);
        await PostAsync(http, $"possystem/v5/{V5Group}/sell", V5Sell("cb-2", inn: "1234567891", callback: receiver.Url), token);
        atol.Clock.Advance(TimeSpan.FromSeconds(5));
        await atol.ProcessDueAsync();
        using var json = JsonDocument.Parse((await receiver.NextAsync()).Body);
        Assert.Equal("fail", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(2009, json.RootElement.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Callbacks_to_other_hosts_are_recorded_not_sent()
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        string token = await TokenAsync(http);
        string uuid = (await PostAsync(http, $"possystem/v5/{V5Group}/sell", V5Sell("cb-3", callback: "https://shop.example/cb"), token)).Str("uuid");
        atol.Clock.Advance(TimeSpan.FromSeconds(5));
        await atol.ProcessDueAsync();
        var attempt = Assert.Single(atol.FindDocument(uuid)!.Callbacks);
        Assert.Null(attempt.StatusCode);
        Assert.Contains("loopback", attempt.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_v4_a_callback_url_outside_the_mask_is_a_report_warning_and_no_callback()
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        string token = await TokenAsync(http, "v4");
        var registered = await PostAsync(http, $"possystem/v4/{V4Group}/sell", V4Sell("w-1", callback: "http://127.0.0.1:1/a b"), token);
        Assert.Equal(HttpStatusCode.OK, registered.Status);
        atol.Clock.Advance(TimeSpan.FromSeconds(5));
        await atol.ProcessDueAsync();
        var report = await ReportAsync(http, token, registered.Str("uuid"), "v4");
        Assert.Equal("callback_url не соответствует маске", report.GetProperty("warnings").GetProperty("callback_url").GetString());
        Assert.Empty(atol.FindDocument(registered.Str("uuid"))!.Callbacks);
    }

    /// <summary>A tiny HTTP listener on 127.0.0.1 that records what it receives and answers 200.</summary>
    internal sealed class CallbackReceiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Channel<(string Body, string? ContentType, string Query)> _received = Channel.CreateUnbounded<(string, string?, string)>();
        private int _count;

        public CallbackReceiver()
        {
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                Port = ((IPEndPoint)probe.LocalEndpoint).Port;
                probe.Stop();
            }

            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            _listener.Start();
            _ = Task.Run(LoopAsync);
        }

        public int Port { get; }

        public string Url => $"http://127.0.0.1:{Port}/atol/callback";

        public int Count => Volatile.Read(ref _count);

        public async Task<(string Body, string? ContentType, string Query)> NextAsync()
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            return await _received.Reader.ReadAsync(timeout.Token);
        }

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext ctx;
                try
                {
                    ctx = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                using var reader = new StreamReader(ctx.Request.InputStream);
                string body = await reader.ReadToEndAsync();
                Interlocked.Increment(ref _count);
                await _received.Writer.WriteAsync((body, ctx.Request.ContentType, ctx.Request.Url!.Query));
                ctx.Response.StatusCode = 200;
                ctx.Response.Close();
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
        }
    }
}
