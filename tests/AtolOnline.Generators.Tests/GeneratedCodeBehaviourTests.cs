using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AtolOnline.Generators.Tests;

/// <summary>
/// Compiles what the generator writes for the golden schemas, loads it and runs it: reading, writing, validating,
/// equality and printing, so that a generator bug which still compiles (a dropped <c>false</c>, a number enum written
/// by name, a lost nested array) fails here even when the golden files were updated along with it.
/// </summary>
public sealed class GeneratedCodeBehaviourTests
{
    private const string ProbeSource = """
        using System.Linq;
        using System.Text;
        using AtolOnline;
        using AtolOnline.Json;
        using AtolOnline.Validation;

        namespace AtolOnline.Demo;

        public static class Probe
        {
            public static string RoundTrip(string json) => AtolJson.ToJsonString(AtolJson.Parse<Widget>(Encoding.UTF8.GetBytes(json)));

            public static string ReportRoundTrip(string json) => AtolJson.ToJsonString(AtolJson.Parse<WidgetReport>(Encoding.UTF8.GetBytes(json)));

            public static string Violations(string json) =>
                string.Join("\n", AtolJson.Validate<Widget>(Encoding.UTF8.GetBytes(json), out _).Violations.Select(v => v.Path + " " + v.Code + " " + v.Severity));

            public static string ServiceViolations(string json) =>
                string.Join("\n", AtolJson.Validate<Widget>(Encoding.UTF8.GetBytes(json), out _, ValidationProfile.Service).Violations.Select(v => v.Path + " " + v.Code + " " + v.Severity));

            public static string ReportViolations(string json) =>
                string.Join("\n", AtolJson.Validate<WidgetReport>(Encoding.UTF8.GetBytes(json), out _).Violations.Select(v => v.Path + " " + v.Code + " " + v.Severity));

            public static bool Equal(string a, string b) => AtolJson.Parse<Widget>(Encoding.UTF8.GetBytes(a)).Equals(AtolJson.Parse<Widget>(Encoding.UTF8.GetBytes(b)))
                && AtolJson.Parse<Widget>(Encoding.UTF8.GetBytes(a)).GetHashCode() == AtolJson.Parse<Widget>(Encoding.UTF8.GetBytes(b)).GetHashCode();

            public static string Print(string json) => AtolJson.Parse<Widget>(Encoding.UTF8.GetBytes(json)).ToString();

            public static string Facts(string json)
            {
                var w = AtolJson.Parse<Widget>(Encoding.UTF8.GetBytes(json));
                return $"active={w.Active} gift={w.Gift} size={w.WidgetSize} sizes={string.Join(",", w.Sizes ?? [])} lid={w.Box?.Lid?.Open} parts={w.Parts?.Count} codes={w.Parts?.Sum(p => p.Codes?.Count ?? 0)}";
            }

            public static string DateFacts(string json)
            {
                var w = AtolJson.Parse<Widget>(Encoding.UTF8.GetBytes(json));
                return $"made={w.Made?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "null"} kind={w.Made?.Kind} due={w.Due?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "null"}";
            }

            public static string ServiceDateFacts(string json)
            {
                AtolJson.Validate<Widget>(Encoding.UTF8.GetBytes(json), out var w, ValidationProfile.Service);
                return $"made={w!.Made?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "null"} due={w.Due?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "null"}";
            }

            public static string WriteMade(long ticks, int kind) =>
                AtolJson.ToJsonString(new Widget { Name = "knob", Price = 0, Active = false, Made = new System.DateTime(ticks, (System.DateTimeKind)kind) });

            public static string MadeViolations(long ticks) =>
                string.Join("\n", new Widget { Name = "knob", Price = 0, Active = false, Made = new System.DateTime(ticks) }.Validate().Violations.Select(v => v.Path + " " + v.Code + " " + v.Severity));

            public static string ReportDates(string json)
            {
                var r = AtolJson.Parse<WidgetReport>(Encoding.UTF8.GetBytes(json));
                string Show(System.DateTimeOffset? value) => value?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "null";
                return $"at={Show(r.At)} seen={Show(r.Seen)} closed={Show(r.Closed)}";
            }

            public static string ReportFacts(string json)
            {
                var r = AtolJson.Parse<WidgetReport>(Encoding.UTF8.GetBytes(json));
                return $"ok={r.Ok?.ToString() ?? "null"} comment={r.Comment ?? "null"} mood={r.Mood} level={r.Level} widget={r.Widget?.Name}";
            }
        }
        """;

