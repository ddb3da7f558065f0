using System.Diagnostics;
using System.Net;
using System.Text.Json;
using static AtolOnline.Emulator.Tests.Support;

namespace AtolOnline.Emulator.Tests;

/// <summary>Fault injection per endpoint, before and after storing, scripted and seeded.</summary>
public sealed class FaultTests
{
    [Fact]
    public async Task Status500_answers_atols_code_50_body()
    {
        await using var atol = await StartAsync(o => o.Faults.Add(FaultRule.Times(FaultEndpoint.Token, FaultKind.Status500, 1)));
        using var http = Client(atol);
        var answer = await PostAsync(http, "possystem/v5/getToken", """{"login":"v5-online-atol-ru","pass":"zUr0OxfI"}""");
        Assert.Equal((HttpStatusCode.InternalServerError, 50), (answer.Status, answer.ErrorCode));
        Assert.Equal("Ошибка сервера. Обратитесь к Администратору.", answer.ErrorText);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, "possystem/v5/getToken", """{"login":"v5-online-atol-ru","pass":"zUr0OxfI"}""")).Status);
    }

    [Fact]
    public async Task A_scripted_sequence_applies_step_by_step_then_passes()
    {
        await using var atol = await StartAsync(o => o.Faults.Add(FaultRule.Script(FaultEndpoint.Report, FaultKind.Status502, FaultKind.None, FaultKind.Status503)));
        using var http = Client(atol);
        string token = await TokenAsync(http);
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 4; i++)
        {
            statuses.Add((await GetAsync(http, $"possystem/v5/{V5Group}/report/x", token)).Status);
        }

        Assert.Equal([HttpStatusCode.BadGateway, HttpStatusCode.BadRequest, HttpStatusCode.ServiceUnavailable, HttpStatusCode.BadRequest], statuses);
        Assert.Equal(2, atol.Faults.Struck(FaultEndpoint.Report));
    }

    [Fact]
    public async Task Proxy_errors_come_as_html_pages()
    {
        await using var atol = await StartAsync(o => o.Faults.Add(FaultRule.Always(FaultEndpoint.Token, FaultKind.Status503)));
        using var http = Client(atol);
        var answer = await GetAsync(http, "possystem/v5/getToken?login=a&pass=b");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
        Assert.StartsWith("text/html", answer.ContentType, StringComparison.Ordinal);
        Assert.Contains("503 Service Temporarily Unavailable", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probabilistic_faults_are_deterministic_for_a_seed()
    {
        async Task<string> RunAsync(int seed)
        {
            await using var atol = await StartAsync(o =>
            {
                o.Seed = seed;
                o.Faults.Add(new FaultRule { Endpoint = FaultEndpoint.Token, Kind = FaultKind.Status500, Probability = 0.5 });
            });
            using var http = Client(atol);
            var pattern = new System.Text.StringBuilder();
            for (int i = 0; i < 24; i++)
            {
                pattern.Append((await GetAsync(http, "possystem/v5/getToken?login=v5-online-atol-ru&pass=zUr0OxfI")).Status == HttpStatusCode.OK ? '.' : 'X');
            }

            return pattern.ToString();
        }

        string first = await RunAsync(7);
        Assert.Equal(first, await RunAsync(7));
        Assert.Contains('X', first);
        Assert.Contains('.', first);
        Assert.NotEqual(first, await RunAsync(8));
    }

    [Fact]
    public async Task A_register_fault_after_store_keeps_the_document_and_the_retry_gets_33_with_its_uuid()
    {
        await using var atol = await StartAsync(o => o.Faults.Add(FaultRule.Times(FaultEndpoint.Register, FaultKind.Status500, 1, FaultTiming.AfterStore)));
        using var http = Client(atol);
        string token = await TokenAsync(http);
        var lost = await PostAsync(http, $"possystem/v5/{V5Group}/sell", V5Sell("after-1"), token);
        Assert.Equal(HttpStatusCode.InternalServerError, lost.Status);
        var stored = Assert.Single(atol.Documents);
        var retry = await PostAsync(http, $"possystem/v5/{V5Group}/sell", V5Sell("after-1"), token);
        Assert.Equal((33, stored.Uuid), (retry.ErrorCode, retry.Str("uuid")));
    }

    [Fact]
    public async Task A_register_fault_before_store_keeps_nothing_and_the_retry_registers()
    {
        await using var atol = await StartAsync(o => o.Faults.Add(FaultRule.Times(FaultEndpoint.Register, FaultKind.Status503, 1)));
        using var http = Client(atol);
        string token = await TokenAsync(http);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await PostAsync(http, $"possystem/v5/{V5Group}/sell", V5Sell("before-1"), token)).Status);
        Assert.Empty(atol.Documents);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, $"possystem/v5/{V5Group}/sell", V5Sell("before-1"), token)).Status);
    }

    [Theory]
    [InlineData(FaultTiming.BeforeStore, 0)]
    [InlineData(FaultTiming.AfterStore, 1)]
    public async Task Drop_aborts_the_connection_mid_response(FaultTiming timing, int stored)
    {
        await using var atol = await StartAsync(o => o.Faults.Add(FaultRule.Times(FaultEndpoint.Register, FaultKind.Drop, 1, timing)));
        using var http = Client(atol);
        string token = await TokenAsync(http);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => PostAsync(http, $"possystem/v5/{V5Group}/sell", V5Sell("drop-1"), token));
        Assert.Equal(stored, atol.Documents.Count);
    }

    [Fact]
    public async Task Malformed_cuts_the_json_of_the_normal_answer()
    {
        await using var atol = await StartAsync(o => o.Faults.Add(FaultRule.Times(FaultEndpoint.Register, FaultKind.Malformed, 1)));
        using var http = Client(atol);
        string token = await TokenAsync(http);
        var answer = await PostAsync(http, $"possystem/v5/{V5Group}/sell", V5Sell("mal-1"), token);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.StartsWith("{\"uuid\":", answer.Text, StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(answer.Text));
        Assert.Single(atol.Documents);
    }

    [Fact]
    public async Task Hang_holds_the_request_until_the_client_gives_up()
    {
        await using var atol = await StartAsync(o => o.Faults.Add(FaultRule.Times(FaultEndpoint.Report, FaultKind.Hang, 1)));
        using var http = Client(atol);
        string token = await TokenAsync(http);
        using var impatient = Client(atol, TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => GetAsync(impatient, $"possystem/v5/{V5Group}/report/x", token));
        Assert.Equal(30, (await GetAsync(http, $"possystem/v5/{V5Group}/report/x", token)).ErrorCode);
    }

    [Fact]
    public async Task Delay_holds_the_answer_then_answers_normally()
    {
        await using var atol = await StartAsync(o => o.Faults.Add(new FaultRule { Endpoint = FaultEndpoint.Monitoring, Kind = FaultKind.Delay, Delay = TimeSpan.FromMilliseconds(200), MaxCount = 1 }));
        using var http = Client(atol);
        var watch = Stopwatch.StartNew();
        var answer = await PostAsync(http, "api/auth/v1/gettoken", """{"login":"v4-online-atol-ru","pass":"iGFFuihss"}""");
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(190), watch.Elapsed.ToString());
        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Fact]
    public async Task Expire_token_on_register_gives_error_11_and_on_gettoken_an_already_expired_token()
    {
        await using var atol = await StartAsync(o =>
        {
            o.Faults.Add(FaultRule.Times(FaultEndpoint.Register, FaultKind.ExpireToken, 1));
            o.Faults.Add(FaultRule.Script(FaultEndpoint.Token, FaultKind.None, FaultKind.ExpireToken));
        });
        using var http = Client(atol);
        string token = await TokenAsync(http);
        Assert.Equal(11, (await PostAsync(http, $"possystem/v5/{V5Group}/sell", V5Sell("exp-1"), token)).ErrorCode);
        string born = await TokenAsync(http);
        Assert.NotEqual(token, born);
        Assert.Equal(11, (await GetAsync(http, $"possystem/v5/{V5Group}/report/x", born)).ErrorCode);
        string fresh = await TokenAsync(http);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, $"possystem/v5/{V5Group}/sell", V5Sell("exp-1"), fresh)).Status);
    }

    [Fact]
    public async Task Faults_are_set_listed_and_cleared_through_the_control_api()
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        var set = await PostAsync(http, "emulator/faults", """[{"endpoint":"register","kind":"500","timing":"after-store","max_count":1},{"endpoint":"token","sequence":["none","502"]}]""");
        Assert.Equal(HttpStatusCode.OK, set.Status);
        Assert.Equal(2, set.Root.GetArrayLength());
        Assert.Equal("after-store", set.Root[0].GetProperty("timing").GetString());
        Assert.Equal(2, atol.Faults.Rules.Count);
        string token = await TokenAsync(http);
        Assert.Equal(HttpStatusCode.InternalServerError, (await PostAsync(http, $"possystem/v5/{V5Group}/sell", V5Sell("c-1"), token)).Status);
        Assert.Single(atol.Documents);
        Assert.Equal(HttpStatusCode.BadGateway, (await GetAsync(http, "possystem/v5/getToken?login=a&pass=b")).Status);

        var bad = await PostAsync(http, "emulator/faults", """{"endpoint":"register","kind":"teapot"}""");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        var cleared = await SendAsync(http, new HttpRequestMessage(HttpMethod.Delete, "emulator/faults"));
        Assert.Equal(0, cleared.Root.GetArrayLength());
        Assert.Empty(atol.Faults.Rules);
    }

    [Fact]
    public async Task Strict_validation_refuses_cross_field_violations_with_32()
    {
        await using var atol = await StartAsync(o => o.StrictValidation = true);
        using var http = Client(atol);
        string token = await TokenAsync(http);
        var answer = await PostAsync(http, $"possystem/v5/{V5Group}/sell", V5Sell("s-1", payments: """[{"type":0,"sum":5.0}]"""), token);
        Assert.Equal((HttpStatusCode.BadRequest, 32), (answer.Status, answer.ErrorCode));
        Assert.Contains("PaymentsEqualTotal", answer.ErrorText, StringComparison.Ordinal);
    }
}
