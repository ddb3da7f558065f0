using System.Net;
using System.Text.Json;
using static AtolOnline.Emulator.Tests.Support;

namespace AtolOnline.Emulator.Tests;

/// <summary>
/// Registers as workers: N per group, one document each at a time, a FIFO queue per group, ATOL's 300 s queue
/// timeout, processing times drawn around ProcessingDelay, and the per-group figures of GET /emulator/stats.
/// Time moves only through the emulator clock over a frozen underlying clock.
/// </summary>
public sealed class RegisterTests
{
    private const string Group = "reg_1";

    private static Task<AtolEmulator> StartAsync(int registers, TimeSpan delay, Action<EmulatorOptions>? configure = null) =>
        Support.StartAsync(o =>
        {
            o.ProcessingDelay = delay;
            o.Accounts.Add(new EmulatorAccount
            {
                Login = "reg",
                Password = "p",
                GroupCode = Group,
                Protocol = AtolProtocolVersion.V5,
                Inn = "5544332219",
                PaymentAddress = "https://v5.online.atol.ru",
                Registers = registers,
            });
            configure?.Invoke(o);
        });

    private static async Task<string> RegTokenAsync(HttpClient http) =>
        (await PostAsync(http, "possystem/v5/getToken", """{"login":"reg","pass":"p"}""")).Str("token");

    private static async Task<List<string>> RegisterAsync(HttpClient http, string token, string prefix, int count, string? callback = null)
    {
        var uuids = new List<string>();
        for (int i = 0; i < count; i++)
        {
            var answer = await PostAsync(http, $"possystem/v5/{Group}/sell", V5Sell($"{prefix}-{i}", callback: callback), token);
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            uuids.Add(answer.Str("uuid"));
        }

        return uuids;
    }

    [Fact]
    public async Task Three_registers_process_at_most_three_documents_at_a_time_so_throughput_is_registers_over_delay()
    {
        await using var atol = await StartAsync(3, TimeSpan.FromSeconds(2));
        using var http = Client(atol);
        string token = await RegTokenAsync(http);
        var uuids = await RegisterAsync(http, token, "n", 9);

        var stats = atol.GetStats().Groups[Group];
        Assert.Equal((3, 3, 6, 0L), (stats.Registers, stats.Processing, stats.QueueLength, stats.Done));

        for (int round = 1; round <= 3; round++)
        {
            atol.Clock.Advance(TimeSpan.FromSeconds(2));
            stats = atol.GetStats().Groups[Group];
            Assert.Equal(3L * round, stats.Done);
            Assert.Equal(round < 3 ? 3 : 0, stats.Processing);
            Assert.Equal(Math.Max(0, 6 - (3 * round)), stats.QueueLength);
        }

        // 9 documents, 3 registers, 2 s each: three rounds, finished at +2 s, +4 s and +6 s (1.5 documents/s)
        var finished = uuids.Select(u => atol.FindDocument(u)!).ToArray();
        Assert.All(finished, d => Assert.Equal(DocumentState.Done, d.Status));
        Assert.Equal(
            [2, 2, 2, 4, 4, 4, 6, 6, 6],
            finished.Select(d => (d.ProcessedAt!.Value - Start).TotalSeconds).ToArray());
        Assert.Equal(3, finished.Select(d => d.DeviceCode).Distinct().Count());
        Assert.All(finished.GroupBy(d => d.DeviceCode), g => Assert.Equal(3, g.Count()));
    }

    [Fact]
    public async Task A_group_queue_is_first_in_first_out()
    {
        await using var atol = await StartAsync(1, TimeSpan.FromSeconds(3));
        using var http = Client(atol);
        string token = await RegTokenAsync(http);
        var uuids = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            uuids.AddRange(await RegisterAsync(http, token, $"fifo{i}", 1));
            atol.Clock.Advance(TimeSpan.FromSeconds(0.5)); // arrivals 0, 0.5, 1, 1.5, 2 s; one register
        }

        atol.Clock.Advance(TimeSpan.FromSeconds(13));
        var done = uuids.Select(u => atol.FindDocument(u)!).ToArray();
        // One after another in arrival order: 3, 6, 9, 12, 15 s after the first arrival.
        Assert.Equal([3, 6, 9, 12, 15], done.Select(d => (d.ProcessedAt!.Value - Start).TotalSeconds).ToArray());
        Assert.Equal([1L, 2L, 3L, 4L, 5L], done.Select(d => ReceiptNumber(d)).ToArray());

