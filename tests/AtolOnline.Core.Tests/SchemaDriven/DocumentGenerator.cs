using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AtolOnline.Validation;

namespace AtolOnline.Core.Tests.SchemaDriven;

/// <summary>One single-rule change to a valid document, with where and how our validator must report it.</summary>
internal sealed record Mutation(string Description, string ExpectedPath, string ExpectedCode, Action Apply)
{
    /// <summary><c>x-severity: warning</c> on the property makes its violations warnings.</summary>
    public ValidationSeverity ExpectedSeverity { get; init; } = ValidationSeverity.Error;
}

/// <summary>
/// Generates random documents that satisfy every keyword of a schema (driven by the schema files themselves, so no
/// rule can be forgotten), and lists the single-keyword mutations that break exactly one rule.
/// </summary>
/// <remarks>
/// Limits are hit on purpose: a length, a count or a number lands exactly on its declared maximum with probability
/// 1/<see cref="LimitOdds"/> and on its minimum with the same probability (uniform values would almost never reach a
/// maxLength of 256 or 100 items), and the mutations go exactly one past the limit. <see cref="LimitsDeclared"/> and
/// <see cref="LimitsReached"/> let a test check that every limit of the schemas was reached.
/// </remarks>
internal sealed class DocumentGenerator(SchemaSet schemas, Random random)
{
    /// <summary>One value in this many lands on its maximum, and one on its minimum.</summary>
    public const int LimitOdds = 8;

    private const string TextAlphabet = "abcdefxyzABCXYZ0123456789 абвгдежзиклмнопрстуфхцчшщэюяАБВГДЕЁЖЯ«»-.,№";

    private readonly List<Mutation> _mutations = [];

    public IReadOnlyList<Mutation> Mutations => _mutations;

    /// <summary>Limits of the schema nodes visited, as <c>file#path keyword</c> (array indices dropped).</summary>
    public HashSet<string> LimitsDeclared { get; } = new(StringComparer.Ordinal);

    /// <summary>The subset of <see cref="LimitsDeclared"/> that a generated value met exactly.</summary>
    public HashSet<string> LimitsReached { get; } = new(StringComparer.Ordinal);

    /// <summary>-1: the minimum, +1: the maximum, 0: anything in between.</summary>
    private int PickLimit()
    {
        int roll = random.Next(LimitOdds);
        return roll == 0 ? -1 : roll == 1 ? 1 : 0;
    }

    private void Track(string file, string path, string keyword, bool reached)
    {
        string key = file + "#" + StripIndices(path) + " " + keyword;
        LimitsDeclared.Add(key);
        if (reached)
        {
            LimitsReached.Add(key);
        }
    }

    private static string StripIndices(string path) => Regex.Replace(path, @"\[\d+\]", "[]");

    public JsonNode Generate(string rootFile)
    {
        _mutations.Clear();
        var root = schemas.Root(rootFile);
        return GenerateValue(root, rootFile, "")!;
    }

    private JsonNode? GenerateValue(JsonObject schema, string file, string path)
    {
        (schema, file) = schemas.Resolve(schema, file);
        string type = schema["type"] is JsonArray types ? types.Select(t => t!.GetValue<string>()).First(t => t != "null") : schema["type"]!.GetValue<string>();
        if (schema["enum"] is JsonArray values)
        {
            return values[random.Next(values.Count)]!.DeepClone();
        }

        return type switch
        {
            "object" => GenerateObject(schema, file, path),
            "array" => GenerateArray(schema, file, path),
            "string" => JsonValue.Create(GenerateString(schema, file, path)),
            "integer" => Number(GenerateInteger(schema, file, path)),
            "number" => Number(GenerateNumber(schema, file, path)),
            "boolean" => JsonValue.Create(random.Next(2) == 0),
            _ => throw new InvalidOperationException("type " + type),
        };
    }

