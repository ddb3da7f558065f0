using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace AtolOnline.Generators.Tests;

/// <summary>
/// The decision log <c>schemas/DECISIONS.md</c> is the one place where decisions and source ids are defined: every
/// "decision N" in the repository points at one of its entries, every source id an <c>x-source</c> cites is in its
/// Sources table, and no text that becomes a public XML doc (schema descriptions, <c>///</c> comments, the built
/// documentation files) cites a source id or a decision, because a NuGet user cannot follow either.
/// </summary>
public sealed partial class DecisionLogTests
{
    /// <summary>Ordinary abbreviations an <c>x-source</c> may contain that are not source ids.</summary>
    private static readonly HashSet<string> NotSourceIds = new(StringComparer.Ordinal) { "ATOL", "PDF", "FFD", "INN", "NOTES", "EAN-13", "GS1", "OFD", "FN" };

    private static readonly string[] ScannedExtensions = [".md", ".cs", ".json", ".props", ".csproj", ".txt"];

    [Fact]
    public void Log_entries_are_numbered_once_in_order_and_each_has_gap_choice_reasoning_and_sources()
    {
        string log = File.ReadAllText(LogPath());
        var anchors = AnchorRegex().Matches(log).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        var headings = HeadingRegex().Matches(log).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();

        Assert.True(anchors.Count >= 26, "the log lost entries of the original 26 decisions");
        Assert.Equal(Enumerable.Range(1, anchors.Count), anchors);
        Assert.Equal(anchors, headings);
        foreach (var (number, body) in Entries(log))
        {
            foreach (string part in new[] { "**Gap.**", "**Choice.**", "**Why.**", "**Sources.**" })
            {
                Assert.True(body.Contains(part, StringComparison.Ordinal), $"decision {number} has no {part} part");
            }
        }
    }