    /// <summary>Every member, in schema order, with <c>false</c> booleans everywhere they can be.</summary>
    private const string Full = """{"name":"knob","price":99.99,"count":999,"serial":9007199254740993,"active":false,"gift":false,"color":"sea-green","size":10,"tags":["a","bcd"],"sizes":[10,1,2],"parts":[{"name":"axle","weight":0.001,"spare":false,"size":2,"codes":[0,255,7]},{"name":"nut","weight":999.999,"codes":[]}],"box":{"width":1,"depth":0,"lid":{"open":false}},"contact":{"phone":"+79001234567"},"delivery":{"address":"Moscow","date":"01.12.2026","courier":"Ivan"},"secret":"s3cr3t-value","note":"ten chars!","image":"aGVsbG8=","made":"28.11.2026 12:00:00","due":"01.12.2026"}""";

    private const string Minimal = """{"name":"knob","price":0,"active":false}""";

    private static readonly Lazy<Type> ProbeType = new(CompileProbe);

    [Fact]
    public void Every_member_round_trips_exactly_including_false_booleans_number_enums_and_nested_arrays()
    {
        Assert.Equal(Full, Call<string>("RoundTrip", Full));
        Assert.Equal(Minimal, Call<string>("RoundTrip", Minimal));
        Assert.Equal("active=False gift=False size=Large sizes=Large,Small,Medium lid=False parts=2 codes=3", Call<string>("Facts", Full));
    }

    [Fact]
    public void False_differs_from_true_and_from_absent()
    {
        string activeTrue = Full.Replace("\"active\":false", "\"active\":true", StringComparison.Ordinal);
        string giftAbsent = Full.Replace("\"gift\":false,", "", StringComparison.Ordinal);
        string lidOpen = Full.Replace("\"open\":false", "\"open\":true", StringComparison.Ordinal);
        Assert.True(Call<bool>("Equal", Full, Full));
        Assert.False(Call<bool>("Equal", Full, activeTrue));
        Assert.False(Call<bool>("Equal", Full, giftAbsent));
        Assert.False(Call<bool>("Equal", Full, lidOpen));
        Assert.Equal(giftAbsent, Call<string>("RoundTrip", giftAbsent));
        Assert.Contains("\"active\":true", Call<string>("RoundTrip", activeTrue), StringComparison.Ordinal);
    }

    [Fact]
    public void Number_enums_are_written_as_numbers_and_unknown_numbers_are_refused_unless_the_enum_is_open()
    {
        Assert.Contains("\"size\":10,", Call<string>("RoundTrip", Full), StringComparison.Ordinal);
        Assert.Equal("size Enum Error", Call<string>("Violations", Full.Replace("\"size\":10,", "\"size\":3,", StringComparison.Ordinal)));
        Assert.Equal("size Type Error", Call<string>("Violations", Full.Replace("\"size\":10,", "\"size\":\"Large\",", StringComparison.Ordinal)));
        Assert.Equal("sizes[1] Enum Error", Call<string>("Violations", Full.Replace("[10,1,2]", "[10,0,2]", StringComparison.Ordinal)));
        Assert.Equal("color Enum Error", Call<string>("Violations", Full.Replace("sea-green", "SeaGreen", StringComparison.Ordinal)));
        Assert.Equal("ok=null comment=null mood=Unknown level=Unknown widget=knob", Call<string>("ReportFacts", """{"id":"1","comment":null,"ok":null,"mood":"angry","level":7,"widget":""" + Minimal + "}"));
        Assert.Equal("ok=False comment=x mood=Sad level=High widget=", Call<string>("ReportFacts", """{"id":"1","comment":"x","ok":false,"mood":"sad","level":2,"extra":{"a":[1]}}"""));
    }

