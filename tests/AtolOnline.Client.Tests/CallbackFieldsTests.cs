using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AtolOnline.Protocol;

namespace AtolOnline.Client.Tests;

/// <summary>
/// Callback consistency: a callback that differs from ATOL's report in any member describing the document (one member
/// forged at a time) is inconsistent and names that member; the unchanged callback is consistent.
/// </summary>
public sealed class CallbackFieldsTests
{
    internal const string DoneV5 = """
        {"uuid":"u-cb","timestamp":"05.03.2026 14:02:11","status":"done","group_code":"group-1","external_id":"cb-1","error":null,"warnings":null,
         "callback_url":"https://shop.test/atol/cb?k=9b1d","daemon_code":"prod-agent-1","device_code":"KKT000120",
         "payload":{"fiscal_receipt_number":12,"shift_number":34,"receipt_datetime":"05.03.2026 14:02:00","total":1500.50,"fn_number":"9999078902004339",
          "ecr_registration_number":"0000000003027865","fiscal_document_number":7,"fiscal_document_attribute":3449555941,"fns_site":"www.nalog.ru",
          "ofd_inn":"7709364346","ofd_receipt_url":"https://consumer.1-ofd.ru/v1?fn=9999078902004339&fp=3449555941&i=7",
          "marks_result":[{"position":0,"mark_code":"MDEwNDYwNzQyODY3OTA5MDIxNmVKSWpvV0g1NERkVSA5MWZmZDAgOTJzejZrU1BpckFwZk1CZnR2TGJvRTFkbFdDLzU4aEV4UVVxdjdCQmtabWs0PQ==","result":15}]}}
        """;

    internal const string FailV5 = """
        {"uuid":"u-cb","timestamp":"05.03.2026 14:02:11","status":"fail","group_code":"group-1","external_id":"cb-1","warnings":null,
         "error":{"error_id":"7a1c","code":2003,"text":"ИНН, указанный в чеке не соответствует ИНН компании.","type":"agent"},
         "callback_url":"https://shop.test/atol/cb","daemon_code":"prod-agent-1","device_code":"KKT000120","payload":null}
        """;

    internal const string DoneV4 = """
        {"uuid":"u-cb","timestamp":"05.03.2026 14:02:11","status":"done","group_code":"group-4","external_id":"cb-4","error":null,"warnings":null,
         "callback_url":"https://shop.test/atol/cb","daemon_code":"prod-agent-1","device_code":"KKT000132",
         "payload":{"fiscal_receipt_number":3,"shift_number":23,"receipt_datetime":"05.03.2026 14:02:00","total":500.00,"fn_number":"9999078900001341",
          "ecr_registration_number":"0000000002001342","fiscal_document_number":116,"fiscal_document_attribute":2474475468,"fns_site":"www.nalog.ru",
          "ofd_inn":"7704211201","ofd_receipt_url":"https://consumer.1-ofd.ru/v1?fn=9999078900001341&fp=2474475468&i=116"}}
        """;

    internal const string FailV4 = """
        {"uuid":"u-cb","timestamp":"05.03.2026 14:02:11","status":"fail","group_code":"group-4","external_id":"cb-4","warnings":null,
         "error":{"error_id":"7a1c","code":16,"text":"Неверная цена (сумма)","type":"driver"},
         "callback_url":"","daemon_code":"prod-agent-1","device_code":"KKT000132","payload":null}
        """;

    private const string Remove = "<remove>";

