using System.Text.Json.Nodes;

namespace AtolOnline.Core.Tests.SchemaDriven;

/// <summary>The schema files of one folder (as shipped in <c>schemas/</c>), with <c>$ref</c> resolution.</summary>
internal sealed class SchemaSet
{
    private readonly Dictionary<string, JsonObject> _files = new(StringComparer.Ordinal);

    private SchemaSet(string folder)
    {
        Folder = folder;
        foreach (var path in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "schemas", folder), "*.schema.json"))
        {
            _files[Path.GetFileName(path)] = (JsonObject)JsonNode.Parse(File.ReadAllText(path))!;
        }
    }

    public string Folder { get; }

    public IReadOnlyDictionary<string, JsonObject> Files => _files;

    private static readonly Dictionary<string, SchemaSet> Cache = new(StringComparer.Ordinal);

    public static SchemaSet Load(string folder)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(folder, out var set))
            {
                Cache[folder] = set = new SchemaSet(folder);
            }

            return set;
        }
    }

    public JsonObject Root(string file) => _files[file];

    /// <summary>Follows <c>$ref</c>s; returns the schema and the file it lives in.</summary>
    public (JsonObject Schema, string File) Resolve(JsonObject schema, string file)
    {
        while (schema["$ref"] is JsonValue reference)
        {
            string text = reference.GetValue<string>();
            int hash = text.IndexOf('#', StringComparison.Ordinal);
            string target = hash < 0 ? text : text[..hash];
            if (target.Length > 0)
            {
                file = target;
            }

            var root = _files[file];
            schema = hash < 0 || hash == text.Length - 1 ? root : (JsonObject)root["$defs"]![text[(hash + "#/$defs/".Length)..]]!;
        }

        return (schema, file);
    }
}
