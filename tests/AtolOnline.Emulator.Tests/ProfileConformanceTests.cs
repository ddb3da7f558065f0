using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AtolOnline.Validation;
using AtolOnline.Json;
using static AtolOnline.Emulator.Tests.Support;

namespace AtolOnline.Emulator.Tests;

/// <summary>
/// Each place where our safe profile is stricter than ATOL's service (the <c>x-service</c> annotations of the schemas),
/// in both directions, over raw HTTP: a document only our profile refuses is registered by the emulator (as ATOL's
/// service registers it; a register may fail it later), and a document both refuse gets 32 naming the path.
/// </summary>
public sealed class ProfileConformanceTests
{
    /// <summary>A single change of a valid document: set <c>Value</c> at <c>Path</c> (null JSON text = remove the member).</summary>
    public sealed record Change(string Name, string Version, string Operation, string Path, string? Value, string SafeCode, bool Warning = false)
    {
        public override string ToString() => Name;
    }

    private static readonly string LongName = new('я', 200);

    /// <summary>Accepted by ATOL's service, refused (or warned about) by our safe profile.</summary>
    public static TheoryData<Change> OnlyOurProfileRefuses() =>
    [
        new Change("v4 unknown member (a v5 field) is a warning", "v4", "sell", "receipt.items[0].measure", "0", ValidationCodes.UnknownProperty, Warning: true),
        new Change("v4 correction company email (unknown member) is a warning", "v4", "sell_correction", "correction.company.email", "\"a@b.ru\"", ValidationCodes.UnknownProperty, Warning: true),
        new Change("v4 timestamp with hour 24 (table p.17)", "v4", "sell", "timestamp", "\"05.03.2025 24:00:00\"", ValidationCodes.Pattern),
        new Change("v4 timestamp in another shape", "v4", "sell", "timestamp", "\"2025-03-05T14:02:11\"", ValidationCodes.Pattern),
        new Change("v4 empty external_id", "v4", "sell", "external_id", "\"\"", ValidationCodes.MinLength),
        new Change("v4 callback_url outside the mask", "v4", "sell", "service", "{\"callback_url\":\"ftp://shop\"}", ValidationCodes.Pattern),
        new Change("v4 client email without @", "v4", "sell", "receipt.client.email", "\"kkt\"", ValidationCodes.Pattern),
        new Change("v4 client phone with dashes", "v4", "sell", "receipt.client.phone", "\"8-999-111-22-33\"", ValidationCodes.Pattern),
        new Change("v4 company without email", "v4", "sell", "receipt.company.email", null, ValidationCodes.Required),
        new Change("v4 company email without @", "v4", "sell", "receipt.company.email", "\"shop\"", ValidationCodes.Pattern),
        new Change("v4 company INN of 11 digits (the register answers 2009 later)", "v4", "sell", "receipt.company.inn", "\"55443322190\"", ValidationCodes.Pattern),
        new Change("v4 empty payment address", "v4", "sell", "receipt.company.payment_address", "\"\"", ValidationCodes.MinLength),
        new Change("v4 empty item name", "v4", "sell", "receipt.items[0].name", "\"\"", ValidationCodes.MinLength),
        new Change("v4 item name over 128 characters", "v4", "sell", "receipt.items[0].name", "\"" + LongName + "\"", ValidationCodes.MaxLength),
        new Change("v4 price above 42 949 672.95", "v4", "sell", "receipt.items[0].price", "42949672.99", ValidationCodes.Maximum),
        new Change("v4 quantity 0", "v4", "sell", "receipt.items[0].quantity", "0", ValidationCodes.Minimum),
        new Change("v4 quantity 100 000", "v4", "sell", "receipt.items[0].quantity", "100000", ValidationCodes.Maximum),
        new Change("v4 item sum null", "v4", "sell", "receipt.items[0].sum", "null", ValidationCodes.Type),
        new Change("v4 item without vat", "v4", "sell", "receipt.items[0].vat", null, ValidationCodes.Required),
        new Change("v4 item vat sum 100 000 000", "v4", "sell", "receipt.items[0].vat", "{\"type\":\"vat20\",\"sum\":100000000}", ValidationCodes.Maximum),
        new Change("v4 excise above 8 integer digits", "v4", "sell", "receipt.items[0].excise", "100000000.5", ValidationCodes.Maximum),
        new Change("v4 country code of 2 digits", "v4", "sell", "receipt.items[0].country_code", "\"36\"", ValidationCodes.Pattern),
        new Change("v4 item supplier without INN", "v4", "sell", "receipt.items[0].supplier_info", "{\"name\":\"ООО Поставщик\"}", ValidationCodes.Required),
        new Change("v4 supplier phone with dashes", "v4", "sell", "receipt.items[0].supplier_info", "{\"inn\":\"5544332219\",\"phones\":[\"8-111-111-11-11\"]}", ValidationCodes.Pattern),
        new Change("v4 receipt-level paying agent operation over 24 characters", "v4", "sell", "receipt.agent_info",
            "{\"type\":\"another\",\"paying_agent\":{\"operation\":\"" + new string('о', 30) + "\"}}", ValidationCodes.MaxLength),
        new Change("v4 money transfer operator name over 64 characters", "v4", "sell", "receipt.agent_info",
            "{\"type\":\"another\",\"money_transfer_operator\":{\"name\":\"" + new string('о', 70) + "\"}}", ValidationCodes.MaxLength),
        new Change("v4 receipt vats without sum", "v4", "sell", "receipt.vats", "[{\"type\":\"vat20\"}]", ValidationCodes.Required),
        new Change("v4 payment sum null (the register answers 66 later)", "v4", "sell", "receipt.payments[0].sum", "null", ValidationCodes.Type),
        new Change("v4 total 100 000 000", "v4", "sell", "receipt.total", "100000000", ValidationCodes.Maximum),
        new Change("v4 empty device number", "v4", "sell", "receipt.device_number", "\"\"", ValidationCodes.MinLength),
        new Change("v4 empty additional user prop name", "v4", "sell", "receipt.additional_user_props", "{\"name\":\"\",\"value\":\"x\"}", ValidationCodes.MinLength),
        new Change("v4 correction base_date with a time of day (V4DOC p.99)", "v4", "sell_correction", "correction.correction_info.base_date", "\"28.02.2017 16:12:13\"", ValidationCodes.Pattern),
        new Change("v4 correction payment above 42 949 672.95", "v4", "sell_correction", "correction.payments[0].sum", "50000000", ValidationCodes.Maximum),
        new Change("v4 correction company INN of 11 digits", "v4", "sell_correction", "correction.company.inn", "\"55443322190\"", ValidationCodes.Pattern),
        new Change("v5 empty client name", "v5", "sell", "receipt.client.name", "\"\"", ValidationCodes.MinLength),
        new Change("v5 timestamp with a tab (printed \\s)", "v5", "sell", "timestamp", "\"05.03.2025\\t14:02:11\"", ValidationCodes.Pattern),
        new Change("v5 client email without @", "v5", "sell", "receipt.client.email", "\"test\"", ValidationCodes.Pattern),
        new Change("v5 company email without @", "v5", "sell", "receipt.company.email", "\"sender\"", ValidationCodes.Pattern),
        new Change("v5 citizenship in letters", "v5", "sell", "receipt.client.citizenship", "\"RUS\"", ValidationCodes.Pattern),
        new Change("v5 ean8 mark code of letters", "v5", "sell", "receipt.items[0].mark_code", "{\"ean8\":\"ABCDEFGH\"}", ValidationCodes.Pattern),
        new Change("v5 gs1m not in Base64", "v5", "sell", "receipt.items[0].mark_code", "{\"gs1m\":\"01046074286790902!\"}", ValidationCodes.Pattern),
        new Change("v5 fur with punctuation", "v5", "sell", "receipt.items[0].mark_code", "{\"fur\":\"A!-123456-ABCDEFGHI!\"}", ValidationCodes.Pattern),
        new Change("v5 country code of letters", "v5", "sell", "receipt.items[0].country_code", "\"AB \"", ValidationCodes.Pattern),
        new Change("v5 total 100 000 000", "v5", "sell", "receipt.total", "100000000", ValidationCodes.Maximum),
        new Change("v5 payment sum 100 000 000", "v5", "sell", "receipt.payments[0].sum", "100000000", ValidationCodes.Maximum),
        new Change("v5 empty supplier phones", "v5", "sell", "receipt.items[0].supplier_info", "{\"inn\":\"5544332219\",\"phones\":[]}", ValidationCodes.MinItems),
        new Change("v5 supplier phone with dashes", "v5", "sell", "receipt.items[0].supplier_info", "{\"inn\":\"5544332219\",\"phones\":[\"8-111-111-11-11\"]}", ValidationCodes.Pattern),
        new Change("v5 empty sectoral check props", "v5", "sell", "receipt.sectoral_check_props", "[]", ValidationCodes.MinItems),
        new Change("v5 empty device number", "v5", "sell", "receipt.device_number", "\"\"", ValidationCodes.MinLength),
    ];