    /// <summary>Every compared member of a report, as (base report, member path, forged JSON value, reported difference).</summary>
    public static TheoryData<string, string, string, string> ForgedV5() => new()
    {
        { "done", "uuid", "\"u-other\"", "uuid" },
        { "done", "external_id", "\"cb-2\"", "external_id" },
        { "done", "external_id", Remove, "external_id" },
        { "done", "status", "\"fail\"", "status" },
        { "done", "callback_url", "\"https://evil.test/cb\"", "callback_url" },
        { "done", "group_code", "\"group-2\"", "group_code" },
        { "done", "daemon_code", "\"prod-agent-2\"", "daemon_code" },
        { "done", "device_code", "\"KKT000121\"", "device_code" },
        { "done", "warnings", "{\"callback_url\":\"callback_url не соответствует маске\"}", "warnings" },
        { "done", "error", "{\"error_id\":\"1\",\"code\":16,\"text\":\"x\",\"type\":\"driver\"}", "error" },
        { "done", "payload", "null", "payload" },
        { "done", "payload.fiscal_receipt_number", "13", "payload.fiscal_receipt_number" },
        { "done", "payload.shift_number", "35", "payload.shift_number" },
        { "done", "payload.receipt_datetime", "\"05.03.2026 14:03:00\"", "payload.receipt_datetime" },
        { "done", "payload.total", "1500.51", "payload.total" },
        { "done", "payload.fn_number", "\"9999078902004340\"", "payload.fn_number" },
        { "done", "payload.fn_number", Remove, "payload.fn_number" },
        { "done", "payload.ecr_registration_number", "\"0000000003027866\"", "payload.ecr_registration_number" },
        { "done", "payload.fiscal_document_number", "8", "payload.fiscal_document_number" },
        { "done", "payload.fiscal_document_attribute", "3449555942", "payload.fiscal_document_attribute" },
        { "done", "payload.fiscal_document_attribute", Remove, "payload.fiscal_document_attribute" },
        { "done", "payload.fns_site", "\"www.nalog.gov.ru\"", "payload.fns_site" },
        { "done", "payload.ofd_inn", "\"7709364347\"", "payload.ofd_inn" },
        { "done", "payload.ofd_receipt_url", "\"https://evil.test/receipt\"", "payload.ofd_receipt_url" },
        { "done", "payload.marks_result", "[]", "payload.marks_result" },
        { "done", "payload.marks_result[0].result", "1", "payload.marks_result[0].result" },
        { "done", "payload.marks_result[0].position", "1", "payload.marks_result[0].position" },
        { "done", "payload.marks_result[0].mark_code", "\"MDEwNDYwNzQyODY3OTA5MDIxNmVKSWpv\"", "payload.marks_result[0].mark_code" },
        { "fail", "error.type", "\"driver\"", "error.type" },
        { "fail", "error.code", "2009", "error.code" },
        { "fail", "error.text", "\"Внутренняя ошибка сервиса.\"", "error.text" },
        { "fail", "error", "null", "error" },
        { "fail", "status", "\"done\"", "status" },
    };

    public static TheoryData<string, string, string, string> ForgedV4() => new()
    {
        { "done", "uuid", "\"u-other\"", "uuid" },
        { "done", "external_id", "\"cb-5\"", "external_id" },
        { "done", "status", "\"wait\"", "status" },
        { "done", "callback_url", "\"https://evil.test/cb\"", "callback_url" },
        { "done", "group_code", "\"group-5\"", "group_code" },
        { "done", "daemon_code", "\"prod-agent-2\"", "daemon_code" },
        { "done", "device_code", "\"KKT000133\"", "device_code" },
        { "done", "warnings", "{\"callback_url\":\"callback_url не соответствует маске\"}", "warnings" },
        { "done", "payload", "null", "payload" },
        { "done", "payload.fiscal_receipt_number", "4", "payload.fiscal_receipt_number" },
        { "done", "payload.shift_number", "24", "payload.shift_number" },
        { "done", "payload.receipt_datetime", "\"06.03.2026 14:02:00\"", "payload.receipt_datetime" },
        { "done", "payload.total", "5000.00", "payload.total" },
        { "done", "payload.fn_number", "\"9999078900001342\"", "payload.fn_number" },
        { "done", "payload.ecr_registration_number", "\"0000000002001343\"", "payload.ecr_registration_number" },
        { "done", "payload.fiscal_document_number", "117", "payload.fiscal_document_number" },
        { "done", "payload.fiscal_document_attribute", "2474475469", "payload.fiscal_document_attribute" },
        { "done", "payload.fns_site", "\"www.nalog.gov.ru\"", "payload.fns_site" },
        { "done", "payload.ofd_inn", "\"7704211202\"", "payload.ofd_inn" },
        { "done", "payload.ofd_receipt_url", "\"https://evil.test/receipt\"", "payload.ofd_receipt_url" },
        { "fail", "error.type", "\"agent\"", "error.type" },
        { "fail", "error.code", "17", "error.code" },
        { "fail", "error.text", "\"Неверное количество\"", "error.text" },
    };

