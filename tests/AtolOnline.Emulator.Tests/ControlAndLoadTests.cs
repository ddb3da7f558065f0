using System.Net;
using System.Text.Json;
using static AtolOnline.Emulator.Tests.Support;

namespace AtolOnline.Emulator.Tests;

/// <summary>The /emulator/ control surface, accounts from a file, and concurrent duplicates.</summary>
public sealed class ControlAndLoadTests
{
    [Fact]
    public async Task Documents_lists_every_registered_document_and_one_document_has_its_body()
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        string token = await TokenAsync(http);
        string body = V5Sell("doc-1");
        string uuid = (await PostAsync(http, $"possystem/v5/{V5Group}/sell", body, token)).Str("uuid");
        var list = await GetAsync(http, "emulator/documents");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        var d = Assert.Single(list.Root.EnumerateArray());
        Assert.Equal(("doc-1", uuid, "wait", "sell", V5Group),
            (d.GetProperty("external_id").GetString(), d.GetProperty("uuid").GetString(), d.GetProperty("status").GetString(), d.GetProperty("operation").GetString(), d.GetProperty("group_code").GetString()));
        var one = await GetAsync(http, $"emulator/documents/{uuid}");
        Assert.Equal("doc-1", one.Root.GetProperty("body").GetProperty("external_id").GetString());
        Assert.Equal(34, one.Root.GetProperty("report").GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(body, System.Text.Encoding.UTF8.GetString(atol.FindDocument(uuid)!.Body.Span));
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(http, "emulator/documents/nope")).Status);
        Assert.Empty((await GetAsync(http, "emulator/documents?group_code=other")).Root.EnumerateArray());
    }

    [Fact]
    public async Task The_clock_is_read_advanced_and_set_through_the_control_api()
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        Assert.Equal("05.03.2025 14:02:11", (await GetAsync(http, "emulator/clock")).Str("timestamp"));
        string token = await TokenAsync(http);
        string uuid = (await PostAsync(http, $"possystem/v5/{V5Group}/sell", V5Sell("clk-1"), token)).Str("uuid");
        var advanced = await PostAsync(http, "emulator/clock/advance", """{"seconds":5}""");
        Assert.Equal("05.03.2025 14:02:16", advanced.Str("timestamp"));
        Assert.Equal("done", (await GetAsync(http, "emulator/documents")).Root[0].GetProperty("status").GetString());
        Assert.Equal(DocumentState.Done, atol.FindDocument(uuid)!.Status);
        var set = await PostAsync(http, "emulator/clock/set", """{"utc":"2025-12-31T20:59:59Z"}""");
        Assert.Equal("31.12.2025 23:59:59", set.Str("timestamp"));
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(http, "emulator/clock/advance", """{"days":1}""")).Status);
        Assert.Null(atol.FindDocument(uuid)); // 301 days later: past the v5 retention window
    }

    [Fact]
    public async Task Tokens_are_expired_through_the_control_api()
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        string token = await TokenAsync(http);
        var expired = await PostAsync(http, "emulator/tokens/expire", "{}");
        Assert.Equal(1, expired.Root.GetProperty("expired").GetInt32());
        Assert.Equal(11, (await GetAsync(http, $"possystem/v5/{V5Group}/report/x", token)).ErrorCode);
        Assert.Equal(1, (await GetAsync(http, "emulator/accounts")).Root.EnumerateArray().Count(a => a.GetProperty("protocol").GetString() == "v5"));
    }

    [Fact]
    public async Task Accounts_come_from_a_json_file_and_answer_only_on_their_protocol()
    {
        string file = Path.Combine(Path.GetTempPath(), $"atol-accounts-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """[{"login":"file-shop","password":"pw","group_code":"file-shop_1","protocol":"v4","inn":"7707083893","payment_address":"https://file.example","registers":3}]""", TestContext.Current.CancellationToken);
        try
        {
            await using var atol = await StartAsync(o =>
            {
                o.AccountsFile = file;
                o.IncludeTestAccounts = false;
            });
            using var http = Client(atol);
            Assert.Equal(12, (await TokenFailureAsync(http, "v5", "v5-online-atol-ru", "zUr0OxfI")).ErrorCode);
            Assert.Equal(21, (await TokenFailureAsync(http, "v5", "file-shop", "pw")).ErrorCode);
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, "possystem/v4/getToken", """{"login":"file-shop","pass":"pw"}""")).Status);
            Assert.Equal(3, Assert.Single(atol.Accounts).Registers);
        }
        finally
        {
            File.Delete(file);
        }

        Assert.Throws<FormatException>(() => EmulatorAccount.Parse("""[{"login":"x"}]"""u8));
    }

    private static Task<Answer> TokenFailureAsync(HttpClient http, string version, string login, string pass) =>
        PostAsync(http, $"possystem/{version}/getToken", $$"""{"login":"{{login}}","pass":"{{pass}}"}""");

    [Fact]
    public async Task Under_200_concurrent_registrations_each_external_id_gets_exactly_one_uuid()
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        string token = await TokenAsync(http);
        const int Requests = 200;
        const int Distinct = 25;
        using var start = new ManualResetEventSlim(false);
        var tasks = Enumerable.Range(0, Requests).Select(i => Task.Run(async () =>
        {
            start.Wait(TestContext.Current.CancellationToken);
            string id = $"conc-{i % Distinct}";
            var answer = await PostAsync(http, $"possystem/v5/{V5Group}/sell", V5Sell(id), token);
            Assert.True(answer.Status == HttpStatusCode.OK || answer.ErrorCode == 33, answer.Text);
            return (Id: id, Uuid: answer.Str("uuid"), Created: answer.Status == HttpStatusCode.OK);
        })).ToArray();
        start.Set();
        var results = await Task.WhenAll(tasks);

        foreach (var group in results.GroupBy(r => r.Id))
        {
            Assert.Single(group.Select(r => r.Uuid).Distinct());
            Assert.Equal(1, group.Count(r => r.Created));
        }

        var documents = atol.Documents;
        Assert.Equal(Distinct, documents.Count);
        Assert.Equal(Distinct, documents.Select(d => d.Uuid).Distinct().Count());
    }
}
