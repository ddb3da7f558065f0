using System.Net;
using System.Text.Json;
using static AtolOnline.Emulator.Tests.Support;

namespace AtolOnline.Emulator.Tests;

/// <summary>The monitoring API: gettoken, cash-registers with paging, one register, counters following documents.</summary>
public sealed class MonitoringTests
{
    private static async Task<string> MonitoringTokenAsync(HttpClient http)
    {
        var answer = await PostAsync(http, "api/auth/v1/gettoken", """{"login":"v5-online-atol-ru","pass":"zUr0OxfI"}""");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return answer.Str("token");
    }

    [Fact]
    public async Task Gettoken_answers_a_token_get_is_400_and_wrong_credentials_401()
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        Assert.Equal(128, (await MonitoringTokenAsync(http)).Length);
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync(http, "api/auth/v1/gettoken")).Status);
        var wrong = await PostAsync(http, "api/auth/v1/gettoken", """{"login":"v5-online-atol-ru","pass":"no"}""");
        Assert.Equal((HttpStatusCode.Unauthorized, 12), (wrong.Status, wrong.ErrorCode));
    }

    [Fact]
    public async Task Cash_registers_are_a_bare_array_with_limit_and_offset()
    {
        await using var atol = await StartAsync(o => o.Accounts.Add(new EmulatorAccount
        {
            Login = "big",
            Password = "p",
            GroupCode = "big_1",
            Protocol = AtolProtocolVersion.V4,
            Inn = "5544332219",
            PaymentAddress = "https://big.example",
            Registers = 5,
        }));
        using var http = Client(atol);
        string token = (await PostAsync(http, "api/auth/v1/gettoken", """{"login":"big","pass":"p"}""")).Str("token");
        var all = await GetAsync(http, "api/kkt/v1/cash-registers", token);
        Assert.Equal(HttpStatusCode.OK, all.Status);
        Assert.Equal(5, all.Root.GetArrayLength());
        var serials = all.Root.EnumerateArray().Select(r => r.GetProperty("serialNumber").GetString()).ToArray();
        var page = await GetAsync(http, "api/kkt/v1/cash-registers?limit=2&offset=3", token);
        Assert.Equal(serials[3..5], page.Root.EnumerateArray().Select(r => r.GetProperty("serialNumber").GetString()).ToArray());
        Assert.Equal(40, (await GetAsync(http, "api/kkt/v1/cash-registers?limit=-1", token)).ErrorCode);

        var first = all.Root[0];
        Assert.Equal("big_1", first.GetProperty("groupCode").GetString());
        Assert.Equal("5544332219", first.GetProperty("fiscalStorageINN").GetString());
        Assert.Matches("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\+00:00$", first.GetProperty("fiscalizationDate").GetString());
        foreach (var name in new[] { "registrationNumber", "deviceNumber", "fiscalStorageExpiration", "signedDocuments", "fiscalStoragePercentageUse", "fiscalStorageSerialNumber", "fiscalStoragePaymentAddress", "timestamp", "isShiftOpened", "shiftNumber", "shiftReceipt", "networkErrorCode" })
        {
            Assert.True(first.TryGetProperty(name, out _), name);
        }
    }

    [Fact]
    public async Task One_register_comes_inside_data_and_an_unknown_serial_is_404()
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        string token = await MonitoringTokenAsync(http);
        string serial = (await GetAsync(http, "api/kkt/v1/cash-registers", token)).Root[0].GetProperty("serialNumber").GetString()!;
        var one = await GetAsync(http, $"api/kkt/v1/cash-registers/{serial}", token);
        Assert.Equal(HttpStatusCode.OK, one.Status);
        Assert.Equal("application/hal+json", one.ContentType);
        Assert.Equal(serial, one.Root.GetProperty("data").GetProperty("serialNumber").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(http, "api/kkt/v1/cash-registers/000", token)).Status);
    }

    [Fact]
    public async Task Monitoring_needs_a_monitoring_token()
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        var none = await GetAsync(http, "api/kkt/v1/cash-registers");
        Assert.Equal((HttpStatusCode.Unauthorized, 10), (none.Status, none.ErrorCode));
        string possystem = await TokenAsync(http);
        Assert.Equal(10, (await GetAsync(http, "api/kkt/v1/cash-registers", possystem)).ErrorCode);
        string token = await MonitoringTokenAsync(http);
        atol.Clock.Advance(TimeSpan.FromHours(24));
        Assert.Equal(11, (await GetAsync(http, "api/kkt/v1/cash-registers", token)).ErrorCode);
    }

    [Fact]
    public async Task Counters_follow_processed_documents()
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        string monitoring = await MonitoringTokenAsync(http);
        static (long Signed, long Receipts, bool Open) Totals(JsonElement array) => (
            array.EnumerateArray().Sum(r => r.GetProperty("signedDocuments").GetInt64()),
            array.EnumerateArray().Sum(r => r.GetProperty("shiftReceipt").GetInt64()),
            array.EnumerateArray().Any(r => r.GetProperty("isShiftOpened").GetBoolean()));
        var before = Totals((await GetAsync(http, "api/kkt/v1/cash-registers", monitoring)).Root);
        Assert.False(before.Open);

        string token = await TokenAsync(http);
        for (int i = 0; i < 4; i++)
        {
            await PostAsync(http, $"possystem/v5/{V5Group}/sell", V5Sell($"m-{i}"), token);
        }

        atol.Clock.Advance(TimeSpan.FromSeconds(5));
        var after = Totals((await GetAsync(http, "api/kkt/v1/cash-registers", monitoring)).Root);
        Assert.True(after.Open);
        Assert.Equal(before.Receipts + 4, after.Receipts);
        Assert.Equal(before.Signed + 4 + 4, after.Signed); // four receipts and four shift openings (four registers, one each)
    }
}
