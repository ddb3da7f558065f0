using System.Net;
using System.Text.Json;
using static AtolOnline.Emulator.Tests.Support;

namespace AtolOnline.Emulator.Tests;

/// <summary>
/// Monitoring gone wrong on purpose: a register offline, a fiscal drive near expiry or full, documents not sent to
/// the OFD piling up; through the control API and the C# API, seen in the monitoring answers and in processing.
/// </summary>
public sealed class MonitoringFaultTests
{
    private const string Group = "mon_1";

    private static Task<AtolEmulator> StartAsync(int registers) =>
        Support.StartAsync(o =>
        {
            o.ProcessingDelay = TimeSpan.FromSeconds(2);
            o.Accounts.Add(new EmulatorAccount
            {
                Login = "mon",
                Password = "p",
                GroupCode = Group,
                Protocol = AtolProtocolVersion.V5,
                Inn = "5544332219",
                PaymentAddress = "https://v5.online.atol.ru",
                Registers = registers,
            });
        });

    private static async Task<(string Possystem, string Monitoring)> TokensAsync(HttpClient http) => (
        (await PostAsync(http, "possystem/v5/getToken", """{"login":"mon","pass":"p"}""")).Str("token"),
        (await PostAsync(http, "api/auth/v1/gettoken", """{"login":"mon","pass":"p"}""")).Str("token"));

    private static async Task<Dictionary<string, JsonElement>> RecordsAsync(HttpClient http, string monitoringToken)
    {
        var answer = await GetAsync(http, "api/kkt/v1/cash-registers", monitoringToken);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return answer.Root.EnumerateArray().ToDictionary(r => r.GetProperty("serialNumber").GetString()!, r => r.Clone());
    }

    private static async Task<List<string>> RegisterAsync(HttpClient http, string token, string prefix, int count)
    {
        var uuids = new List<string>();
        for (int i = 0; i < count; i++)
        {
            uuids.Add((await PostAsync(http, $"possystem/v5/{Group}/sell", V5Sell($"{prefix}-{i}"), token)).Str("uuid"));
        }

        return uuids;
    }

    [Fact]
    public async Task An_offline_register_takes_no_documents_and_its_monitoring_record_shows_it()
    {
        await using var atol = await StartAsync(2);
        using var http = Client(atol);
        var (token, monitoring) = await TokensAsync(http);
        var serials = atol.GetRegisters(Group).Select(r => r.SerialNumber).ToArray();
        Assert.Equal(2, serials.Length);

        var offline = await PostAsync(http, $"emulator/registers/{serials[1]}", """{"online":false}""");
        Assert.Equal(HttpStatusCode.OK, offline.Status);
        Assert.False(offline.Root.GetProperty("online").GetBoolean());
        Assert.Equal(1, atol.GetStats().Groups[Group].OnlineRegisters);

        var uuids = await RegisterAsync(http, token, "off", 4);
        atol.Clock.Advance(TimeSpan.FromSeconds(8));
        var documents = uuids.Select(u => atol.FindDocument(u)!).ToArray();
        // one register left: four documents one after another, 2 s each, all on the online register
        Assert.Equal([2, 4, 6, 8], documents.Select(d => (d.ProcessedAt!.Value - Start).TotalSeconds).ToArray());
        Assert.All(documents, d => Assert.Equal(atol.GetRegisters(Group)[0].DeviceCode, d.DeviceCode));

        var records = await RecordsAsync(http, monitoring);
        Assert.Equal(1, records[serials[1]].GetProperty("networkErrorCode").GetInt32());
        Assert.Equal(Wire(Start), records[serials[1]].GetProperty("timestamp").GetString()); // data stopped when it went offline
        Assert.Equal(0, records[serials[0]].GetProperty("networkErrorCode").GetInt32());
        Assert.Equal(Wire(Start.AddSeconds(8)), records[serials[0]].GetProperty("timestamp").GetString());
        using (var one = JsonDocument.Parse((await GetAsync(http, $"api/kkt/v1/cash-registers/{serials[1]}", monitoring)).Text))
        {
            Assert.Equal(1, one.RootElement.GetProperty("data").GetProperty("networkErrorCode").GetInt32());
        }

        // back online: it shares the work again
        atol.SetRegisterOnline(serials[1], true);
        var more = await RegisterAsync(http, token, "on", 2);
        atol.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(2, more.Select(u => atol.FindDocument(u)!).Where(d => d.Status == DocumentState.Done).Select(d => d.DeviceCode).Distinct().Count());
        Assert.Equal(0, (await RecordsAsync(http, monitoring))[serials[1]].GetProperty("networkErrorCode").GetInt32());
    }

    [Fact]
    public async Task With_every_register_offline_documents_wait_and_time_out_after_300_s()
    {
        await using var atol = await StartAsync(2);
        using var http = Client(atol);
        var (token, _) = await TokensAsync(http);
        foreach (var register in atol.GetRegisters(Group))
        {
            atol.SetRegisterOnline(register.SerialNumber, false);
        }

        var uuids = await RegisterAsync(http, token, "dark", 2);
        atol.Clock.Advance(TimeSpan.FromSeconds(299));
        Assert.All(uuids, u => Assert.Equal(DocumentState.Wait, atol.FindDocument(u)!.Status));
        Assert.Equal(2, atol.GetStats().Groups[Group].QueueLength);

        atol.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.All(uuids, u =>
        {
            var d = atol.FindDocument(u)!;
            Assert.Equal((DocumentState.Fail, 1, "timeout"), (d.Status, d.ErrorCode, d.ErrorType));
        });
        var stats = atol.GetStats().Groups[Group];
        Assert.Equal((0, 2L, 2L, 0), (stats.QueueLength, stats.Failed, stats.TimedOut, stats.OnlineRegisters));
    }