        static long ReceiptNumber(EmulatedDocument d)
        {
            using var report = JsonDocument.Parse(d.Report);
            return report.RootElement.GetProperty("payload").GetProperty("fiscal_receipt_number").GetInt64();
        }
    }

    [Fact]
    public async Task A_document_that_waits_in_the_queue_over_300_s_fails_with_atols_timeout_error_in_report_and_callback()
    {
        using var receiver = new ProcessingTests.CallbackReceiver();
        await using var atol = await StartAsync(1, TimeSpan.FromSeconds(200));
        Assert.Equal(TimeSpan.FromSeconds(300), new EmulatorOptions().QueueTimeout);
        using var http = Client(atol);
        string token = await RegTokenAsync(http);
        // One register, 200 s each: the first starts at once, the second after 200 s of waiting (within the limit),
        // the third would start after 400 s, so it fails once its wait passes 300 s.
        var uuids = await RegisterAsync(http, token, "late", 3, receiver.Url);

        atol.Clock.Advance(TimeSpan.FromSeconds(300));
        await atol.ProcessDueAsync();
        Assert.Equal(DocumentState.Wait, atol.FindDocument(uuids[2])!.Status); // exactly 300 s is not over the limit
        Assert.Equal(1, receiver.Count); // only the first document's (done at 200 s)

        atol.Clock.Advance(TimeSpan.FromSeconds(1));
        await atol.ProcessDueAsync();
        var late = atol.FindDocument(uuids[2])!;
        Assert.Equal((DocumentState.Fail, 1, "timeout"), (late.Status, late.ErrorCode, late.ErrorType));
        Assert.Equal(Start.AddSeconds(300), late.ProcessedAt);
        Assert.Null(late.DeviceCode);

        var report = await GetAsync(http, $"possystem/v5/{Group}/report/{uuids[2]}", token);
        Assert.Equal(HttpStatusCode.OK, report.Status);
        Assert.Equal("fail", report.Str("status"));
        var error = report.Root.GetProperty("error");
        Assert.Equal(1, error.GetProperty("code").GetInt32());
        Assert.Equal("timeout", error.GetProperty("type").GetString());
        Assert.Equal("Превышено время ожидания чека в очереди", error.GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Null, report.Root.GetProperty("payload").ValueKind);
        Assert.False(report.Root.TryGetProperty("device_code", out _)); // no register touched it

        var callbacks = new List<string> { (await receiver.NextAsync()).Body, (await receiver.NextAsync()).Body };
        Assert.Contains(report.Text, callbacks);
        Assert.Equal(2, receiver.Count);

        // the second document waited 200 s and is processed normally
        Assert.Equal(DocumentState.Wait, atol.FindDocument(uuids[1])!.Status);
        atol.Clock.Advance(TimeSpan.FromSeconds(100));
        Assert.Equal(DocumentState.Done, atol.FindDocument(uuids[1])!.Status);
        var stats = atol.GetStats().Groups[Group];
        Assert.Equal((2L, 1L, 1L, 0), (stats.Done, stats.Failed, stats.TimedOut, stats.QueueLength));
    }

    [Fact]
    public async Task Processing_times_are_drawn_uniformly_within_the_jitter_and_repeat_with_the_seed()
    {
        async Task<double[]> TimesAsync(int seed)
        {
            await using var atol = await StartAsync(40, TimeSpan.FromSeconds(4), o => (o.ProcessingJitter, o.Seed) = (0.25, seed));
            using var http = Client(atol);
            string token = await RegTokenAsync(http);
            var uuids = await RegisterAsync(http, token, "j", 40);
            atol.Clock.Advance(TimeSpan.FromSeconds(6));
            return uuids.Select(u => (atol.FindDocument(u)!.ProcessedAt!.Value - Start).TotalSeconds).ToArray();
        }

        var first = await TimesAsync(1);
        Assert.All(first, t => Assert.InRange(t, 3.0, 5.0));
        Assert.True(first.Distinct().Count() > 30, "times must vary");
        Assert.InRange(first.Average(), 3.6, 4.4);
        Assert.Contains(first, t => t < 3.5);
        Assert.Contains(first, t => t > 4.5);
        Assert.Equal(first, await TimesAsync(1));
        Assert.NotEqual(first, await TimesAsync(2));
    }

    [Fact]
    public async Task Stats_count_registrations_and_report_requests_and_the_busiest_clock_second()
    {
        await using var atol = await StartAsync(2, TimeSpan.FromSeconds(2));
        using var http = Client(atol);
        string token = await RegTokenAsync(http);
        var uuids = await RegisterAsync(http, token, "s", 3);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(http, $"possystem/v5/{Group}/sell", V5Sell("s-0"), token)).Status); // 33

        // second 0: five report requests; second 1: two; second 3: three
        for (int i = 0; i < 5; i++)
        {
            await GetAsync(http, $"possystem/v5/{Group}/report/{uuids[i % 3]}", token);
        }

        atol.Clock.Advance(TimeSpan.FromSeconds(1));
        await GetAsync(http, $"possystem/v5/{Group}/report/{uuids[0]}", token);
        await GetAsync(http, $"possystem/v5/{Group}/report/{uuids[1]}", token);
        atol.Clock.Advance(TimeSpan.FromSeconds(2));
        for (int i = 0; i < 3; i++)
        {
            await GetAsync(http, $"possystem/v5/{Group}/report/{uuids[i]}", token);
        }

        var stats = atol.GetStats().Groups[Group];
        Assert.Equal((2, 4L, 3L, 10L, 5), (stats.Registers, stats.Registrations, stats.Accepted, stats.ReportRequests, stats.MaxReportRequestsPerSecond));
        // 3 documents, 2 registers, 2 s each: two done at 2 s, the third started at 2 s and is done at 4 s, not yet at 3 s
        Assert.Equal((2L, 0L, 0, 1), (stats.Done, stats.Failed, stats.QueueLength, stats.Processing));
        Assert.Equal(0L, atol.GetStats().Groups[V5Group].ReportRequests);

        var json = await GetAsync(http, "emulator/stats");
        Assert.Equal(HttpStatusCode.OK, json.Status);
        var group = json.Root.GetProperty("groups").GetProperty(Group);
        Assert.Equal(2, group.GetProperty("registers").GetInt32());
        Assert.Equal(4, group.GetProperty("registrations").GetInt64());
        Assert.Equal(10, group.GetProperty("report_requests").GetInt64());
        Assert.Equal(5, group.GetProperty("max_report_requests_per_second").GetInt32());
        Assert.Equal(0, group.GetProperty("queue_length").GetInt32());
        Assert.Equal(2, group.GetProperty("done").GetInt64());
        Assert.Equal(0, group.GetProperty("failed").GetInt64());
        Assert.Equal(4, json.Root.GetProperty("groups").GetProperty(V5Group).GetProperty("registers").GetInt32()); // EmulatorOptions.Registers
        TestContext.Current.TestOutputHelper?.WriteLine(json.Text);

        // request counts start over with the request log; document counts stay
        atol.ClearRequests();
        stats = atol.GetStats().Groups[Group];
        Assert.Equal((0L, 0L, 0, 2L), (stats.Registrations, stats.ReportRequests, stats.MaxReportRequestsPerSecond, stats.Done));
    }

    [Fact]
    public async Task Over_the_limit_report_requests_are_answered_normally_by_default_and_429_when_the_limit_is_enforced()
    {
        foreach (bool enforce in new[] { false, true })
        {
            await using var atol = await StartAsync(2, TimeSpan.FromSeconds(2), o => o.EnforceReportLimit = enforce);
            using var http = Client(atol);
            string token = await RegTokenAsync(http);
            string uuid = (await RegisterAsync(http, token, "lim", 1))[0];
            var answers = new List<Answer>();
            for (int i = 0; i < 3; i++)
            {
                answers.Add(await GetAsync(http, $"possystem/v5/{Group}/report/{uuid}", token));
            }

            Assert.Equal(HttpStatusCode.OK, answers[0].Status);
            Assert.Equal(HttpStatusCode.OK, answers[1].Status);
            var stats = atol.GetStats().Groups[Group];
            Assert.Equal((3L, 3), (stats.ReportRequests, stats.MaxReportRequestsPerSecond));
            if (!enforce)
            {
                Assert.Equal(HttpStatusCode.OK, answers[2].Status);
                Assert.Equal(34, answers[2].ErrorCode);
                Assert.Equal(0L, stats.ReportRequestsRefused);
                continue;
            }

            Assert.Equal((HttpStatusCode)429, answers[2].Status);
            Assert.Equal(1L, stats.ReportRequestsRefused);
            using (var request = new HttpRequestMessage(HttpMethod.Get, $"possystem/v5/{Group}/report/{uuid}"))
            {
                request.Headers.Add("Token", token);
                using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
                Assert.Equal((HttpStatusCode)429, response.StatusCode);
                Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
            }

            atol.Clock.Advance(TimeSpan.FromSeconds(1)); // the next clock second: within the limit again
            var next = await GetAsync(http, $"possystem/v5/{Group}/report/{uuid}", token);
            Assert.Equal(HttpStatusCode.OK, next.Status);
        }
    }

    [Fact]
    public async Task Options_out_of_range_are_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => AtolEmulator.StartAsync(new EmulatorOptions { Registers = 0 }, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(() => AtolEmulator.StartAsync(new EmulatorOptions { ProcessingJitter = 1.5 }, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(() => AtolEmulator.StartAsync(new EmulatorOptions { QueueTimeout = TimeSpan.FromSeconds(-1) }, TestContext.Current.CancellationToken));
        var options = new EmulatorOptions();
        options.Accounts.Add(EmulatorAccount.TestV5 with { Login = "x", GroupCode = "x_1", Registers = -1 });
        await Assert.ThrowsAsync<ArgumentException>(() => AtolEmulator.StartAsync(options, TestContext.Current.CancellationToken));
    }
}