    [Fact]
    public void Responses_accept_nulls_and_skip_unknown_members()
    {
        const string Report = """{"id":"1","comment":null,"score":null,"ratio":null,"ok":false,"mood":"happy","level":0,"future":[{"x":true}]}""";
        Assert.Equal("", Call<string>("ReportViolations", Report));
        Assert.Equal("""{"id":"1","ok":false,"mood":"happy","level":0}""", Call<string>("ReportRoundTrip", Report));
        Assert.Equal("id Required Error", Call<string>("ReportViolations", """{"comment":"x"}"""));
    }

    [Theory]
    [InlineData("\"name\":\"knob\"", "\"name\":\"knobknob\"", "")] // maxLength 8: at the limit
    [InlineData("\"name\":\"knob\"", "\"name\":\"knobknobk\"", "name MaxLength Error")]
    [InlineData("\"name\":\"knob\"", "\"name\":\"\"", "name MinLength Error\nname Pattern Error")]
    [InlineData("\"name\":\"knob\"", "\"name\":\"Knob\"", "name Pattern Error")]
    [InlineData("\"price\":99.99", "\"price\":100", "")]
    [InlineData("\"price\":99.99", "\"price\":100.01", "price Maximum Error")]
    [InlineData("\"price\":99.99", "\"price\":-0.01", "price Minimum Error")]
    [InlineData("\"price\":99.99", "\"price\":99.999", "price MultipleOf Error")]
    [InlineData("\"count\":999", "\"count\":1000", "count ExclusiveMaximum Error")]
    [InlineData("\"count\":999", "\"count\":0", "count Minimum Error")]
    [InlineData("\"active\":false", "\"active\":\"false\"", "active Type Error")]
    [InlineData("\"active\":false,", "", "active Required Error")]
    [InlineData("\"tags\":[\"a\",\"bcd\"]", "\"tags\":[\"a\",\"b\",\"c\"]", "tags MaxItems Error")]
    [InlineData("\"tags\":[\"a\",\"bcd\"]", "\"tags\":[]", "tags MinItems Error")]
    [InlineData("\"tags\":[\"a\",\"bcd\"]", "\"tags\":[\"a\",\"bcde\"]", "tags[1] MaxLength Error")]
    [InlineData("\"weight\":0.001", "\"weight\":0", "parts[0].weight ExclusiveMinimum Error")]
    [InlineData("\"weight\":999.999", "\"weight\":1000", "parts[1].weight ExclusiveMaximum Error")]
    [InlineData("\"codes\":[0,255,7]", "\"codes\":[0,256,7]", "parts[0].codes[1] Maximum Error")]
    [InlineData("\"codes\":[0,255,7]", "\"codes\":[0,255,7,1]", "parts[0].codes MaxItems Error")]
    [InlineData("{\"open\":false}", "{}", "box.lid.open Required Error")]
    [InlineData("\"width\":1", "\"width\":0", "box.width Minimum Error")]
    [InlineData("{\"phone\":\"+79001234567\"}", "{\"phone\":\"+79001234567\",\"email\":\"a@b.c\"}", "contact MaxProperties Error")]
    [InlineData("{\"phone\":\"+79001234567\"}", "{}", "contact MinProperties Error")]
    [InlineData("\"date\":\"01.12.2026\",", "", "delivery.date DependentRequired Error")]
    [InlineData("\"note\":\"ten chars!\"", "\"note\":\"eleven chars\"", "note MaxLength Warning")]
    [InlineData("\"image\":\"aGVsbG8=\"", "\"image\":\"aGVsbG8\"", "image Format Error")]
    [InlineData("\"secret\":", "\"unknown\":1,\"secret\":", "unknown UnknownProperty Error")]
    public void Each_keyword_is_enforced_at_its_limit_and_one_past_it(string original, string replacement, string expected)
    {
        Assert.Contains(original, Full, StringComparison.Ordinal);
        string json = Full.Replace(original, replacement, StringComparison.Ordinal);
        Assert.Equal(expected, Call<string>("Violations", json));
    }

