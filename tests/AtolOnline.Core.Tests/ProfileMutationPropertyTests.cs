using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AtolOnline.Core.Tests.SchemaDriven;
using FsCheck;
using FsCheck.Fluent;
using AtolOnline.Validation;
using AtolOnline.Json;

namespace AtolOnline.Core.Tests;

/// <summary>
/// The two profiles against each other, on documents generated from the schemas (SchemaDriven's generator and
/// mutations): every single-keyword mutation our safe profile refuses is judged by the emulator over raw HTTP as the
/// schemas' <c>x-service</c> annotations say. Keyword set to null there (ATOL's schema has none): the service check
/// does not refuse it for that keyword, and when nothing else of ATOL's schema does, the emulator registers the document.
/// Keyword not annotated: the service check refuses it too, and the emulator answers 32 naming the path. In every case
/// the emulator answers exactly as the service check judges.
/// </summary>
public sealed class ProfileMutationPropertyTests
{
    private const int Cases = 500;

    private enum Expected
    {
        ServiceAccepts,
        ServiceRefuses,
        AsServiceCheck,
    }

    [Fact]
    public async Task Every_mutation_only_our_profile_refuses_is_registered_and_every_other_gets_32_naming_its_path()
    {
        await using var emulator = await EmulatorHttp.StartAsync();
        var tokens = new Dictionary<string, string> { ["v4"] = await emulator.TokenAsync("v4"), ["v5"] = await emulator.TokenAsync("v5") };
        var seen = new Dictionary<Expected, int>();
        int onlyOurs = 0;
        var roots = Gen.Zip(Gen.Choose(0, SchemaRoot.Requests.Length - 1), Gen.Choose(0, int.MaxValue - 1)).ToArbitrary();
        Prop.ForAll(roots, c =>
        {
            var root = SchemaRoot.Requests[c.Item1];
            var schemas = SchemaSet.Load(root.Folder);
            var generator = new DocumentGenerator(schemas, new Random(c.Item2));
            var document = generator.Generate(root.File);
            string operation = Operation(root, c.Item2);
            if (ServiceVerdict(root, Bytes(document), operation).ErrorCount() > 0)
            {
                return; // a generated document a documented up-front rule refuses (e.g. 31.02): nothing to compare
            }

            var mutation = generator.Mutations[new Random(c.Item2 ^ 0x5bd1e995).Next(generator.Mutations.Count)];
            mutation.Apply();
            byte[] json = Bytes(document);
            // A warning of ours (x-severity) refuses nothing, and the service check reports errors only.
            var expected = mutation.ExpectedSeverity == ValidationSeverity.Warning ? Expected.ServiceAccepts : Expect(schemas, root.File, mutation);
            seen[expected] = seen.GetValueOrDefault(expected) + 1;
            var service = ServiceVerdict(root, json, operation);
            string where = $"{root} seed {c.Item2} {operation}: {mutation.Description} ({mutation.ExpectedCode} at {mutation.ExpectedPath}), expected {expected}; "
                + $"service check: {string.Join("; ", service.Violations)}";
            switch (expected)
            {
                case Expected.ServiceAccepts:
                    // The keyword is ours only; another keyword of ATOL's own schema may still refuse the value (a v5
                    // "" fails the printed pattern even where our minLength: 1 is extra).
                    Assert.False(service.Violations.Any(v => v.Path == mutation.ExpectedPath && v.Code == mutation.ExpectedCode), where);
                    if (service.ErrorCount() == 0)
                    {
                        onlyOurs++;
                    }

                    break;
                case Expected.ServiceRefuses:
                    Assert.True(service.Violations.Any(v => v.Severity == ValidationSeverity.Error && v.Path == mutation.ExpectedPath && v.Code == mutation.ExpectedCode), where);
                    break;
            }

            var answer = Send(emulator, tokens, root, operation, json);
            if (service.ErrorCount() == 0)
            {
                Assert.True(answer.Status == HttpStatusCode.OK || answer.Code is 33 or 12, $"{where}\nemulator: {answer}");
            }
            else
            {
                Assert.True(answer.Code == 32, $"{where}\nemulator: {answer}");
                foreach (var error in service.Violations.Where(v => v.Severity == ValidationSeverity.Error))
                {
                    Assert.Contains("#/" + error.Path, answer.Text, StringComparison.Ordinal);
                }
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(Cases));

        // The property must have exercised both directions.
        Assert.True(onlyOurs > 10, $"cases only our profile refuses: {onlyOurs}");
        Assert.True(seen.GetValueOrDefault(Expected.ServiceRefuses) > 10, $"both-refuse cases: {seen.GetValueOrDefault(Expected.ServiceRefuses)}");
    }

    private static string Operation(SchemaRoot root, int seed) => root.File switch
    {
        "token-request.schema.json" => "getToken",
        "correction-request.schema.json" => seed % 2 == 0 ? "sell_correction" : "buy_correction",
        _ => new[] { "sell", "sell_refund", "buy", "buy_refund" }[seed % 4],
    };

    private static byte[] Bytes(JsonNode document) => Encoding.UTF8.GetBytes(document.ToJsonString());

    private static ValidationResult ServiceVerdict(SchemaRoot root, byte[] json, string operation) => (root.Folder, root.File) switch
    {
        ("v4", "receipt-request.schema.json") => AtolJson.Validate<V4.ReceiptRequest>(json, out _, ValidationProfile.Service, operation),
        ("v4", "correction-request.schema.json") => AtolJson.Validate<V4.CorrectionRequest>(json, out _, ValidationProfile.Service, operation),
        ("v4", _) => AtolJson.Validate<V4.TokenRequest>(json, out _, ValidationProfile.Service),
        (_, "receipt-request.schema.json") => AtolJson.Validate<V5.ReceiptRequest>(json, out _, ValidationProfile.Service, operation),
        (_, "correction-request.schema.json") => AtolJson.Validate<V5.CorrectionRequest>(json, out _, ValidationProfile.Service, operation),
        _ => AtolJson.Validate<V5.TokenRequest>(json, out _, ValidationProfile.Service),
    };

    private static (HttpStatusCode Status, int? Code, string Text) Send(EmulatorHttp emulator, Dictionary<string, string> tokens, SchemaRoot root, string operation, byte[] json)
    {
        string path = operation == "getToken"
            ? $"possystem/{root.Folder}/getToken"
            : $"possystem/{root.Folder}/{EmulatorHttp.Group(root.Folder)}/{operation}";
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(json) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        if (operation != "getToken")
        {
            request.Headers.Add("Token", tokens[root.Folder]);
        }

        // Synchronous on purpose: FsCheck's property body is synchronous.
        using var response = emulator.Http.Send(request, TestContext.Current.CancellationToken);
        using var reader = new StreamReader(response.Content.ReadAsStream(TestContext.Current.CancellationToken));
        string text = reader.ReadToEnd();
        int? code = null;
        using (var answer = JsonDocument.Parse(text))
        {
            if (answer.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                code = error.GetProperty("code").GetInt32();
            }
        }

        return (response.StatusCode, code, text);
    }

    /// <summary>What the schemas' x-service annotations say ATOL's service does with this mutation.</summary>
    private static Expected Expect(SchemaSet schemas, string rootFile, Mutation mutation)
    {
        var segments = Segments(mutation.ExpectedPath);
        bool onParent = mutation.ExpectedCode is ValidationCodes.Required or ValidationCodes.UnknownProperty or ValidationCodes.DependentRequired;
        var (parent, parentFile) = schemas.Resolve(schemas.Root(rootFile), rootFile);
        JsonObject? declared = null;
        var (resolved, file) = (parent, parentFile);
        for (int i = 0; i < segments.Count; i++)
        {
            (parent, parentFile) = (resolved, file);
            declared = segments[i] == "[]" ? (JsonObject)resolved["items"]! : resolved["properties"]?[segments[i]] as JsonObject;
            if (declared is null)
            {
                break; // an unknown member: judged on the parent
            }

            (resolved, file) = schemas.Resolve(declared, file);
        }

        if (onParent)
        {
            var service = parent["x-service"];
            return mutation.ExpectedCode switch
            {
                ValidationCodes.UnknownProperty => service?["additionalProperties"]?.GetValue<bool>() == true ? Expected.ServiceAccepts : Expected.ServiceRefuses,
                ValidationCodes.DependentRequired => service?["dependentRequired"] is not null ? Expected.ServiceAccepts : Expected.ServiceRefuses,
                _ => service?["required"] is JsonArray required && !required.Any(r => r!.GetValue<string>() == segments[^1]) ? Expected.ServiceAccepts : Expected.ServiceRefuses,
            };
        }

        string? keyword = mutation.ExpectedCode switch
        {
            ValidationCodes.MinLength => "minLength",
            ValidationCodes.MaxLength => "maxLength",
            ValidationCodes.Pattern => "pattern",
            ValidationCodes.Format => "x-format",
            ValidationCodes.Minimum => "minimum",
            ValidationCodes.Maximum => "maximum",
            ValidationCodes.ExclusiveMinimum => "exclusiveMinimum",
            ValidationCodes.MultipleOf => "multipleOf",
            ValidationCodes.MinItems => "minItems",
            ValidationCodes.MaxItems => "maxItems",
            _ => null, // Type, Enum, Min/MaxProperties: the service's schema has them too
        };
        var overrides = (declared?["x-service"] ?? resolved["x-service"]) as JsonObject;
        if (keyword is null || overrides is null || !overrides.ContainsKey(keyword))
        {
            return Expected.ServiceRefuses;
        }

        return overrides[keyword] is null ? Expected.ServiceAccepts : Expected.AsServiceCheck;
    }

    /// <summary>"receipt.items[0].price" -> receipt, items, [], price.</summary>
    private static List<string> Segments(string path)
    {
        var result = new List<string>();
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            int bracket = part.IndexOf('[', StringComparison.Ordinal);
            result.Add(bracket < 0 ? part : part[..bracket]);
            for (int i = bracket; i >= 0; i = part.IndexOf('[', i + 1))
            {
                result.Add("[]");
            }
        }

        return result;
    }
}

internal static class ValidationResultExtensions
{
    public static int ErrorCount(this ValidationResult result) => result.Violations.Count(v => v.Severity == ValidationSeverity.Error);
}