    [Fact]
    public void Every_decision_reference_in_the_repository_points_at_an_entry_of_the_log()
    {
        var entries = Entries(File.ReadAllText(LogPath())).Select(e => e.Number).ToHashSet();
        var broken = new List<string>();
        int references = 0;
        foreach (var (file, lineNumber, line) in RepositoryLines())
        {
            foreach (Match match in DecisionReferenceRegex().Matches(line))
            {
                foreach (Match number in NumberRegex().Matches(match.Value))
                {
                    references++;
                    if (!entries.Contains(int.Parse(number.Value, CultureInfo.InvariantCulture)))
                    {
                        broken.Add($"{file}:{lineNumber}: {match.Value}");
                    }
                }
            }

            foreach (Match anchor in LogAnchorLinkRegex().Matches(line))
            {
                references++;
                string target = anchor.Groups[1].Value;
                bool known = target == "sources"
                    || (target.StartsWith("decision-", StringComparison.Ordinal)
                        && int.TryParse(target["decision-".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && entries.Contains(n));
                if (!known)
                {
                    broken.Add($"{file}:{lineNumber}: DECISIONS.md#{target}");
                }
            }
        }

        Assert.True(references > 100, $"only {references} decision references found: is the repository root right?");
        Assert.Empty(broken);
    }

    [Fact]
    public void Every_source_id_an_x_source_cites_is_defined_in_the_log()
    {
        var defined = SourceIds();
        var undefined = new SortedSet<string>(StringComparer.Ordinal);
        int annotations = 0;
        foreach (var (file, node) in SchemaNodes())
        {
            if (node["x-source"] is JsonValue value)
            {
                annotations++;
                foreach (Match id in UpperCaseTokenRegex().Matches(value.GetValue<string>()))
                {
                    if (!defined.Contains(id.Value) && !NotSourceIds.Contains(id.Value))
                    {
                        undefined.Add(id.Value + " (" + file + ")");
                    }
                }
            }
        }

        Assert.True(annotations > 200, $"only {annotations} x-source annotations found");
        Assert.Empty(undefined);
    }

    [Fact]
    public void Schema_descriptions_cite_no_source_id_page_or_decision()
    {
        var citation = CitationRegex();
        var offending = new List<string>();
        int texts = 0;
        foreach (var (file, node) in SchemaNodes())
        {
            var documentation = new List<string?> { Text(node["description"]), Text(node["title"]) };
            if (node["x-enum-descriptions"] is JsonArray enumTexts)
            {
                documentation.AddRange(enumTexts.Select(Text));
            }

            foreach (string text in documentation.OfType<string>())
            {
                texts++;
                if (citation.IsMatch(text) || PageRegex().IsMatch(text))
                {
                    offending.Add(file + ": " + text);
                }
            }
        }

        Assert.True(texts > 500, $"only {texts} schema texts found");
        Assert.Empty(offending);
    }

    [Fact]
    public void Hand_written_xml_docs_in_src_cite_no_source_id_or_decision()
    {
        var citation = CitationRegex();
        var offending = new List<string>();
        int docLines = 0;
        foreach (var (file, lineNumber, line) in RepositoryLines().Where(l => l.File.StartsWith("src/", StringComparison.Ordinal) && l.File.EndsWith(".cs", StringComparison.Ordinal)))
        {
            if (line.TrimStart().StartsWith("///", StringComparison.Ordinal))
            {
                docLines++;
                if (citation.IsMatch(line))
                {
                    offending.Add($"{file}:{lineNumber}: {line.Trim()}");
                }
            }
        }

        Assert.True(docLines > 500, $"only {docLines} XML doc lines found in src/");
        Assert.Empty(offending);
    }

    [Fact]
    public void Built_xml_documentation_of_the_libraries_cites_no_source_id_or_decision()
    {
        var citation = CitationRegex();
        var files = Directory.GetFiles(AppContext.BaseDirectory, "AtolOnline.*.xml")
            .Where(f => File.Exists(Path.ChangeExtension(f, ".dll")) && !Path.GetFileName(f).Contains(".Tests", StringComparison.Ordinal))
            .ToList();
        Assert.Contains(files, f => Path.GetFileName(f) == "AtolOnline.Core.xml");

        var offending = new List<string>();
        int members = 0;
        foreach (string file in files)
        {
            foreach (var member in XDocument.Load(file).Descendants("member"))
            {
                members++;
                string text = string.Join(" ", member.DescendantNodes().OfType<XText>().Select(t => t.Value));
                if (citation.IsMatch(text))
                {
                    offending.Add(Path.GetFileName(file) + " " + member.Attribute("name")?.Value + ": " + text.Trim());
                }
            }
        }

        Assert.True(members > 1000, $"only {members} documented members found");
        Assert.Empty(offending);
    }

    [Fact]
    public void The_citation_check_recognises_source_ids_and_decisions_but_not_ordinary_text()
    {
        var citation = CitationRegex();
        Assert.Matches(citation, "At most 128 characters (V4DOC p.22).");
        Assert.Matches(citation, "Newer than the document, from ILI.");
        Assert.Matches(citation, "Send only when set (decision 12).");
        Assert.Matches(citation, "See Decisions 1 and 2.");
        Assert.DoesNotMatch(citation, "Item name, 1 to 128 characters, FFD tag 1030; INN of 10 or 12 digits.");
        Assert.DoesNotMatch(citation, "Added in v4 document 5.18; the register decides.");
    }

    private static Regex CitationRegex()
    {
        string ids = string.Join("|", SourceIds().OrderByDescending(i => i.Length).Select(Regex.Escape));
        return new Regex(@"\b(?:" + ids + @")\b|\b[Dd]ecisions? [0-9]+", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    /// <summary>The ids of the log's Sources table, including the aliases it names ("Also written AXE").</summary>
    private static HashSet<string> SourceIds()
    {
        string log = File.ReadAllText(LogPath());
        string sources = log[log.IndexOf("\n## Sources", StringComparison.Ordinal)..];
        var ids = SourceRowRegex().Matches(sources).Select(m => m.Groups[1].Value).Where(id => id != "id").ToHashSet(StringComparer.Ordinal);
        ids.UnionWith(AliasRegex().Matches(sources).Select(m => m.Groups[1].Value));
        Assert.True(ids.Count >= 10 && ids.Contains("V4DOC") && ids.Contains("V5DOC") && ids.Contains("N523"), "the Sources table was not found");
        return ids;
    }

    private static List<(int Number, string Body)> Entries(string log)
    {
        var anchors = AnchorRegex().Matches(log).ToList();
        int sources = log.IndexOf("\n## Sources", StringComparison.Ordinal);
        return anchors.Select((m, i) =>
        {
            int end = i + 1 < anchors.Count ? anchors[i + 1].Index : sources;
            return (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), log[m.Index..end]);
        }).ToList();
    }

    private static IEnumerable<(string File, JsonObject Node)> SchemaNodes()
    {
        foreach (string path in Directory.GetFiles(Path.Combine(RepositoryRoot(), "schemas"), "*.schema.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string file = Path.GetRelativePath(RepositoryRoot(), path).Replace('\\', '/');
            var stack = new Stack<JsonNode?>([JsonNode.Parse(File.ReadAllText(path))]);
            while (stack.Count > 0)
            {
                switch (stack.Pop())
                {
                    case JsonObject obj:
                        yield return (file, obj);
                        foreach (var (key, child) in obj)
                        {
                            // "properties" and "$defs" map names to schemas; a property named "description" is a schema, not a text.
                            if (key is "properties" or "$defs" && child is JsonObject named)
                            {
                                foreach (var (_, schema) in named)
                                {
                                    stack.Push(schema);
                                }
                            }
                            else if (key is not ("description" or "title" or "x-enum-descriptions" or "x-source" or "enum" or "x-enum-names"))
                            {
                                stack.Push(child);
                            }
                        }

                        break;
                    case JsonArray array:
                        foreach (var item in array)
                        {
                            stack.Push(item);
                        }

                        break;
                }
            }
        }
    }

    private static IEnumerable<(string File, int Line, string Text)> RepositoryLines()
    {
        string root = RepositoryRoot();
        foreach (string path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string file = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (!ScannedExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase)
                || file.Split('/').Any(part => part is "bin" or "obj" or ".git" or "artifacts" or "node_modules" or "TestResults"))
            {
                continue;
            }

            int number = 0;
            foreach (string line in File.ReadLines(path))
            {
                number++;
                yield return (file, number, line);
            }
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    private static string LogPath() => Path.Combine(RepositoryRoot(), "schemas", "DECISIONS.md");

    private static string RepositoryRoot([CallerFilePath] string path = "") => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));

    [GeneratedRegex(@"<a id=""decision-([0-9]+)""></a>")]
    private static partial Regex AnchorRegex();

    [GeneratedRegex(@"^### Decision ([0-9]+):", RegexOptions.Multiline)]
    private static partial Regex HeadingRegex();

    /// <summary>"decision 7", "Decision 14", "decisions 1 and 2", "decisions 20 and 3".</summary>
    [GeneratedRegex(@"\b[Dd]ecisions? [0-9]+(?:(?:, | and | or )[0-9]+)*")]
    private static partial Regex DecisionReferenceRegex();

    [GeneratedRegex(@"[0-9]+")]
    private static partial Regex NumberRegex();

    [GeneratedRegex(@"DECISIONS\.md#([A-Za-z0-9-]+)")]
    private static partial Regex LogAnchorLinkRegex();

    [GeneratedRegex(@"^\| ([A-Z0-9][A-Za-z0-9-]*) \|", RegexOptions.Multiline)]
    private static partial Regex SourceRowRegex();

    [GeneratedRegex(@"Also written ([A-Z0-9]+)")]
    private static partial Regex AliasRegex();

    [GeneratedRegex(@"\b[A-Z][A-Z0-9]+(?:-[A-Za-z0-9]+)?\b")]
    private static partial Regex UpperCaseTokenRegex();

    [GeneratedRegex(@"(?<![A-Za-z])pp?\.\s?[0-9]")]
    private static partial Regex PageRegex();
}
