using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AtolOnline.Validation;
using AtolOnline.Json;

namespace AtolOnline.Core.Tests;

/// <summary>
/// Every JSON request printed in ATOL's documents, transcribed as printed into <c>AtolExamples/&lt;version&gt;/</c>
/// (file name = PDF page and operation; v4 = protocol document 5.15, v5 = protocol document 3.5):
/// v4 p.12 getToken; p.15 sell (§4.2 "Пример запроса"); p.35 sell_correction (§4.3); §9 "Примеры использования ФФД
/// 1.05": p.79 (9.1), p.80 and p.81 (9.2), p.82 and p.83 (9.3), p.84 and p.85 (9.4), p.86 and p.87 (9.5), p.89, p.90
/// and p.91 (9.6), p.93 (9.7), p.94, p.95a sell_refund and p.95b (9.8), p.96, p.97 sell_refund and p.98 (9.9), p.99
/// sell_correction (9.10), p.100 buy and p.101 (9.11), p.102 (9.12), p.104 (9.13), p.105 (9.14);
/// v5 p.9 getToken; p.11 sell; p.52 sell_correction.
/// Each is changed only where it must be (<see cref="Adapt"/>), registered by the emulator over raw HTTP (200, then a
/// final report), and our safe profile's verdict on it is asserted: <see cref="SafeProfileRefusals"/> names every rule
/// that refuses, and schemas/v4/NOTES.md and schemas/v5/NOTES.md say why.
/// </summary>
public sealed partial class AtolExamplesTests
{
    /// <summary>The errors our safe profile reports on each adapted example ("path Code"); absent = none.</summary>
    private static readonly Dictionary<string, string[]> SafeProfileRefusals = new(StringComparer.Ordinal)
    {
        // 9.10: base_date "28.02.2017 16:12:13" carries a time of day; the field table (p.37) says dd.MM.yyyy.
        ["v4/p099-sell_correction.json"] = ["correction.correction_info.base_date Pattern"],

        // 9.12 and 9.14: supplier phone "8-111-111-11-11" has dashes; the tables (p.20-21) say digits with country code.
        ["v4/p102-sell.json"] = ["receipt.items[1].supplier_info.phones[0] Pattern"],
        ["v4/p105-sell.json"] = ["receipt.items[0].supplier_info.phones[0] Pattern"],
    };

    public static TheoryData<string> DocumentExamples()
    {
        var data = new TheoryData<string>();
        foreach (var version in new[] { "v4", "v5" })
        {
            foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "AtolExamples", version), "*.json").Order(StringComparer.Ordinal))
            {
                data.Add(version + "/" + Path.GetFileName(file));
            }
        }

        return data;
    }

    [Fact]
    public void Every_printed_request_example_is_transcribed()
    {
        // 28 in the v4 document (3 in §3-4, 25 in §9), 3 in the v5 document.
        var examples = DocumentExamples().Select(d => d.Data).ToList();
        Assert.Equal(28, examples.Count(e => e.StartsWith("v4/", StringComparison.Ordinal)));
        Assert.Equal(3, examples.Count(e => e.StartsWith("v5/", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(DocumentExamples))]
    public async Task Printed_example_is_registered_by_the_emulator_and_judged_by_our_safe_profile(string example)
    {
        string version = example[..2];
        string operation = Path.GetFileNameWithoutExtension(example)[(Path.GetFileNameWithoutExtension(example).IndexOf('-', StringComparison.Ordinal) + 1)..];
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "AtolExamples", example)))!.AsObject();
        Adapt(document, version, operation);
        byte[] body = Encoding.UTF8.GetBytes(document.ToJsonString());

        await using var emulator = await EmulatorHttp.StartAsync();
        if (operation == "getToken")
        {
            var token = await emulator.PostAsync($"possystem/{version}/getToken", body);
            Assert.True(token.Status == HttpStatusCode.OK, $"{example}: {token}");
        }
        else
        {
            var registered = await emulator.RegisterAsync(version, operation, body);
            Assert.True(registered.Status == HttpStatusCode.OK, $"{example}: {registered}");
            string uuid = registered.Root.GetProperty("uuid").GetString()!;
            emulator.Atol.Clock.Advance(TimeSpan.FromSeconds(6));
            var report = await emulator.GetAsync($"possystem/{version}/{EmulatorHttp.Group(version)}/report/{uuid}", await emulator.TokenAsync(version));
            Assert.Equal(HttpStatusCode.OK, report.Status);
            Assert.Contains(report.Root.GetProperty("status").GetString(), new[] { "done", "fail" });
        }

        var errors = SafeVerdict(version, operation, body).Violations
            .Where(v => v.Severity == ValidationSeverity.Error).Select(v => v.Path + " " + v.Code).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(SafeProfileRefusals.GetValueOrDefault(example, []).Order(StringComparer.Ordinal), errors);
    }

    private static ValidationResult SafeVerdict(string version, string operation, byte[] body) => (version, operation) switch
    {
        ("v4", "getToken") => AtolJson.Validate<V4.TokenRequest>(body, out _, ValidationProfile.Safe),
        ("v5", "getToken") => AtolJson.Validate<V5.TokenRequest>(body, out _, ValidationProfile.Safe),
        ("v4", _) when operation.EndsWith("_correction", StringComparison.Ordinal) => AtolJson.Validate<V4.CorrectionRequest>(body, out _, ValidationProfile.Safe, operation),
        ("v4", _) => AtolJson.Validate<V4.ReceiptRequest>(body, out _, ValidationProfile.Safe, operation),
        (_, _) when operation.EndsWith("_correction", StringComparison.Ordinal) => AtolJson.Validate<V5.CorrectionRequest>(body, out _, ValidationProfile.Safe, operation),
        _ => AtolJson.Validate<V5.ReceiptRequest>(body, out _, ValidationProfile.Safe, operation),
    };

    /// <summary>
    /// The only changes: the test account's login and password (getToken), INN and payment address, a current
    /// timestamp (the group is the URL's). In a v4 sell or buy, vat18/vat118 become vat20/vat120: ATOL's service refuses
    /// them there since 01.04.2019 (v4 document p.27, p.32), so the printed example can no longer be registered as is.
    /// </summary>
    private static void Adapt(JsonObject document, string version, string operation)
    {
        if (operation == "getToken")
        {
            var (login, pass) = EmulatorHttp.Credentials(version);
            document["login"] = login;
            document["pass"] = pass;
            return;
        }

        document["timestamp"] = EmulatorHttp.StartTimestamp;
        var body = (document["receipt"] ?? document["correction"])!.AsObject();
        var company = body["company"]!.AsObject();
        company["inn"] = "5544332219";
        company["payment_address"] = version == "v4" ? "https://v4.online.atol.ru" : "https://v5.online.atol.ru";
        if (version == "v4" && operation is "sell" or "buy")
        {
            foreach (var vat in body["items"]!.AsArray().Select(i => i!["vat"]).Concat(body["vats"]?.AsArray() ?? []).OfType<JsonObject>())
            {
                if (vat["type"]?.GetValue<string>() is "vat18" or "vat118")
                {
                    vat["type"] = vat["type"]!.GetValue<string>() == "vat18" ? "vat20" : "vat120";
                }
            }
        }
    }
}
