using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AtolOnline.Generators.Emit;
using AtolOnline.Generators.Model;
using AtolOnline.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AtolOnline.Generators;

/// <summary>
/// Reads <c>schemas/&lt;folder&gt;/*.schema.json</c> (AdditionalFiles) and emits records, enums, validators, JSON readers
/// and writers, and a serializer context per folder. Pipeline: files -> folder models (equatable) -> sources.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SchemaGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps (used by the incremental-caching tests).</summary>
    public static class Steps
    {
        /// <summary>Schema files read from AdditionalFiles.</summary>
        public const string Files = "SchemaFiles";

        /// <summary>Files grouped by folder and parsed into models.</summary>
        public const string Models = "FolderModels";

        /// <summary>One model per emitted type.</summary>
        public const string Types = "TypeModels";
    }

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var files = context.AdditionalTextsProvider
            .Where(static f => f.Path.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase))
            .Select(static (f, ct) =>
            {
                string path = f.Path.Replace('\\', '/');
                string folder = Path.GetFileName(Path.GetDirectoryName(path) ?? "") ?? "";
                return new SchemaFile(path, folder, Path.GetFileName(path), f.GetText(ct)?.ToString() ?? "");
            })
            .WithTrackingName(Steps.Files);

        var folders = files.Collect()
            .SelectMany(static (all, _) => all
                .GroupBy(f => f.Folder, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => SchemaParser.Parse(g.Key, g)))
            .WithTrackingName(Steps.Models);

        context.RegisterSourceOutput(folders, static (spc, folder) =>
        {
            foreach (var d in folder.Diagnostics)
            {
                var location = Location.Create(d.FilePath, new TextSpan(d.Start, d.Length),
                    new LinePositionSpan(new LinePosition(d.Line, d.Column), new LinePosition(d.EndLine, d.EndColumn)));
                spc.ReportDiagnostic(Diagnostic.Create(Diagnostics.ToDescriptor(d.Id), location, d.Message));
            }

            if (folder.Diagnostics.Count == 0 && folder.Types.Any(t => t.Kind == TypeModelKind.Record))
            {
                spc.AddSource(folder.Namespace + "." + ContextEmitter.ContextName(folder.Namespace) + ".g.cs", ContextEmitter.Emit(folder));
            }
        });

        // Types are emitted only from a folder without errors, so a broken schema never yields half a model.
        var types = folders
            .SelectMany(static (folder, _) => folder.Diagnostics.Count == 0 ? (IEnumerable<TypeModel>)folder.Types : Array.Empty<TypeModel>())
            .WithTrackingName(Steps.Types);

        context.RegisterSourceOutput(types, static (spc, type) =>
        {
            string source = type.Kind == TypeModelKind.Enum ? EnumEmitter.Emit(type) : RecordEmitter.Emit(type);
            spc.AddSource(type.Namespace + "." + type.Name + ".g.cs", source);
        });
    }
}
