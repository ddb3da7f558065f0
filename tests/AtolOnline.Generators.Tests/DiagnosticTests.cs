namespace AtolOnline.Generators.Tests;

/// <summary>Every diagnostic the generator reports, each from a minimal broken schema, pointing at the file.</summary>
public sealed class DiagnosticTests
{
    private const string Path = "/repo/schemas/demo/broken.schema.json";

    private static string Root(string properties, string extra = "") => $$"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "x-csharp-name": "Broken",
          "properties": { {{properties}} }{{extra}}
        }
        """;

    public static TheoryData<string, string, string> Cases => new()
    {
        { "ATOLGEN001", "{ \"type\": \"object\", ", "not valid JSON" },
        { "ATOLGEN002", Root("\"a\": { \"type\": \"string\", \"description\": \"A.\", \"format\": \"email\" }"), "keyword 'format'" },
        { "ATOLGEN002", Root("\"a\": { \"description\": \"A.\", \"oneOf\": [] }"), "type" },
        { "ATOLGEN003", Root("\"a\": { \"$ref\": \"#/$defs/Missing\", \"description\": \"A.\" }"), "does not resolve" },
        { "ATOLGEN003", Root("\"a\": { \"$ref\": \"../v5/common.schema.json#/$defs/Client\", \"description\": \"A.\" }"), "leaves the folder" },
        { "ATOLGEN004", Root("\"a_b\": { \"type\": \"string\", \"description\": \"A.\" }, \"a-b\": { \"type\": \"string\", \"description\": \"B.\" }"), "used twice" },
        { "ATOLGEN005", Root("\"a\": { \"$ref\": \"#/$defs/Level\", \"description\": \"A.\" }", ", \"$defs\": { \"Level\": { \"type\": \"integer\", \"description\": \"L.\", \"enum\": [1, 2] } }"), "x-enum-names" },
        { "ATOLGEN006", Root("\"a\": { \"type\": \"string\", \"description\": \"A.\", \"pattern\": \"([a-z\" }"), "not a valid regular expression" },
        { "ATOLGEN006", Root("\"a\": { \"type\": \"number\", \"description\": \"A.\", \"multipleOf\": 0 }"), "multipleOf" },
        { "ATOLGEN007", Root("\"a\": { \"type\": \"string\" }"), "no description" },
        { "ATOLGEN002", Root("\"a\": { \"type\": \"string\", \"description\": \"A.\", \"x-service\": { \"enum\": null } }"), "not supported in 'x-service'" },
        { "ATOLGEN006", Root("\"a\": { \"type\": \"string\", \"description\": \"A.\", \"x-service\": { \"pattern\": \"([a-z\" } }"), "x-service pattern" },
        { "ATOLGEN006", Root("\"a\": { \"type\": \"string\", \"description\": \"A.\" }", ", \"x-service\": { \"required\": [\"b\"] }"), "'x-service.required'" },
        { "ATOLGEN006", Root("\"a\": { \"type\": \"string\", \"description\": \"A.\" }", ", \"x-service\": { \"dependentRequired\": { \"a\": [] } }"), "'x-service.dependentRequired'" },
        { "ATOLGEN006", Root("\"a\": { \"type\": \"string\", \"description\": \"A.\", \"x-clr-type\": \"time\" }"), "x-clr-type of a string" },
        { "ATOLGEN002", Root("\"a\": { \"type\": \"array\", \"description\": \"A.\", \"items\": { \"type\": \"string\", \"x-clr-type\": \"date\" } }"), "arrays of dates" },
        { "ATOLGEN002", Root("\"a\": { \"type\": \"string\", \"description\": \"A.\", \"x-clr-type\": \"datetimeoffset-iso\", \"pattern\": \"^.$\" }"), "ISO 8601 one takes no pattern" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Broken_schema_reports_its_diagnostic_at_the_file(string id, string schema, string messagePart)
    {
        var (result, output, _) = GeneratorHarness.Run((Path, schema));
        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == id);
        Assert.Contains(messagePart, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal(Path, diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, diagnostic.Severity);

        // A broken folder yields no half-generated types.
        Assert.Null(output.GetTypeByMetadataName("AtolOnline.Demo.Broken"));
    }

    [Fact]
    public void Name_clash_between_files_of_a_folder_is_reported()
    {
        const string a = """{ "type": "object", "x-csharp-name": "Same", "description": "A.", "properties": {} }""";
        var (result, _, _) = GeneratorHarness.Run(("/repo/schemas/demo/a.schema.json", a), ("/repo/schemas/demo/b.schema.json", a));
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("ATOLGEN004", diagnostic.Id);
    }
}
