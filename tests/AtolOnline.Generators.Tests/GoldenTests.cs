using System.Runtime.CompilerServices;

namespace AtolOnline.Generators.Tests;

/// <summary>
/// Golden output for small schemas. To accept a deliberate change of the emitted code, run the tests once with
/// ATOL_UPDATE_GOLDEN=1 and review the diff of <c>Golden/</c>.
/// </summary>
public sealed class GoldenTests
{
    internal const string WidgetSchema = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "https://schemas.atolonline.core/demo/widget.schema.json",
          "type": "object",
          "x-csharp-name": "Widget",
          "description": "A small record used by the generator's golden tests.",
          "properties": {
            "name": { "type": "string", "description": "Name.", "x-ffd-tag": 1030, "minLength": 1, "maxLength": 8, "pattern": "^[a-z]+$" },
            "price": { "type": "number", "description": "Price.", "minimum": 0, "maximum": 100, "multipleOf": 0.01 },
            "count": { "type": "integer", "description": "Count.", "minimum": 1 },
            "color": { "$ref": "#/$defs/Color", "description": "Color." },
            "tags": { "type": "array", "description": "Tags.", "items": { "type": "string", "maxLength": 3 }, "maxItems": 2 },
            "secret": { "type": "string", "description": "Never printed.", "x-secret": true }
          },
          "required": ["name", "price"],
          "additionalProperties": false,
          "$defs": {
            "Color": { "type": "string", "description": "A color.", "enum": ["red", "dark_blue"] }
          }
        }
        """;

    public static TheoryData<string> GoldenFiles => new() { "AtolOnline.Demo.Widget.g.cs", "AtolOnline.Demo.Color.g.cs", "AtolOnline.Demo.AtolDemoJsonContext.g.cs" };

    [Theory]
    [MemberData(nameof(GoldenFiles))]
    public void Generated_source_matches_golden_file(string hintName)
    {
        var (result, _, errors) = GeneratorHarness.Run(("/repo/schemas/demo/widget.schema.json", WidgetSchema));
        Assert.Empty(result.Diagnostics);
        Assert.Empty(errors);
        var source = result.Results.Single().GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();
        string goldenPath = Path.Combine(SourceDirectory(), "Golden", hintName + ".txt");
        if (Environment.GetEnvironmentVariable("ATOL_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(goldenPath, source);
        }

        Assert.Equal(File.ReadAllText(goldenPath).ReplaceLineEndings("\n"), source.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Repository_schemas_generate_without_diagnostics_and_compile()
    {
        var (result, output, errors) = GeneratorHarness.Run(GeneratorHarness.RepositorySchemas());
        Assert.Empty(result.Diagnostics);
        Assert.Empty(errors);
        foreach (var name in new[] { "AtolOnline.V4.ReceiptRequest", "AtolOnline.V4.CorrectionRequest", "AtolOnline.V5.ReceiptRequest", "AtolOnline.V5.CorrectionRequest", "AtolOnline.V5.ReportResponse", "AtolOnline.Monitoring.CashRegister" })
        {
            Assert.NotNull(output.GetTypeByMetadataName(name));
        }
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
