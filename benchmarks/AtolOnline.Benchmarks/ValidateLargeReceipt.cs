using System.Text.Json;
using AtolOnline.Emulator;
using AtolOnline.V5;
using BenchmarkDotNet.Attributes;
using Json.Schema;
using AtolOnline.Json;

namespace AtolOnline.Benchmarks;

/// <summary>
/// Validating a valid 100-item v5 sell request: ours (the generated <c>Validate()</c>: every schema rule plus the
/// cross-field rules) against JsonSchema.Net evaluating our own schema files (copied to the output folder) on the JSON
/// of the same document, already parsed into a <see cref="JsonElement"/>, with the cheapest output format (flag).
/// </summary>
[MemoryDiagnoser]
public class ValidateLargeReceipt
{
    private static readonly EvaluationOptions FlagOnly = new() { OutputFormat = OutputFormat.Flag };
    private ReceiptRequest _document = null!;
    private JsonDocument _json = null!;
    private JsonSchema _schema = null!;

    /// <summary>Loads the schemas and checks that both validators accept the document.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _document = SampleDocuments.Sell(seed: 7, itemCount: 100);
        _json = JsonDocument.Parse(AtolJson.ToUtf8Bytes(_document));
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        string folder = Path.Combine(AppContext.BaseDirectory, "schemas", "v5");

        // common.schema.json first, so that the root's $refs resolve when it is built.
        JsonSchema.FromText(File.ReadAllText(Path.Combine(folder, "common.schema.json")), options);
        _schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(folder, "receipt-request.schema.json")), options);

        var ours = _document.Validate();
        if (!ours.IsValid)
        {
            throw new InvalidOperationException("The benchmark document is not valid for the generated validator: " + string.Join("; ", ours.Violations));
        }

        if (!JsonSchemaNet())
        {
            var detailed = _schema.Evaluate(_json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            throw new InvalidOperationException("The benchmark document is not valid for JsonSchema.Net: "
                + string.Join("; ", (detailed.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => d.InstanceLocation + ": " + string.Join(", ", d.Errors!.Values))));
        }
    }

    /// <summary>Releases the parsed document.</summary>
    [GlobalCleanup]
    public void Cleanup() => _json.Dispose();

    /// <summary>Ours: the generated validator on the record.</summary>
    [Benchmark(Baseline = true)]
    public bool Generated() => _document.Validate().IsValid;

    /// <summary>JsonSchema.Net evaluating receipt-request.schema.json on the same document's JSON.</summary>
    [Benchmark]
    public bool JsonSchemaNet() => _schema.Evaluate(_json.RootElement, FlagOnly).IsValid;
}