    /// <summary>Refused by both: ATOL's printed schema or its documented up-front refusals.</summary>
    public static TheoryData<Change> BothRefuse() =>
    [
        new Change("v4 negative price", "v4", "sell", "receipt.items[0].price", "-1", ValidationCodes.Minimum),
        new Change("v4 vat18 in a sell", "v4", "sell", "receipt.items[0].vat", "{\"type\":\"vat18\"}", CrossFieldRuleCodes.Vat18ForbiddenInSellBuy),
        new Change("v4 vat118 in a buy", "v4", "buy", "receipt.items[0].vat", "{\"type\":\"vat118\"}", CrossFieldRuleCodes.Vat18ForbiddenInSellBuy),
        new Change("v4 client without email and phone", "v4", "sell", "receipt.client", "{\"name\":\"Иванов\"}", CrossFieldRuleCodes.ClientContactRequired),
        new Change("v4 31 February", "v4", "sell", "timestamp", "\"31.02.2025 10:00:00\"", CrossFieldRuleCodes.CalendarDateValid),
        new Change("v4 unknown payment type", "v4", "sell", "receipt.payments[0].type", "12", ValidationCodes.Enum),
        new Change("v4 external_id over 128 characters", "v4", "sell", "external_id", "\"" + new string('x', 129) + "\"", ValidationCodes.MaxLength),
        new Change("v4 receipt without total", "v4", "sell", "receipt.total", null, ValidationCodes.Required),
        new Change("v4 price with 3 decimals", "v4", "sell", "receipt.items[0].price", "500.001", ValidationCodes.MultipleOf),
        new Change("v4 item name of the wrong type", "v4", "sell", "receipt.items[0].name", "5", ValidationCodes.Type),
        new Change("v4 correction without correction_info", "v4", "sell_correction", "correction.correction_info", null, ValidationCodes.Required),
        new Change("v5 unknown member", "v5", "sell", "receipt.items[0].measurement_unit", "\"шт\"", ValidationCodes.UnknownProperty),
        new Change("v5 vat18 (not a v5 rate)", "v5", "sell", "receipt.items[0].vat", "{\"type\":\"vat18\"}", ValidationCodes.Enum),
        new Change("v5 client INN of 3 digits", "v5", "sell", "receipt.client.inn", "\"123\"", ValidationCodes.Pattern),
        new Change("v5 quantity 0", "v5", "sell", "receipt.items[0].quantity", "0", ValidationCodes.Minimum),
        new Change("v5 company without email", "v5", "sell", "receipt.company.email", null, ValidationCodes.Required),
        new Change("v5 client without email and phone", "v5", "sell", "receipt.client", "{\"name\":\"Иванов\"}", CrossFieldRuleCodes.ClientContactRequired),
    ];

