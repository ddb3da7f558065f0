using System.Collections.Immutable;
using AtolOnline.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace AtolOnline.Generators.Tests;

/// <summary>An additional file given to the generator in a test.</summary>
internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

/// <summary>Runs <see cref="SchemaGenerator"/> through <see cref="CSharpGeneratorDriver"/> over in-memory schemas.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var refs = trusted.Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
        refs.Add(MetadataReference.CreateFromFile(typeof(AtolOnline.Json.AtolJson).Assembly.Location));
        return [.. refs];
    });

    public static CSharpCompilation NewCompilation() =>
        CSharpCompilation.Create(
            "AtolOnline.GeneratorTestCompilation",
            [],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> files) =>
        CSharpGeneratorDriver.Create(
            [new SchemaGenerator().AsSourceGenerator()],
            additionalTexts: files,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static (GeneratorDriverRunResult Result, Compilation Output, ImmutableArray<Diagnostic> CompileDiagnostics) Run(params (string Path, string Text)[] files)
    {
        var driver = CreateDriver(files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)));
        driver = driver.RunGeneratorsAndUpdateCompilation(NewCompilation(), out var output, out _);
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        return (driver.GetRunResult(), output, errors);
    }

    /// <summary>Every schema file of the repository (copied beside the test assembly).</summary>
    public static (string Path, string Text)[] RepositorySchemas() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "schemas"), "*.schema.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(p => (p.Replace('\\', '/'), File.ReadAllText(p)))
            .ToArray();
}