    private JsonObject GenerateObject(JsonObject schema, string file, string path)
    {
        var result = new JsonObject();
        var properties = schema["properties"] as JsonObject ?? [];
        var required = (schema["required"] as JsonArray)?.Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
        int? maxProperties = (int?)schema["maxProperties"];
        int minProperties = (int?)schema["minProperties"] ?? 0;
        var dependent = schema["dependentRequired"] as JsonObject;

        var chosen = new List<string>();
        if (maxProperties is { } max)
        {
            // e.g. mark_code: exactly one member among many
            var optional = properties.Select(p => p.Key).Where(k => !required.Contains(k)).OrderBy(_ => random.Next()).ToList();
            chosen.AddRange(required);
            chosen.AddRange(optional.Take(Math.Max(minProperties, Math.Min(max, 1)) - chosen.Count));
        }
        else
        {
            foreach (var (name, _) in properties)
            {
                if (required.Contains(name) || random.Next(3) == 0)
                {
                    chosen.Add(name);
                }
            }
        }

        if (dependent is not null)
        {
            foreach (var (name, needs) in dependent)
            {
                if (chosen.Contains(name))
                {
                    chosen.AddRange(needs!.AsArray().Select(n => n!.GetValue<string>()).Where(n => !chosen.Contains(n)));
                }
            }
        }

        foreach (var name in properties.Select(p => p.Key).Where(chosen.Contains))
        {
            result[name] = GenerateValue((JsonObject)properties[name]!, file, Child(path, name));
        }

        AddObjectMutations(result, schema, file, path, properties, required, dependent);
        foreach (var name in properties.Select(p => p.Key).Where(chosen.Contains))
        {
            AddValueMutations(result, name, (JsonObject)properties[name]!, file, Child(path, name));
        }

        return result;
    }

    private JsonArray GenerateArray(JsonObject schema, string file, string path)
    {
        int min = (int?)schema["minItems"] ?? 0;
        int? declaredMax = (int?)schema["maxItems"];
        int limit = PickLimit();
        int count = limit < 0 ? min
            : limit > 0 && declaredMax is { } m ? m
            : random.Next(min, Math.Min(declaredMax ?? min + 3, min + 3) + 1);
        if (schema["minItems"] is not null)
        {
            Track(file, path, "minItems", count == min);
        }

        if (declaredMax is { } maxItems)
        {
            Track(file, path, "maxItems", count == maxItems);
        }

        var array = new JsonArray();
        var items = (JsonObject)schema["items"]!;
        for (int i = 0; i < count; i++)
        {
            array.Add(GenerateValue(items, file, path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]"));
        }

        for (int i = 0; i < count; i++)
        {
            int index = i;
            AddValueMutations(array, index, items, file, path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]");
        }

        return array;
    }

    private string GenerateString(JsonObject schema, string file, string path)
    {
        int min = (int?)schema["minLength"] ?? 0;
        int max = (int?)schema["maxLength"] ?? Math.Max(min, 24);
        if (schema["x-clr-type"]?.GetValue<string>() is "datetime" or "date" or "datetimeoffset")
        {
            return GenerateDate(schema, file, path);
        }

        // A pattern decides the length of its strings (INN, phone, mark codes), so its limits are not tracked.
        if (schema["pattern"] is JsonValue p)
        {
            string pattern = p.GetValue<string>();
            var regex = new Regex(pattern, RegexOptions.ECMAScript);
            for (int attempt = 0; attempt < 200; attempt++)
            {
                string candidate = RegexStringGenerator.Generate(pattern, random, attempt < 100 ? 6 : 2);
                if (candidate.Length >= min && candidate.Length <= max && regex.IsMatch(candidate))
                {
                    return candidate;
                }
            }

            throw new InvalidOperationException("no string found for pattern " + pattern);
        }

        if (schema["x-format"]?.GetValue<string>() == "base64")
        {
            var bytes = new byte[random.Next(1, Math.Max(2, max * 3 / 4 - 2))];
            random.NextBytes(bytes);
            return Convert.ToBase64String(bytes);
        }

        int limit = PickLimit();
        int length = limit < 0 ? min : limit > 0 ? max : random.Next(min, Math.Min(max, min + 20) + 1);
        if (schema["minLength"] is not null)
        {
            Track(file, path, "minLength", length == min);
        }

        if (schema["maxLength"] is not null)
        {
            Track(file, path, "maxLength", length == max);
        }

        var chars = new char[length];
        for (int i = 0; i < length; i++)
        {
            chars[i] = TextAlphabet[random.Next(TextAlphabet.Length)];
        }

        return new string(chars);
    }

    /// <summary>
    /// A typed date member (x-clr-type): a real calendar date in ATOL's format, between the earliest and the latest the
    /// pattern admits (1900 and 2099 where it limits the century), which are tracked as limits to reach.
    /// </summary>
    private string GenerateDate(JsonObject schema, string file, string path)
    {
        bool withTime = schema["x-clr-type"]!.GetValue<string>() != "date";
        string format = withTime ? "dd.MM.yyyy HH:mm:ss" : "dd.MM.yyyy";
        var regex = schema["pattern"] is JsonValue p ? new Regex(p.GetValue<string>(), RegexOptions.ECMAScript) : null;
        bool Admits(DateTime value) => regex is null || regex.IsMatch(value.ToString(format, CultureInfo.InvariantCulture));
        var earliest = new[] { new DateTime(1, 1, 1), new DateTime(1000, 1, 1), new DateTime(1900, 1, 1), new DateTime(2000, 1, 1) }.First(Admits);
        var latest = new[] { new DateTime(9999, 12, 31, 23, 59, 59), new DateTime(2099, 12, 31, 23, 59, 59) }.First(Admits);
        if (!withTime)
        {
            latest = latest.Date;
        }

        int limit = PickLimit();
        DateTime value = limit < 0 ? earliest : limit > 0 ? latest
            : earliest.AddSeconds(random.NextDouble() * (latest - earliest).TotalSeconds);
        if (!withTime)
        {
            value = value.Date;
        }

        value = new DateTime(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond));
        Track(file, path, "x-clr-type earliest", value == earliest);
        Track(file, path, "x-clr-type latest", value == latest);
        return value.ToString(format, CultureInfo.InvariantCulture);
    }