    [Theory]
    [MemberData(nameof(ForgedV5))]
    public async Task A_v5_callback_with_one_forged_member_is_inconsistent_and_names_it(string report, string path, string value, string difference)
    {
        var verified = await VerifyAsync(AtolProtocolVersion.V5, report == "done" ? DoneV5 : FailV5, path, value);
        Assert.False(verified.IsConsistent);
        Assert.Equal([difference], verified.Differences);
    }

    [Theory]
    [MemberData(nameof(ForgedV4))]
    public async Task A_v4_callback_with_one_forged_member_is_inconsistent_and_names_it(string report, string path, string value, string difference)
    {
        var verified = await VerifyAsync(AtolProtocolVersion.V4, report == "done" ? DoneV4 : FailV4, path, value);
        Assert.False(verified.IsConsistent);
        Assert.Equal([difference], verified.Differences);
    }

    [Theory]
    [InlineData("v5", "done")]
    [InlineData("v5", "fail")]
    [InlineData("v4", "done")]
    [InlineData("v4", "fail")]
    public async Task The_unchanged_callback_is_consistent(string version, string report)
    {
        string body = (version, report) switch
        {
            ("v5", "done") => DoneV5,
            ("v5", _) => FailV5,
            (_, "done") => DoneV4,
            _ => FailV4,
        };
        var verified = await VerifyAsync(version == "v5" ? AtolProtocolVersion.V5 : AtolProtocolVersion.V4, body, null, null);
        Assert.True(verified.IsConsistent);
        Assert.Empty(verified.Differences);
        Assert.Equal(verified.Claimed.FiscalDocumentAttribute, verified.Confirmed.FiscalDocumentAttribute);
    }

    [Theory]
    [InlineData("timestamp", "\"05.03.2026 14:09:59\"")]
    [InlineData("error.error_id", "\"another-id\"")]
    [InlineData("payload.total", "1500.5000")]
    public async Task Members_that_are_not_compared_or_equal_in_value_keep_a_callback_consistent(string path, string value)
    {
        var verified = await VerifyAsync(AtolProtocolVersion.V5, path.StartsWith("error", StringComparison.Ordinal) ? FailV5 : DoneV5, path, value);
        Assert.True(verified.IsConsistent, string.Join(", ", verified.Differences));
    }

    private static async Task<AtolCallbackVerification> VerifyAsync(AtolProtocolVersion version, string report, string? path, string? value)
    {
        var atol = new ScriptedAtol(new FakeClock()) { Report = (_, _) => ScriptedAtol.Json(HttpStatusCode.OK, report) };
        string callback = path is null ? report : Forge(report, path, value!);
        var client = atol.Client(version: version);
        var verified = await client.VerifyCallbackAsync(Encoding.UTF8.GetBytes(callback), Fixtures.Ct);
        Assert.Single(atol.TimesOf("report"));
        Assert.Equal(version, verified.Confirmed.ProtocolVersion);
        return verified;
    }

    /// <summary>Sets (or removes) the member at a dotted path like <c>payload.marks_result[0].result</c>.</summary>
    private static string Forge(string json, string path, string value)
    {
        var root = JsonNode.Parse(json)!;
        string[] steps = path.Split('.');
        JsonNode parent = root;
        for (int i = 0; i < steps.Length - 1; i++)
        {
            parent = Step(parent, steps[i]);
        }

        var target = parent.AsObject();
        string last = steps[^1];
        Assert.True(target.ContainsKey(last), $"{path} is not in the report: the test would forge nothing");
        if (value == Remove)
        {
            target.Remove(last);
        }
        else
        {
            string before = target[last]?.ToJsonString() ?? "null";
            Assert.NotEqual(before, value);
            target[last] = JsonNode.Parse(value);
        }

        return root.ToJsonString();
    }

    private static JsonNode Step(JsonNode node, string step)
    {
        int bracket = step.IndexOf('[', StringComparison.Ordinal);
        if (bracket < 0)
        {
            return node[step]!;
        }

        int index = int.Parse(step[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
        return node[step[..bracket]]![index]!;
    }
}