    [Fact]
    public async Task Fiscal_drive_expiry_and_fill_and_unsent_documents_show_in_the_monitoring_answers_and_clear()
    {
        await using var atol = await StartAsync(2);
        using var http = Client(atol);
        var (_, monitoring) = await TokensAsync(http);
        string serial = atol.GetRegisters(Group)[0].SerialNumber;
        string other = atol.GetRegisters(Group)[1].SerialNumber;
        var before = await RecordsAsync(http, monitoring);
        Assert.False(before[serial].TryGetProperty("unsentDocs", out _));

        // through the C# API
        atol.SetFiscalStorageDaysLeft(serial, 10);
        atol.SetFiscalStorageUse(serial, 97.5m);
        var oldest = Start.AddDays(-3);
        var state = atol.SetUnsentDocuments(serial, 42, oldest);
        Assert.Equal((42L, oldest, 97.5m), (state.UnsentDocuments, state.OldestUnsentDocumentAt, state.FiscalStoragePercentageUse));

        var records = await RecordsAsync(http, monitoring);
        var record = records[serial];
        Assert.Equal(Wire(Start.AddDays(10)), record.GetProperty("fiscalStorageExpiration").GetString());
        Assert.Equal(97.5m, record.GetProperty("fiscalStoragePercentageUse").GetDecimal());
        Assert.Equal(42, record.GetProperty("unsentDocs").GetInt64());
        Assert.Equal(Wire(oldest), record.GetProperty("firstUnsetDocTimestamp").GetString());
        Assert.Equal(before[other].GetRawText(), records[other].GetRawText()); // the other register is untouched

        // through the control API, on the other register
        var changed = await PostAsync(http, $"emulator/registers/{other}", """{"fiscal_storage_days_left":-1,"fiscal_storage_percentage_use":100,"unsent_docs":7,"first_unsent_doc_at":"2025-03-01T09:00:00Z"}""");
        Assert.Equal(HttpStatusCode.OK, changed.Status);
        Assert.Equal(7, changed.Root.GetProperty("unsent_docs").GetInt64());
        using (var one = JsonDocument.Parse((await GetAsync(http, $"api/kkt/v1/cash-registers/{other}", monitoring)).Text))
        {
            var data = one.RootElement.GetProperty("data");
            Assert.Equal(Wire(Start.AddDays(-1)), data.GetProperty("fiscalStorageExpiration").GetString());
            Assert.Equal(100m, data.GetProperty("fiscalStoragePercentageUse").GetDecimal());
            Assert.Equal(7, data.GetProperty("unsentDocs").GetInt64());
            Assert.Equal("2025-03-01T09:00:00+00:00", data.GetProperty("firstUnsetDocTimestamp").GetString());
        }

        // cleared: the registers' own figures again
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, new HttpRequestMessage(HttpMethod.Delete, $"emulator/registers/{other}/faults"))).Status);
        Assert.Equal(before[other].GetProperty("fiscalStorageExpiration").GetString(), (await RecordsAsync(http, monitoring))[other].GetProperty("fiscalStorageExpiration").GetString());
        atol.ClearRegisterFaults();
        var after = await RecordsAsync(http, monitoring);
        Assert.Equal(before[serial].GetRawText(), after[serial].GetRawText());
        Assert.Equal(before[other].GetRawText(), after[other].GetRawText());
    }

    [Fact]
    public async Task A_bad_fault_request_changes_nothing()
    {
        await using var atol = await StartAsync(1);
        using var http = Client(atol);
        string serial = atol.GetRegisters(Group)[0].SerialNumber;
        var original = atol.GetRegisters(Group)[0];

        foreach (var body in new[]
        {
            """{"online":false,"fiscal_storage_percentage_use":150}""",
            """{"online":false,"unsent_docs":-1}""",
            """{"online":"no"}""",
            """{"online":false,"offline":true}""",
            """{"first_unsent_doc_at":"2025-03-01T09:00:00Z"}""",
            """[1]""",
        })
        {
            var answer = await PostAsync(http, $"emulator/registers/{serial}", body);
            Assert.True(answer.Status == HttpStatusCode.BadRequest, body + " -> " + answer.Status);
            Assert.False(string.IsNullOrEmpty(answer.Str("error")));
        }

        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(http, "emulator/registers/0000", """{"online":false}""")).Status);
        Assert.Throws<ArgumentException>(() => atol.SetRegisterOnline("0000", false));
        Assert.Throws<ArgumentException>(() => atol.SetFiscalStorageUse(serial, 101m));
        Assert.Throws<ArgumentException>(() => atol.SetUnsentDocuments(serial, -5));

        var now = atol.GetRegisters(Group)[0];
        Assert.True(now.Online);
        Assert.Equal((original.FiscalStoragePercentageUse, original.FiscalStorageExpiration, 0L), (now.FiscalStoragePercentageUse, now.FiscalStorageExpiration, now.UnsentDocuments));

        var listed = await GetAsync(http, $"emulator/registers?group_code={Group}");
        var only = Assert.Single(listed.Root.EnumerateArray());
        Assert.Equal(serial, only.GetProperty("serial_number").GetString());
        Assert.True(only.GetProperty("online").GetBoolean());
    }

    private static string Wire(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
}