    private long GenerateInteger(JsonObject schema, string file, string path)
    {
        long min = (long?)(decimal?)schema["minimum"] ?? ((long?)(decimal?)schema["exclusiveMinimum"] + 1) ?? 0;
        long max = (long?)(decimal?)schema["maximum"] ?? ((long?)(decimal?)schema["exclusiveMaximum"] - 1) ?? min + 1000;
        int limit = PickLimit();
        long value = limit < 0 ? min : limit > 0 ? max : min + (long)(random.NextDouble() * Math.Min(max - min, 1_000_000));
        TrackNumberLimits(schema, file, path, value, min, max);
        return value;
    }

    private decimal GenerateNumber(JsonObject schema, string file, string path)
    {
        decimal step = (decimal?)schema["multipleOf"] ?? 0.01m;
        decimal min = (decimal?)schema["minimum"] ?? ((decimal?)schema["exclusiveMinimum"] + step) ?? 0m;
        decimal max = (decimal?)schema["maximum"] ?? ((decimal?)schema["exclusiveMaximum"] - step) ?? min + 100_000m;
        decimal allSteps = Math.Floor((max - min) / step);
        int limit = PickLimit();
        decimal value = limit < 0 ? min : limit > 0 ? min + (step * allSteps) : min + (step * (long)(random.NextDouble() * (double)Math.Min(allSteps, 10_000_000m)));
        TrackNumberLimits(schema, file, path, value, min, max);
        return value;
    }

    /// <summary>Exclusive limits count as reached one step inside them (the closest valid value).</summary>
    private void TrackNumberLimits(JsonObject schema, string file, string path, decimal value, decimal min, decimal max)
    {
        foreach (var keyword in new[] { "minimum", "exclusiveMinimum" })
        {
            if (schema[keyword] is not null)
            {
                Track(file, path, keyword, value == min);
            }
        }

        foreach (var keyword in new[] { "maximum", "exclusiveMaximum" })
        {
            if (schema[keyword] is not null)
            {
                Track(file, path, keyword, value == max);
            }
        }
    }

    // ------------------------------------------------------------------ mutations

