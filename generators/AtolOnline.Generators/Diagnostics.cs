using Microsoft.CodeAnalysis;

namespace AtolOnline.Generators;

/// <summary>A diagnostic id as the parser records it (no Roslyn objects in models).</summary>
internal sealed record DiagnosticDescriptorInfo(string Id);

/// <summary>The generator's diagnostics. Ids are stable; see AnalyzerReleases.Unshipped.md.</summary>
internal static class Diagnostics
{
    private const string Category = "AtolOnline.Generators";

    public static readonly DiagnosticDescriptorInfo InvalidJson = new DiagnosticDescriptorInfo("ATOLGEN001");
    public static readonly DiagnosticDescriptorInfo Unsupported = new DiagnosticDescriptorInfo("ATOLGEN002");
    public static readonly DiagnosticDescriptorInfo BadRef = new DiagnosticDescriptorInfo("ATOLGEN003");
    public static readonly DiagnosticDescriptorInfo NameClash = new DiagnosticDescriptorInfo("ATOLGEN004");
    public static readonly DiagnosticDescriptorInfo MissingName = new DiagnosticDescriptorInfo("ATOLGEN005");
    public static readonly DiagnosticDescriptorInfo InvalidValue = new DiagnosticDescriptorInfo("ATOLGEN006");
    public static readonly DiagnosticDescriptorInfo MissingDescription = new DiagnosticDescriptorInfo("ATOLGEN007");

    private static readonly DiagnosticDescriptor InvalidJsonDescriptor = new DiagnosticDescriptor("ATOLGEN001", "Schema file is not valid JSON", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    private static readonly DiagnosticDescriptor UnsupportedDescriptor = new DiagnosticDescriptor("ATOLGEN002", "Unsupported schema construct", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    private static readonly DiagnosticDescriptor BadRefDescriptor = new DiagnosticDescriptor("ATOLGEN003", "Unresolvable $ref", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    private static readonly DiagnosticDescriptor NameClashDescriptor = new DiagnosticDescriptor("ATOLGEN004", "Name clash", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    private static readonly DiagnosticDescriptor MissingNameDescriptor = new DiagnosticDescriptor("ATOLGEN005", "C# name needed", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    private static readonly DiagnosticDescriptor InvalidValueDescriptor = new DiagnosticDescriptor("ATOLGEN006", "Invalid keyword value", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    private static readonly DiagnosticDescriptor MissingDescriptionDescriptor = new DiagnosticDescriptor("ATOLGEN007", "Property without description", "{0}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static DiagnosticDescriptor ToDescriptor(string id) => id switch
    {
        "ATOLGEN001" => InvalidJsonDescriptor,
        "ATOLGEN002" => UnsupportedDescriptor,
        "ATOLGEN003" => BadRefDescriptor,
        "ATOLGEN004" => NameClashDescriptor,
        "ATOLGEN005" => MissingNameDescriptor,
        "ATOLGEN006" => InvalidValueDescriptor,
        _ => MissingDescriptionDescriptor,
    };
}