    /// <summary>
    /// Each <c>x-service</c> annotation of the golden schema: our safe profile refuses (or warns), ATOL's service check
    /// takes ATOL's value instead; a keyword without the annotation stays an error in both.
    /// </summary>
    [Theory]
    [InlineData("\"name\":\"knob\"", "\"name\":\"knobknobk\"", "name MaxLength Error", "")]
    [InlineData("\"name\":\"knob\"", "\"name\":\"knobknobknobknobk\"", "name MaxLength Error", "name MaxLength Error")]
    [InlineData("\"name\":\"knob\"", "\"name\":\"Knob\"", "name Pattern Error", "")]
    [InlineData("\"name\":\"knob\"", "\"name\":\"\"", "name MinLength Error\nname Pattern Error", "name MinLength Error")]
    [InlineData("\"gift\":false", "\"gift\":null", "gift Type Error", "")]
    [InlineData("\"tags\":[\"a\",\"bcd\"]", "\"tags\":[]", "tags MinItems Error", "")]
    [InlineData("\"tags\":[\"a\",\"bcd\"]", "\"tags\":[\"a\",\"b\",\"c\"]", "tags MaxItems Error", "tags MaxItems Error")]
    [InlineData("\"width\":1,", "", "box.width Required Error", "")]
    [InlineData("\"width\":1,", "\"width\":1,\"height\":2,", "box.height UnknownProperty Warning", "")]
    [InlineData("\"date\":\"01.12.2026\",", "", "delivery.date DependentRequired Error", "")]
    [InlineData("\"secret\":", "\"unknown\":1,\"secret\":", "unknown UnknownProperty Error", "unknown UnknownProperty Error")]
    public void The_service_profile_takes_ATOLs_value_where_the_schema_is_annotated(string original, string replacement, string safe, string service)
    {
        Assert.Contains(original, Full, StringComparison.Ordinal);
        string json = Full.Replace(original, replacement, StringComparison.Ordinal);
        Assert.Equal(safe, Call<string>("Violations", json));
        Assert.Equal(service, Call<string>("ServiceViolations", json));
    }