    private void AddObjectMutations(JsonObject target, JsonObject schema, string file, string path, JsonObject properties, HashSet<string> required, JsonObject? dependent)
    {
        foreach (var name in required)
        {
            _mutations.Add(new Mutation($"remove required {Child(path, name)}", Child(path, name), ValidationCodes.Required, () => target.Remove(name)));
        }

        if (schema["additionalProperties"] is JsonValue additional && !additional.GetValue<bool>())
        {
            // Where ATOL's service ignores unknown members (x-service, v4), our profile only warns.
            bool serviceIgnores = schema["x-service"]?["additionalProperties"] is JsonValue open && open.GetValue<bool>();
            _mutations.Add(new Mutation($"unknown member in {path}", Child(path, "x_unknown_member"), ValidationCodes.UnknownProperty, () => target["x_unknown_member"] = 1)
            {
                ExpectedSeverity = serviceIgnores ? ValidationSeverity.Warning : ValidationSeverity.Error,
            });
        }

        if ((int?)schema["maxProperties"] is { } max)
        {
            var absent = properties.Select(p => p.Key).Where(k => !target.ContainsKey(k)).ToList();
            if (absent.Count > 0 && target.Count >= max)
            {
                string extra = absent[random.Next(absent.Count)];
                var value = new DocumentGenerator(schemas, random).GenerateValue((JsonObject)properties[extra]!, file, Child(path, extra));
                _mutations.Add(new Mutation($"too many members in {path}", path, ValidationCodes.MaxProperties, () => target[extra] = value));
            }
        }

        if ((int?)schema["minProperties"] is > 0 && target.Count > 0 && required.Count == 0)
        {
            _mutations.Add(new Mutation($"too few members in {path}", path, ValidationCodes.MinProperties, () =>
            {
                foreach (var key in target.Select(p => p.Key).ToList())
                {
                    target.Remove(key);
                }
            }));
        }

        if (dependent is not null)
        {
            foreach (var (name, needs) in dependent)
            {
                foreach (var need in needs!.AsArray().Select(n => n!.GetValue<string>()))
                {
                    if (target.ContainsKey(name) && target.ContainsKey(need) && !required.Contains(need))
                    {
                        _mutations.Add(new Mutation($"remove {need} although {name} is present", Child(path, need), ValidationCodes.DependentRequired, () => target.Remove(need)));
                    }
                }
            }
        }
    }

    private void AddValueMutations(JsonNode parent, object key, JsonObject declared, string file, string path)
    {
        var (schema, _) = schemas.Resolve(declared, file);
        int before = _mutations.Count;
        try
        {
            AddValueMutationsCore(parent, key, schema, path);
        }
        finally
        {
            if (declared["x-severity"]?.GetValue<string>() == "warning")
            {
                for (int i = before; i < _mutations.Count; i++)
                {
                    if (_mutations[i].ExpectedCode is not (ValidationCodes.Type or ValidationCodes.Enum))
                    {
                        _mutations[i] = _mutations[i] with { ExpectedSeverity = ValidationSeverity.Warning };
                    }
                }
            }
        }
    }

