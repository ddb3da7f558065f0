using System.Buffers;
using System.Text.Json;
using AtolOnline.Benchmarks.Baselines;
using AtolOnline.Benchmarks.Infrastructure;
using AtolOnline.V5;
using BenchmarkDotNet.Attributes;
using AtolOnline.Json;

namespace AtolOnline.Benchmarks;

/// <summary>
/// The bytes of a final v5 report (GET report/{uuid}: status done, fiscal payload, null error and warnings, the member
/// order of the emulator, which follows a report captured from ATOL's test environment) read into the typed result.
/// </summary>
[MemoryDiagnoser]
public class ParseReport
{
    private byte[] _report = null!;

    /// <summary>Builds the report bytes and checks that all methods read the same result.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _report = BuildReport();
        var generated = Generated();
        var reflection = StjReflection();
        if (!generated.Equals(reflection))
        {
            throw new InvalidOperationException("ParseReport: StjReflection does not read the same report as Generated.");
        }

        var generatedJson = AtolJson.ToUtf8Bytes(generated);
        var newtonsoftJson = new ArrayBufferWriter<byte>();
        using (var text = new StreamWriter(new BufferWriterStream(newtonsoftJson), Fixtures.Utf8NoBom))
        {
            Fixtures.NewtonsoftSerializer.Serialize(text, Newtonsoft());
        }

        Equivalence.Check(nameof(ParseReport), (nameof(Generated), generatedJson), (nameof(Newtonsoft), newtonsoftJson.WrittenSpan.ToArray()));
        if (generated.Payload?.FiscalDocumentAttribute is null || generated.Status != DocumentStatus.Done)
        {
            throw new InvalidOperationException("ParseReport: the report was not read completely.");
        }
    }

    /// <summary>Ours: <see cref="AtolJson.Parse{T}(ReadOnlySpan{byte})"/>.</summary>
    [Benchmark(Baseline = true)]
    public ReportResponse Generated() => AtolJson.Parse<ReportResponse>(_report);

    /// <summary>System.Text.Json, reflection metadata over the same records.</summary>
    [Benchmark]
    public ReportResponse StjReflection() => JsonSerializer.Deserialize<ReportResponse>(_report, Fixtures.StjReflectionOptions)!;

    /// <summary>Newtonsoft.Json into the plain twin classes, streaming from the bytes.</summary>
    [Benchmark]
    public NsReportResponse Newtonsoft()
    {
        using var text = new StreamReader(new MemoryStream(_report, writable: false), Fixtures.Utf8NoBom);
        using var json = new global::Newtonsoft.Json.JsonTextReader(text);
        return Fixtures.NewtonsoftSerializer.Deserialize<NsReportResponse>(json)!;
    }

    private static byte[] BuildReport()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, AtolJson.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("callback_url", "");
            w.WriteString("daemon_code", "prod-agent-1");
            w.WriteString("device_code", "KSR13.11-3-1");
            w.WriteNull("warnings");
            w.WriteNull("error");
            w.WriteString("external_id", "demo-7");
            w.WriteString("group_code", "v5-online-atol-ru_5179");
            w.WritePropertyName("payload");
            w.WriteStartObject();
            w.WriteNumber("total", 1234567.89m);
            w.WriteString("fns_site", "www.nalog.ru");
            w.WriteString("fn_number", "9999078902004512");
            w.WriteNumber("shift_number", 112);
            w.WriteString("receipt_datetime", "28.11.2026 12:00:01");
            w.WriteNumber("fiscal_receipt_number", 3);
            w.WriteNumber("fiscal_document_number", 1562);
            w.WriteString("ecr_registration_number", "0000000001002292");
            w.WriteNumber("fiscal_document_attribute", 3449555941L);
            w.WriteString("ofd_inn", "7709364346");
            w.WriteString("ofd_receipt_url", "https://consumer.1-ofd-test.ru/v1?fn=9999078902004512&i=1562&fp=3449555941");
            w.WriteEndObject();
            w.WriteString("status", "done");
            w.WriteString("uuid", "5f9a6d1e-6a1b-4c3e-9b9e-2a7b0c1d2e3f");
            w.WriteString("timestamp", "28.11.2026 12:00:02");
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
