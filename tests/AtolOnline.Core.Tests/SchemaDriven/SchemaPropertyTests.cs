using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Json.Schema;
using AtolOnline.Validation;

namespace AtolOnline.Core.Tests.SchemaDriven;

/// <summary>
/// Properties driven by the schema files: random valid documents pass, each single-rule mutation is reported at the
/// right path with the right code, and JsonSchema.Net evaluating the same schema files agrees with us.
/// Test counts are sized for CI on two cores.
/// </summary>
public sealed class SchemaPropertyTests
{
    private const int Tests = 400;

    private static readonly Dictionary<string, JsonSchema> Reference = LoadReferenceSchemas();

    private static Arbitrary<(int Root, int Seed)> Cases() =>
        Gen.Zip(Gen.Choose(0, SchemaRoot.Requests.Length - 1), Gen.Choose(0, int.MaxValue - 1)).ToArbitrary();

    [Fact]
    public void Random_valid_documents_have_no_schema_violations_and_round_trip()
    {
        PropertyRun.Check(Prop.ForAll(Cases(), c =>
        {
            var root = SchemaRoot.Requests[c.Root];
            var json = Generate(root, c.Seed, out _);
            var result = root.Validate(json);
            var schemaViolations = result.Violations.Where(v => SchemaRoot.SchemaCodes.Contains(v.Code)).ToList();
            Assert.True(schemaViolations.Count == 0, $"{root} seed {c.Seed}: {string.Join("; ", schemaViolations)}\n{Encoding.UTF8.GetString(json)}");

            // read(write(read(json))) == read(json), and writing is stable
            byte[] written = root.RoundTrip(json);
            Assert.Equal(root.Parse(json), root.Parse(written));
            Assert.Equal(written, root.RoundTrip(written));
        }), Tests);
    }

    [Fact]
    public void Each_single_rule_mutation_is_reported_at_its_path_with_its_code()
    {
        PropertyRun.Check(Prop.ForAll(Cases(), c =>
        {
            var root = SchemaRoot.Requests[c.Root];
            var mutation = Mutate(root, c.Seed, out var json);
            var result = root.Validate(json);
            Assert.True(result.Violations.Any(v => v.Path == mutation.ExpectedPath && v.Code == mutation.ExpectedCode && v.Severity == mutation.ExpectedSeverity),
                $"{root} seed {c.Seed}: {mutation.Description}: expected {mutation.ExpectedCode} at {mutation.ExpectedPath}, got: {string.Join("; ", result.Violations)}");
            Assert.Equal(mutation.ExpectedSeverity == ValidationSeverity.Warning, result.Violations.All(v => v.Severity == ValidationSeverity.Warning || !SchemaRoot.SchemaCodes.Contains(v.Code)));
        }), Tests * 2);
    }

    [Fact]
    public void JsonSchemaNet_on_our_schema_files_agrees_with_our_validator()
    {
        PropertyRun.Check(Prop.ForAll(Cases(), Gen.Elements(true, false).ToArbitrary(), (c, mutate) =>
        {
            var root = SchemaRoot.Requests[c.Root];
            byte[] json;
            string what = "valid";
            if (mutate)
            {
                what = Mutate(root, c.Seed, out json).Description;
            }
            else
            {
                json = Generate(root, c.Seed, out _);
            }

            using var document = JsonDocument.Parse(json);
            var reference = Reference[root.Folder + "/" + root.File].Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            var ours = root.Validate(json).Violations.Where(v => SchemaRoot.SchemaCodes.Contains(v.Code)).ToList();
            Assert.True(reference.IsValid == (ours.Count == 0),
                $"{root} seed {c.Seed} ({what}): JsonSchema.Net valid={reference.IsValid}, ours: {string.Join("; ", ours)}\n"
                + string.Join("\n", (reference.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => d.InstanceLocation + ": " + string.Join(", ", d.Errors!.Select(e => e.Key + "=" + e.Value)))));
        }), Tests);
    }

    /// <summary>
    /// Every length, count and numeric limit the generator visits is met exactly by some generated value (so a validator
    /// that is off by one at a limit fails the round-trip property), within a bounded number of documents per root.
    /// </summary>
    [Fact]
    public void Generated_documents_reach_every_declared_limit_exactly()
    {
        const int MaxDocuments = 3000;
        var missed = new List<string>();
        foreach (var root in SchemaRoot.Requests)
        {
            var seeds = new Random(unchecked((int)PropertyRun.PropertySeed(PropertyRun.Seed, root.ToString())));
            var declared = new HashSet<string>(StringComparer.Ordinal);
            var reached = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < MaxDocuments && (i < 50 || !reached.IsSupersetOf(declared)); i++)
            {
                var generator = new DocumentGenerator(SchemaSet.Load(root.Folder), new Random(seeds.Next()));
                generator.Generate(root.File);
                declared.UnionWith(generator.LimitsDeclared);
                reached.UnionWith(generator.LimitsReached);
            }

            Assert.NotEmpty(declared);
            missed.AddRange(declared.Except(reached).Select(k => root.Folder + "/" + k));
        }

        Assert.True(missed.Count == 0, $"seed {PropertyRun.Seed}: limits never reached: {string.Join(", ", missed)}");
    }

    private static byte[] Generate(SchemaRoot root, int seed, out DocumentGenerator generator)
    {
        generator = new DocumentGenerator(SchemaSet.Load(root.Folder), new Random(seed));
        return Encoding.UTF8.GetBytes(generator.Generate(root.File).ToJsonString());
    }

    private static Mutation Mutate(SchemaRoot root, int seed, out byte[] json)
    {
        var generator = new DocumentGenerator(SchemaSet.Load(root.Folder), new Random(seed));
        var document = generator.Generate(root.File);
        var mutation = generator.Mutations[new Random(seed ^ 0x5bd1e995).Next(generator.Mutations.Count)];
        mutation.Apply();
        json = Encoding.UTF8.GetBytes(document.ToJsonString());
        return mutation;
    }

    private static Dictionary<string, JsonSchema> LoadReferenceSchemas()
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var all = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        foreach (var folder in new[] { "v4", "v5" })
        {
            // Definitions first, so that the roots' $refs resolve when they are built.
            foreach (var file in SchemaSet.Load(folder).Files.Keys.OrderBy(f => f == "common.schema.json" ? 0 : 1).ThenBy(f => f, StringComparer.Ordinal))
            {
                var path = Path.Combine(AppContext.BaseDirectory, "schemas", folder, file);
                all[folder + "/" + file] = JsonSchema.FromText(File.ReadAllText(path), options);
            }
        }

        return all;
    }
}