    [Theory]
    [MemberData(nameof(OnlyOurProfileRefuses))]
    public async Task Only_our_profile_refuses_and_the_emulator_registers_it(Change change)
    {
        byte[] body = Apply(change);
        var safe = SafeVerdict(change, body);
        var expected = safe.Violations.Where(v => v.Code == change.SafeCode && v.Path.StartsWith(change.Path, StringComparison.Ordinal)).ToList();
        Assert.True(expected.Count > 0, $"{change}: safe profile reported {Show(safe)}");
        Assert.All(expected, v => Assert.Equal(change.Warning ? ValidationSeverity.Warning : ValidationSeverity.Error, v.Severity));
        Assert.True(ServiceVerdict(change, body).IsValid, $"{change}: the service check refused it: {Show(ServiceVerdict(change, body))}");

        await using var atol = await StartAsync();
        using var http = Client(atol);
        var answer = await PostAsync(http, $"possystem/{change.Version}/{Group(change)}/{change.Operation}", Encoding.UTF8.GetString(body), await TokenAsync(http, change.Version));
        Assert.True(answer.Status == HttpStatusCode.OK, $"{change}: {answer.Text}");
        var document = atol.FindDocument(answer.Str("uuid"));
        Assert.NotNull(document);
    }

    [Theory]
    [MemberData(nameof(BothRefuse))]
    public async Task Both_refuse_and_the_emulator_answers_32_naming_the_path(Change change)
    {
        byte[] body = Apply(change);
        Assert.Contains(SafeVerdict(change, body).Violations, v => v.Code == change.SafeCode && v.Severity == ValidationSeverity.Error && v.Path.StartsWith(change.Path, StringComparison.Ordinal));
        var service = ServiceVerdict(change, body);
        Assert.Contains(service.Violations, v => v.Code == change.SafeCode && v.Path.StartsWith(change.Path, StringComparison.Ordinal));

        await using var atol = await StartAsync();
        using var http = Client(atol);
        var answer = await PostAsync(http, $"possystem/{change.Version}/{Group(change)}/{change.Operation}", Encoding.UTF8.GetString(body), await TokenAsync(http, change.Version));
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(32, answer.ErrorCode);
        Assert.Contains("#/" + change.Path, answer.ErrorText, StringComparison.Ordinal);
        Assert.Empty(atol.Documents);
    }