    /// <summary>
    /// Typed dates: the safe profile judges the text as sent by the schema's pattern and lengths (a tab between date and
    /// time, a year outside the pattern); ATOL's service check takes ATOL's pattern, or any text where ATOL's schema has
    /// none; a date missing from the calendar is refused by both; a wrong type is a Type error.
    /// </summary>
    [Theory]
    [InlineData("\"made\":\"28.11.2026 12:00:00\"", "\"made\":\"28.11.1999 12:00:00\"", "made Pattern Error", "")]
    [InlineData("\"made\":\"28.11.2026 12:00:00\"", "\"made\":\"28.11.2026\\t12:00:00\"", "made Pattern Error", "")]
    [InlineData("\"made\":\"28.11.2026 12:00:00\"", "\"made\":\"28.11.2026  12:00:00\"", "made MaxLength Error\nmade Pattern Error", "made Pattern Error")]
    [InlineData("\"made\":\"28.11.2026 12:00:00\"", "\"made\":\"31.11.2026 12:00:00\"", "made CalendarDateValid Error", "made CalendarDateValid Error")]
    [InlineData("\"made\":\"28.11.2026 12:00:00\"", "\"made\":\"28.11.2026 24:00:00\"", "made Pattern Error", "made Pattern Error")]
    [InlineData("\"made\":\"28.11.2026 12:00:00\"", "\"made\":\"yesterday\"", "made MinLength Error\nmade Pattern Error", "made Pattern Error")]
    [InlineData("\"made\":\"28.11.2026 12:00:00\"", "\"made\":20261128", "made Type Error", "made Type Error")]
    [InlineData("\"due\":\"01.12.2026\"", "\"due\":\"soon\"", "due Pattern Error", "")]
    [InlineData("\"due\":\"01.12.2026\"", "\"due\":\"01.12.2026 10:00:00\"", "due Pattern Error", "")]
    [InlineData("\"due\":\"01.12.2026\"", "\"due\":\"30.02.2026\"", "due CalendarDateValid Error", "due CalendarDateValid Error")]
    [InlineData("\"due\":\"01.12.2026\"", "\"due\":null", "due Type Error", "due Type Error")]
    public void Typed_dates_are_judged_by_their_text_in_each_profile(string original, string replacement, string safe, string service)
    {
        Assert.Contains(original, Full, StringComparison.Ordinal);
        string json = Full.Replace(original, replacement, StringComparison.Ordinal);
        Assert.Equal(safe, Call<string>("Violations", json));
        Assert.Equal(service, Call<string>("ServiceViolations", json));
    }

    [Fact]
    public void Typed_dates_read_and_write_ATOLs_formats()
    {
        Assert.Equal("made=2026-11-28T12:00:00.0000000 kind=Unspecified due=2026-12-01", Call<string>("DateFacts", Full));
        // Reading without validating takes what ATOL's service takes: a tab between date and time; writing is canonical.
        string tab = Full.Replace("28.11.2026 12:00:00", "28.11.2026\\t12:00:00", StringComparison.Ordinal);
        Assert.Equal("made=2026-11-28T12:00:00.0000000 kind=Unspecified due=2026-12-01", Call<string>("DateFacts", tab));
        Assert.Equal(Full, Call<string>("RoundTrip", tab));
        // Where ATOL's schema has no pattern, the service reads a date followed by a time as that date, other text as default.
        Assert.Equal("made=2026-11-28T12:00:00.0000000 due=2026-12-01", Call<string>("ServiceDateFacts", Full.Replace("\"01.12.2026\"", "\"01.12.2026 10:00:00\"", StringComparison.Ordinal)));
        Assert.Equal("made=2026-11-28T12:00:00.0000000 due=0001-01-01", Call<string>("ServiceDateFacts", Full.Replace("\"01.12.2026\"", "\"soon\"", StringComparison.Ordinal)));
        // A date ATOL cannot take is no exception when parsing without validating only if it is a date at all.
        var ex = Assert.Throws<AtolOnline.Json.AtolJsonException>(() => Call<string>("DateFacts", Full.Replace("28.11.2026 12:00:00", "31.11.2026 12:00:00", StringComparison.Ordinal)));
        Assert.Equal("made", ex.Path);
        Assert.Equal("CalendarDateValid", ex.Code);
    }

    [Theory]
    [InlineData(1, "28.11.2026 15:00:00")] // a UTC time is sent as ATOL's (Moscow) wall clock
    [InlineData(0, "28.11.2026 12:00:00")] // an unspecified time is sent as it is
    public void A_DateTime_is_written_in_ATOLs_clock(int kind, string expected)
    {
        long ticks = new DateTime(2026, 11, 28, 12, 0, 0, 999).Ticks;
        Assert.Equal("""{"name":"knob","price":0,"active":false,"made":"{{expected}}"}""".Replace("{{expected}}", expected, StringComparison.Ordinal), Call<string>("WriteMade", ticks, kind));
    }