    private void AddValueMutationsCore(JsonNode parent, object key, JsonObject schema, string path)
    {
        void Set(JsonNode? value)
        {
            if (parent is JsonObject o)
            {
                o[(string)key] = value;
            }
            else
            {
                ((JsonArray)parent)[(int)key] = value;
            }
        }

        JsonNode? current = parent is JsonObject obj ? obj[(string)key] : ((JsonArray)parent)[(int)key];
        string type = schema["type"] is JsonArray types ? types.Select(t => t!.GetValue<string>()).First(t => t != "null") : schema["type"]!.GetValue<string>();
        if (schema["enum"] is JsonArray)
        {
            _mutations.Add(new Mutation($"bad enum at {path}", path, ValidationCodes.Enum, () => Set(type == "string" ? JsonValue.Create("zz_not_a_value") : JsonValue.Create(987654))));
            return;
        }

        switch (type)
        {
            case "string":
                _mutations.Add(new Mutation($"number instead of string at {path}", path, ValidationCodes.Type, () => Set(JsonValue.Create(12345))));
                if ((int?)schema["maxLength"] is { } maxLength)
                {
                    string longer = current!.GetValue<string>() + new string('7', maxLength + 1 - current.GetValue<string>().Length);
                    _mutations.Add(new Mutation($"too long at {path}", path, ValidationCodes.MaxLength, () => Set(JsonValue.Create(longer))));
                }

                if ((int?)schema["minLength"] is > 0 and var minLength)
                {
                    string shorter = current!.GetValue<string>()[..(minLength - 1)];
                    _mutations.Add(new Mutation($"too short at {path}", path, ValidationCodes.MinLength, () => Set(JsonValue.Create(shorter))));
                }

                if (schema["pattern"] is JsonValue pattern)
                {
                    var regex = new Regex(pattern.GetValue<string>(), RegexOptions.ECMAScript);
                    foreach (var bad in new[] { "!", "a b", "+", "" })
                    {
                        if (!regex.IsMatch(bad))
                        {
                            _mutations.Add(new Mutation($"pattern broken at {path}", path, ValidationCodes.Pattern, () => Set(JsonValue.Create(bad))));
                            break;
                        }
                    }
                }

                break;
            case "integer":
            case "number":
                _mutations.Add(new Mutation($"string instead of number at {path}", path, ValidationCodes.Type, () => Set(JsonValue.Create("12"))));
                decimal value = current!.GetValue<decimal>();
                decimal step = (decimal?)schema["multipleOf"] ?? 1m;
                if ((decimal?)schema["minimum"] is { } minimum)
                {
                    _mutations.Add(new Mutation($"below minimum at {path}", path, ValidationCodes.Minimum, () => Set(Number(minimum - step))));
                }

                if ((decimal?)schema["maximum"] is { } maximum)
                {
                    _mutations.Add(new Mutation($"above maximum at {path}", path, ValidationCodes.Maximum, () => Set(Number(maximum + step))));
                }

                if ((decimal?)schema["exclusiveMinimum"] is { } exclusiveMinimum)
                {
                    _mutations.Add(new Mutation($"at exclusive minimum at {path}", path, ValidationCodes.ExclusiveMinimum, () => Set(Number(exclusiveMinimum))));
                }

                if ((decimal?)schema["exclusiveMaximum"] is { } exclusiveMaximum)
                {
                    _mutations.Add(new Mutation($"at exclusive maximum at {path}", path, ValidationCodes.ExclusiveMaximum, () => Set(Number(exclusiveMaximum))));
                }

                if (schema["multipleOf"] is not null)
                {
                    decimal off = value + (step / 10m);
                    _mutations.Add(new Mutation($"not a multiple at {path}", path, ValidationCodes.MultipleOf, () => Set(Number(off))));
                }

                break;
            case "boolean":
                _mutations.Add(new Mutation($"string instead of boolean at {path}", path, ValidationCodes.Type, () => Set(JsonValue.Create("yes"))));
                break;
            case "array":
                var array = (JsonArray)current!;
                if ((int?)schema["minItems"] is > 0 and var minItems)
                {
                    _mutations.Add(new Mutation($"too few elements at {path}", path, ValidationCodes.MinItems, () =>
                    {
                        while (array.Count >= minItems)
                        {
                            array.RemoveAt(array.Count - 1);
                        }
                    }));
                }

                if ((int?)schema["maxItems"] is { } maxItems && array.Count > 0)
                {
                    _mutations.Add(new Mutation($"too many elements at {path}", path, ValidationCodes.MaxItems, () =>
                    {
                        var first = array[0]!;
                        while (array.Count <= maxItems)
                        {
                            array.Add(first.DeepClone());
                        }
                    }));
                }

                break;
            case "object":
                _mutations.Add(new Mutation($"array instead of object at {path}", path, ValidationCodes.Type, () => Set(new JsonArray())));
                break;
        }
    }

    /// <summary>Numbers are parsed from text so that they read back as any numeric type.</summary>
    private static JsonNode Number(decimal value) => JsonNode.Parse(value.ToString(CultureInfo.InvariantCulture))!;

    private static string Child(string path, string name) => path.Length == 0 ? name : path + "." + name;
}
