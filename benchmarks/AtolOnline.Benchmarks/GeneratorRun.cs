using System.Collections.Immutable;
using AtolOnline.Generators;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using AtolOnline.Json;

namespace AtolOnline.Benchmarks;

/// <summary>
/// One cold run of <see cref="SchemaGenerator"/> over every schema file of the repository (v4, v5, monitoring) through
/// <see cref="CSharpGeneratorDriver"/>: a new driver, new additional texts and no incremental state per call, as in a
/// clean build. The input compilation is empty apart from its references.
/// </summary>
[MemoryDiagnoser]
public class GeneratorRun
{
    private (string Path, string Text)[] _schemas = null!;
    private CSharpCompilation _compilation = null!;

    /// <summary>Reads the schemas and checks that a run generates sources without diagnostics.</summary>
    [GlobalSetup]
    public void Setup()
    {
        string root = Path.Combine(AppContext.BaseDirectory, "schemas");
        _schemas = [.. Directory.GetFiles(root, "*.schema.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(p => (p.Replace('\\', '/'), File.ReadAllText(p)))];
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = trusted
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(AtolJson).Assembly.Location));
        _compilation = CSharpCompilation.Create(
            "AtolOnline.GeneratorBenchmark",
            [],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var result = Run();
        if (_schemas.Length == 0 || result.GeneratedTrees.Length == 0 || result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            throw new InvalidOperationException($"GeneratorRun: {_schemas.Length} schemas, {result.GeneratedTrees.Length} generated files, diagnostics: {string.Join("; ", result.Diagnostics)}");
        }
    }

    /// <summary>One cold generator run; returns the number of generated files.</summary>
    [Benchmark]
    public int ColdRun() => Run().GeneratedTrees.Length;

    private GeneratorDriverRunResult Run()
    {
        ImmutableArray<AdditionalText> texts = [.. _schemas.Select(s => (AdditionalText)new SchemaText(s.Path, s.Text))];
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new SchemaGenerator().AsSourceGenerator()], additionalTexts: texts);
        return driver.RunGenerators(_compilation).GetRunResult();
    }

    private sealed class SchemaText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
