using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace AtolOnline.Generators.Tests;

/// <summary>
/// Golden output of the generator for the schemas in <c>GoldenSchemas/demo</c>, which use every keyword and annotation the
/// generator supports. The test only compares: on a difference it writes what it got to
/// <c>artifacts/golden-received/</c> and fails. Accepting a deliberate change is a separate command,
/// <c>tests/update-golden</c>, whose result is reviewed in the diff of <c>Golden/</c>.
/// </summary>
public sealed class GoldenTests
{
    private const string SchemaFolder = "/repo/schemas/demo/";

    /// <summary>The golden schemas, as the generator sees them in a project's <c>schemas/demo</c> folder.</summary>
    internal static (string Path, string Text)[] GoldenSchemas() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "GoldenSchemas", "demo"), "*.schema.json")
            .Order(StringComparer.Ordinal)
            .Select(p => (SchemaFolder + Path.GetFileName(p), File.ReadAllText(p)))
            .ToArray();

    [Fact]
    public void Generated_sources_match_the_golden_files()
    {
        var (result, _, errors) = GeneratorHarness.Run(GoldenSchemas());
        Assert.Empty(result.Diagnostics);
        Assert.Empty(errors);
        var generated = result.Results.Single().GeneratedSources
            .ToDictionary(s => s.HintName + ".txt", s => s.SourceText.ToString().ReplaceLineEndings("\n"), StringComparer.Ordinal);
        string goldenDirectory = Path.Combine(SourceDirectory(), "Golden");
        var golden = (Directory.Exists(goldenDirectory) ? Directory.GetFiles(goldenDirectory, "*.txt") : [])
            .ToDictionary(p => Path.GetFileName(p), p => File.ReadAllText(p).ReplaceLineEndings("\n"), StringComparer.Ordinal);

        var differences = generated.Keys.Union(golden.Keys).Order(StringComparer.Ordinal)
            .Where(name => !golden.TryGetValue(name, out var expected) || !generated.TryGetValue(name, out var actual) || expected != actual)
            .Select(name => name + (!golden.ContainsKey(name) ? " (new)" : !generated.ContainsKey(name) ? " (no longer generated)" : " (changed)"))
            .ToList();
        if (differences.Count > 0)
        {
            string received = WriteReceived(generated);
            Assert.Fail($"Generated sources differ from Golden/: {string.Join(", ", differences)}. What the generator wrote is in {received}; "
                + "if the change is intended, run tests/update-golden and review the diff.");
        }

        Assert.Equal(12, generated.Count); // 8 records, 4 enums: a type that silently stops being generated is a difference too
    }

    /// <summary>The golden schemas use every keyword and annotation the parser accepts, so each one's output is pinned.</summary>
    [Fact]
    public void Golden_schemas_use_every_supported_keyword()
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, text) in GoldenSchemas())
        {
            Collect(JsonNode.Parse(text)!, used);
        }

        var supported = SupportedKeywords();
        Assert.True(supported.Count > 20, "the parser's keyword lists were not found");
        Assert.Empty(supported.Except(used).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Repository_schemas_generate_without_diagnostics_and_compile()
    {
        var (result, output, errors) = GeneratorHarness.Run(GeneratorHarness.RepositorySchemas());
        Assert.Empty(result.Diagnostics);
        Assert.Empty(errors);
        foreach (var (name, property) in new[]
        {
            ("AtolOnline.V4.ReceiptRequest", "Receipt"), ("AtolOnline.V4.CorrectionRequest", "Correction"), ("AtolOnline.V5.ReceiptRequest", "Receipt"),
            ("AtolOnline.V5.CorrectionRequest", "Correction"), ("AtolOnline.V5.ReportResponse", "Payload"), ("AtolOnline.Monitoring.CashRegister", "SerialNumber"),
        })
        {
            var type = output.GetTypeByMetadataName(name);
            Assert.True(type is not null, name + " was not generated");
            Assert.Contains(type.GetMembers(property), m => m.Kind == Microsoft.CodeAnalysis.SymbolKind.Property);
            Assert.Contains(type.AllInterfaces, i => i.Name == "IAtolJsonModel");
        }
    }

    /// <summary>Keywords by type plus annotations, read from the parser itself so that a new keyword cannot be forgotten here.</summary>
    private static HashSet<string> SupportedKeywords()
    {
        var parser = typeof(SchemaGenerator).Assembly.GetType("AtolOnline.Generators.Parsing.SchemaParser", throwOnError: true)!;
        const System.Reflection.BindingFlags Static = System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static;
        var byType = (Dictionary<string, string[]>)parser.GetField("KeywordsByType", Static)!.GetValue(null)!;
        var annotations = (HashSet<string>)parser.GetField("Annotations", Static)!.GetValue(null)!;
        var all = new HashSet<string>(byType.Values.SelectMany(k => k), StringComparer.Ordinal);
        all.UnionWith(annotations.Where(a => a is not ("title" or "$comment" or "examples" or "x-source"))); // documentation only: no output
        return all;
    }

    private static void Collect(JsonNode node, HashSet<string> used)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                used.Add(key);
                if (key is "properties" or "$defs" or "dependentRequired")
                {
                    foreach (var (_, child) in value!.AsObject())
                    {
                        if (key != "dependentRequired")
                        {
                            Collect(child!, used);
                        }
                    }
                }
                else if (value is JsonObject)
                {
                    Collect(value, used);
                }
            }
        }
    }

    private static string WriteReceived(Dictionary<string, string> generated)
    {
        string directory = Path.Combine(SourceDirectory(), "..", "..", "artifacts", "golden-received");
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        foreach (var (name, text) in generated)
        {
            File.WriteAllText(Path.Combine(directory, name), text);
        }

        return Path.GetFullPath(directory);
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