    [Fact]
    public void A_typed_date_built_in_code_is_judged_by_the_text_it_writes()
    {
        Assert.Equal("", Call<string>("MadeViolations", new DateTime(2099, 12, 31, 23, 59, 59).Ticks));
        Assert.Equal("made Pattern Error", Call<string>("MadeViolations", new DateTime(2100, 1, 1).Ticks));
        Assert.Equal("made Pattern Error", Call<string>("MadeViolations", new DateTime(1999, 12, 31, 23, 59, 59).Ticks));
    }

    [Fact]
    public void Report_dates_read_as_offsets_and_an_unreadable_one_is_a_warning_or_an_error_as_the_schema_says()
    {
        const string Report = """{"id":"1","at":"28.11.2026 12:00:00","seen":"2026-11-28T09:00:00.5Z","closed":null}""";
        Assert.Equal("at=2026-11-28T12:00:00.0000000+03:00 seen=2026-11-28T09:00:00.5000000+00:00 closed=null", Call<string>("ReportDates", Report));
        Assert.Equal("", Call<string>("ReportViolations", Report));
        Assert.Equal("""{"id":"1","at":"28.11.2026 12:00:00","seen":"2026-11-28T09:00:00.5+00:00"}""", Call<string>("ReportRoundTrip", Report));
        // x-severity warning: an unreadable date reads as null and is only a warning; the body is still read.
        string badAt = Report.Replace("28.11.2026 12:00:00", "28/11/2026", StringComparison.Ordinal).Replace("09:00:00.5Z", "nine", StringComparison.Ordinal);
        Assert.Equal("at=null seen=null closed=null", Call<string>("ReportDates", badAt));
        Assert.Equal("at Format Warning\nseen Format Warning", Call<string>("ReportViolations", badAt));
        // Without it, an unreadable date is an error at its path, as a wrong type is.
        string badClosed = Report.Replace("\"closed\":null", "\"closed\":\"later\"", StringComparison.Ordinal);
        Assert.Equal("closed Format Error", Call<string>("ReportViolations", badClosed));
        var ex = Assert.Throws<AtolOnline.Json.AtolJsonException>(() => Call<string>("ReportDates", badClosed));
        Assert.Equal("closed", ex.Path);
    }

    [Fact]
    public void Secrets_are_not_printed()
    {
        string printed = Call<string>("Print", Full);
        Assert.DoesNotContain("s3cr3t-value", printed, StringComparison.Ordinal);
        Assert.Contains("knob", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void The_full_document_is_valid_json_with_every_member_of_the_widget_schema()
    {
        var schema = JsonNode.Parse(GoldenTests.GoldenSchemas().Single(s => s.Path.EndsWith("/widget.schema.json", StringComparison.Ordinal)).Text)!;
        var members = schema["properties"]!.AsObject().Select(p => p.Key);
        Assert.Equal(members, JsonNode.Parse(Full)!.AsObject().Select(p => p.Key));
        Assert.Equal("", Call<string>("Violations", Full));
    }

    private static T Call<T>(string method, params object[] arguments)
    {
        var info = ProbeType.Value.GetMethod(method, BindingFlags.Public | BindingFlags.Static) ?? throw new InvalidOperationException(method);
        try
        {
            return (T)info.Invoke(null, arguments)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    private static Type CompileProbe()
    {
        var driver = GeneratorHarness.CreateDriver(GoldenTests.GoldenSchemas().Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)));
        var input = GeneratorHarness.NewCompilation().AddSyntaxTrees(CSharpSyntaxTree.ParseText(ProbeSource, new CSharpParseOptions(LanguageVersion.Latest)));
        driver.RunGeneratorsAndUpdateCompilation(input, out var output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        image.Position = 0;
        var assembly = new AssemblyLoadContext("golden-probe", isCollectible: true).LoadFromStream(image);
        return assembly.GetType("AtolOnline.Demo.Probe", throwOnError: true)!;
    }
}