    [Fact]
    public async Task Vat18_in_a_v4_refund_is_registered_and_only_deprecated_in_our_profile()
    {
        var change = new Change("v4 vat18 in a sell_refund", "v4", "sell_refund", "receipt.items[0].vat", "{\"type\":\"vat18\"}", CrossFieldRuleCodes.Vat18Deprecated, Warning: true);
        byte[] body = Apply(change);
        var safe = SafeVerdict(change, body);
        Assert.True(safe.IsValid, Show(safe));
        Assert.Contains(safe.Violations, v => v.Code == CrossFieldRuleCodes.Vat18Deprecated && v.Severity == ValidationSeverity.Warning);

        await using var atol = await StartAsync();
        using var http = Client(atol);
        var answer = await PostAsync(http, $"possystem/v4/{V4Group}/sell_refund", Encoding.UTF8.GetString(body), await TokenAsync(http, "v4"));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Fact]
    public async Task A_duplicate_member_is_refused_by_our_profile_and_the_emulator_keeps_the_last_value()
    {
        // UNCERTAIN what ATOL does; the emulator reads like a typical .NET service: the last value wins.
        string json = V4Sell("dup-1").Replace("\"total\": 500.00", "\"total\": 1.00, \"total\": 500.00", StringComparison.Ordinal);
        var safe = AtolJson.Validate<V4.ReceiptRequest>(Encoding.UTF8.GetBytes(json), out _, ValidationProfile.Safe, "sell");
        Assert.Contains(safe.Violations, v => v.Path == "receipt.total" && v.Code == ValidationCodes.DuplicateProperty && v.Severity == ValidationSeverity.Error);

        await using var atol = await StartAsync();
        using var http = Client(atol);
        var answer = await PostAsync(http, $"possystem/v4/{V4Group}/sell", json, await TokenAsync(http, "v4"));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        atol.Clock.Advance(TimeSpan.FromSeconds(6));
        var report = await GetAsync(http, $"possystem/v4/{V4Group}/report/{answer.Str("uuid")}", await TokenAsync(http, "v4"));
        Assert.Equal("done", report.Str("status"));
        Assert.Equal(500.00m, report.Root.GetProperty("payload").GetProperty("total").GetDecimal());
    }

    private static string Show(ValidationResult result) => string.Join("; ", result.Violations);

    private static string Group(Change change) => change.Version == "v4" ? V4Group : V5Group;

    private static byte[] Apply(Change change)
    {
        string baseJson = (change.Version, change.Operation) switch
        {
            ("v4", "sell_correction") => V4Correction("profile-" + Guid.NewGuid().ToString("N")),
            ("v4", _) => V4Sell("profile-" + Guid.NewGuid().ToString("N")),
            _ => V5Sell("profile-" + Guid.NewGuid().ToString("N")),
        };
        var root = JsonNode.Parse(baseJson)!.AsObject();
        if (change.Path == "external_id" || change.Path == "timestamp" || change.Path == "service")
        {
            Set(root, change.Path, change.Value);
        }
        else
        {
            var segments = change.Path.Split('.');
            JsonNode parent = root;
            foreach (var segment in segments[..^1])
            {
                parent = Step(parent, segment)!;
            }

            Set(parent, segments[^1], change.Value);
        }

        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private static JsonNode? Step(JsonNode node, string segment)
    {
        int bracket = segment.IndexOf('[', StringComparison.Ordinal);
        if (bracket < 0)
        {
            return node[segment];
        }

        var array = node[segment[..bracket]]!;
        return array[int.Parse(segment[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)];
    }

    private static void Set(JsonNode parent, string segment, string? value)
    {
        int bracket = segment.IndexOf('[', StringComparison.Ordinal);
        if (bracket >= 0)
        {
            var array = parent[segment[..bracket]]!.AsArray();
            int index = int.Parse(segment[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
            array[index] = value is null ? null : JsonNode.Parse(value);
            return;
        }

        var obj = parent.AsObject();
        if (value is null)
        {
            obj.Remove(segment);
        }
        else
        {
            obj[segment] = value == "null" ? null : JsonNode.Parse(value);
        }
    }

    private static ValidationResult SafeVerdict(Change change, byte[] body) => Verdict(change, body, ValidationProfile.Safe);

    private static ValidationResult ServiceVerdict(Change change, byte[] body) => Verdict(change, body, ValidationProfile.Service);

    private static ValidationResult Verdict(Change change, byte[] body, ValidationProfile profile) => (change.Version, change.Operation) switch
    {
        ("v4", "sell_correction") => AtolJson.Validate<V4.CorrectionRequest>(body, out _, profile, change.Operation),
        ("v4", _) => AtolJson.Validate<V4.ReceiptRequest>(body, out _, profile, change.Operation),
        _ => AtolJson.Validate<V5.ReceiptRequest>(body, out _, profile, change.Operation),
    };
}
