using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using AtolOnline.Generators.Json;
using AtolOnline.Generators.Model;

namespace AtolOnline.Generators.Parsing;

/// <summary>
/// Turns the schema files of one folder into an equatable model. Everything the generator does not understand is a
/// diagnostic that points at the file: nothing is skipped silently.
/// </summary>
internal sealed class SchemaParser
{
    /// <summary>
    /// Keywords that annotate rather than constrain. <c>x-source</c> (where a fact comes from: source ids and decision
    /// numbers of schemas/DECISIONS.md) is accepted everywhere and never read, so citations stay out of the XML docs.
    /// </summary>
    private static readonly HashSet<string> Annotations = new HashSet<string>(StringComparer.Ordinal)
    {
        "description", "title", "$comment", "examples", "x-ffd-tag", "x-csharp-name", "x-severity", "x-secret", "x-service", "x-source",
    };

    /// <summary>Keywords <c>x-service</c> may override on a value (null: ATOL's schema has no such keyword).</summary>
    private static readonly HashSet<string> ServiceValueKeywords = new HashSet<string>(StringComparer.Ordinal)
    {
        "minLength", "maxLength", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems", "maxItems", "x-format",
    };

    /// <summary>Keywords of <c>x-service</c> handled elsewhere: on a property (nullable) or on an object (required, additionalProperties).</summary>
    private static readonly HashSet<string> ServiceOtherKeywords = new HashSet<string>(StringComparer.Ordinal)
    {
        "nullable", "required", "additionalProperties", "dependentRequired",
    };

    private static readonly HashSet<string> RootOnly = new HashSet<string>(StringComparer.Ordinal)
    {
        "$schema", "$id", "$defs",
    };

    private static readonly Dictionary<string, string[]> KeywordsByType = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["object"] = new[] { "type", "properties", "required", "additionalProperties", "minProperties", "maxProperties", "dependentRequired" },
        ["string"] = new[] { "type", "minLength", "maxLength", "pattern", "x-format", "x-clr-type", "enum", "x-enum-names", "x-enum-descriptions", "x-enum-open" },
        ["integer"] = new[] { "type", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "enum", "x-enum-names", "x-enum-descriptions", "x-enum-open", "x-clr-type" },
        ["number"] = new[] { "type", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf" },
        ["boolean"] = new[] { "type" },
        ["array"] = new[] { "type", "items", "minItems", "maxItems" },
    };

    private readonly string _namespace;
    private readonly Dictionary<string, ParsedFile> _files = new Dictionary<string, ParsedFile>(StringComparer.Ordinal);
    private readonly List<DiagnosticInfo> _diagnostics = new List<DiagnosticInfo>();
    private readonly List<TypeModel> _types = new List<TypeModel>();
    private readonly Dictionary<string, (ParsedFile File, JsonNode Node)> _typeNames = new Dictionary<string, (ParsedFile, JsonNode)>(StringComparer.Ordinal);
    private readonly Dictionary<JsonNode, string> _emitted = new Dictionary<JsonNode, string>();
    private readonly HashSet<JsonNode> _inProgress = new HashSet<JsonNode>();
    private readonly HashSet<JsonNode> _failed = new HashSet<JsonNode>();

    private SchemaParser(string ns)
    {
        _namespace = ns;
    }

    public static FolderModel Parse(string folder, IEnumerable<SchemaFile> files)
    {
        var parser = new SchemaParser(NamespaceFor(folder));
        foreach (var file in files.OrderBy(f => f.FileName, StringComparer.Ordinal))
        {
            parser.Load(file);
        }

        parser.Run();
        return new FolderModel(
            parser._namespace,
            parser._types.OrderBy(t => t.Name, StringComparer.Ordinal).ToEquatableArray(),
            parser._diagnostics.ToEquatableArray());
    }

    /// <summary><c>v5</c> -> <c>AtolOnline.V5</c>, <c>monitoring</c> -> <c>AtolOnline.Monitoring</c>.</summary>
    public static string NamespaceFor(string folder) => "AtolOnline." + Names.Pascal(folder);

    private void Load(SchemaFile file)
    {
        var parsed = new ParsedFile(file);
        try
        {
            parsed.Root = JsonParser.Parse(file.Text);
        }
        catch (JsonParseException ex)
        {
            Report(Diagnostics.InvalidJson, parsed, ex.Offset, 1, "not valid JSON: " + ex.Message);
            return;
        }

        if (parsed.Root.Kind != JsonKind.Object)
        {
            Report(Diagnostics.InvalidJson, parsed, parsed.Root, "a schema file must hold a JSON object");
            return;
        }

        _files[file.FileName] = parsed;
    }

    private void Run()
    {
        foreach (var file in _files.Values.OrderBy(f => f.File.FileName, StringComparer.Ordinal))
        {
            var root = file.Root!;
            foreach (var member in root.Members)
            {
                if (!RootOnly.Contains(member.Key) && !Annotations.Contains(member.Key) && member.Key != "type"
                    && root.Get("type") is null)
                {
                    Report(Diagnostics.Unsupported, file, member.Value, "keyword '" + member.Key + "' is not supported in a definitions file");
                }
            }

            if (root.Get("$defs") is { } defs)
            {
                if (defs.Kind != JsonKind.Object)
                {
                    Report(Diagnostics.InvalidValue, file, defs, "$defs must be an object");
                }
                else
                {
                    foreach (var def in defs.Members)
                    {
                        if (def.Value.Kind == JsonKind.Object && IsNamedType(def.Value))
                        {
                            DeclareName(file, def.Value, Str(def.Value, "x-csharp-name") ?? def.Key);
                        }
                    }
                }
            }

            if (root.Get("type") is not null)
            {
                var name = Str(root, "x-csharp-name");
                if (name is null)
                {
                    Report(Diagnostics.MissingName, file, root, "a root schema needs 'x-csharp-name'");
                    continue;
                }

                file.RootName = name;
                DeclareName(file, root, name);
            }
        }

        foreach (var file in _files.Values.OrderBy(f => f.File.FileName, StringComparer.Ordinal))
        {
            if (file.Root!.Get("$defs") is { Kind: JsonKind.Object } defs)
            {
                foreach (var def in defs.Members)
                {
                    if (def.Value.Kind == JsonKind.Object && IsNamedType(def.Value))
                    {
                        EnsureType(file, def.Value, Str(def.Value, "x-csharp-name") ?? def.Key, isRoot: false);
                    }
                }
            }

            if (file.RootName is not null)
            {
                EnsureType(file, file.Root!, file.RootName, isRoot: true);
            }
        }
    }

    private static bool IsNamedType(JsonNode node) =>
        node.Get("enum") is not null || Str(node, "type") == "object";

    private void DeclareName(ParsedFile file, JsonNode node, string name)
    {
        if (!Names.IsIdentifier(name))
        {
            Report(Diagnostics.InvalidValue, file, node, "'" + name + "' is not a valid C# type name");
            return;
        }

        if (_typeNames.TryGetValue(name, out var existing) && !ReferenceEquals(existing.Node, node))
        {
            Report(Diagnostics.NameClash, file, node, "type name '" + name + "' is already used in " + existing.File.File.FileName);
            return;
        }

        _typeNames[name] = (file, node);
    }

    /// <summary>Emits the type for a named schema node once; returns its C# name.</summary>
    private string? EnsureType(ParsedFile file, JsonNode node, string name, bool isRoot)
    {
        if (_emitted.TryGetValue(node, out var done))
        {
            return done;
        }

        if (_failed.Contains(node))
        {
            return null; // already reported once
        }

        if (!_inProgress.Add(node))
        {
            return name; // recursive reference: the type is being built right now
        }

        try
        {
            if (!_typeNames.TryGetValue(name, out var owner))
            {
                DeclareName(file, node, name);
            }
            else if (!ReferenceEquals(owner.Node, node))
            {
                return null; // clash already reported
            }

            TypeModel? type = node.Get("enum") is not null ? BuildEnum(file, node, name) : BuildRecord(file, node, name, isRoot);
            if (type is null)
            {
                _failed.Add(node);
                return null;
            }

            _types.Add(type);
            _emitted[node] = name;
            return name;
        }
        finally
        {
            _inProgress.Remove(node);
        }
    }

    private TypeModel? BuildEnum(ParsedFile file, JsonNode node, string name)
    {
        string? type = Str(node, "type");
        if (type != "string" && type != "integer")
        {
            Report(Diagnostics.Unsupported, file, node, "an enum must have type 'string' or 'integer'");
            return null;
        }

        CheckKeywords(file, node, type);
        var values = node.Get("enum")!;
        if (values.Kind != JsonKind.Array || values.Items.Count == 0)
        {
            Report(Diagnostics.InvalidValue, file, values, "'enum' must be a non-empty array");
            return null;
        }

        var names = node.Get("x-enum-names");
        var descriptions = node.Get("x-enum-descriptions");
        if (names is not null && (names.Kind != JsonKind.Array || names.Items.Count != values.Items.Count))
        {
            Report(Diagnostics.InvalidValue, file, names, "'x-enum-names' must list one name per enum value");
            return null;
        }

        if (descriptions is not null && (descriptions.Kind != JsonKind.Array || descriptions.Items.Count != values.Items.Count))
        {
            Report(Diagnostics.InvalidValue, file, descriptions, "'x-enum-descriptions' must list one text per enum value");
            return null;
        }

        bool isString = type == "string";
        bool open = node.Get("x-enum-open")?.Kind == JsonKind.True;
        var members = new List<EnumMemberModel>();
        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        if (open)
        {
            usedNames.Add("Unknown");
        }

        for (int i = 0; i < values.Items.Count; i++)
        {
            var value = values.Items[i];
            string wire;
            long number = 0;
            if (isString)
            {
                if (value.Kind != JsonKind.String)
                {
                    Report(Diagnostics.InvalidValue, file, value, "a string enum may hold only strings");
                    return null;
                }

                wire = value.StringValue!;
            }
            else
            {
                if (value.Kind != JsonKind.Number || !long.TryParse(value.NumberText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number)
                    || number < int.MinValue || number > int.MaxValue)
                {
                    Report(Diagnostics.InvalidValue, file, value, "an integer enum may hold only 32-bit integers");
                    return null;
                }

                if (open && number == -1)
                {
                    Report(Diagnostics.InvalidValue, file, value, "an open integer enum reserves -1 for Unknown");
                    return null;
                }

                wire = number.ToString(CultureInfo.InvariantCulture);
            }

            string? memberName = names is not null ? names.Items[i].StringValue : (isString ? Names.Pascal(wire) : null);
            if (memberName is null || !Names.IsIdentifier(memberName))
            {
                Report(Diagnostics.MissingName, file, names?.Items[i] ?? value, "enum value '" + wire + "' needs a C# name in 'x-enum-names'");
                return null;
            }

            if (!usedNames.Add(memberName))
            {
                Report(Diagnostics.NameClash, file, names?.Items[i] ?? value, "enum member name '" + memberName + "' is used twice");
                return null;
            }

            members.Add(new EnumMemberModel(memberName, wire, number, descriptions?.Items[i].StringValue));
        }

        return new TypeModel
        {
            Namespace = _namespace,
            Name = name,
            Kind = TypeModelKind.Enum,
            Description = Str(node, "description"),
            SourceFile = file.File.FileName,
            EnumIsString = isString,
            EnumOpen = open,
            Members = members.ToEquatableArray(),
            Properties = default(EquatableArray<PropertyModel>),
            DependentRequired = default(EquatableArray<DependentRequiredModel>),
        };
    }

    private TypeModel? BuildRecord(ParsedFile file, JsonNode node, string name, bool isRoot)
    {
        CheckKeywords(file, node, "object", isRoot);
        var props = node.Get("properties");
        var properties = new List<PropertyModel>();
        var required = new HashSet<string>(StringComparer.Ordinal);
        if (node.Get("required") is { } req)
        {
            foreach (var item in req.Items)
            {
                if (item.Kind != JsonKind.String || props?.Get(item.StringValue!) is null)
                {
                    Report(Diagnostics.InvalidValue, file, item, "'required' names a property that is not declared");
                    continue;
                }

                required.Add(item.StringValue!);
            }
        }

        // x-service.required: the members ATOL's service requires, when that differs from ours.
        HashSet<string>? serviceRequired = null;
        var objectService = node.Get("x-service");
        if (objectService?.Get("required") is { } serviceReq)
        {
            serviceRequired = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in serviceReq.Items)
            {
                if (item.Kind != JsonKind.String || props?.Get(item.StringValue!) is null)
                {
                    Report(Diagnostics.InvalidValue, file, item, "'x-service.required' names a property that is not declared");
                    continue;
                }

                serviceRequired.Add(item.StringValue!);
            }
        }

        var serviceAdditional = objectService?.Get("additionalProperties");
        if (serviceAdditional is not null && serviceAdditional.Kind != JsonKind.True && serviceAdditional.Kind != JsonKind.False)
        {
            Report(Diagnostics.InvalidValue, file, serviceAdditional, "'x-service.additionalProperties' may only be true or false");
        }

        var serviceDependent = objectService?.Get("dependentRequired");
        if (serviceDependent is not null && (serviceDependent.Kind != JsonKind.Object || serviceDependent.Members.Count > 0))
        {
            Report(Diagnostics.InvalidValue, file, serviceDependent, "'x-service.dependentRequired' may only be {} (the service has no such dependency)");
        }

        var csNames = new HashSet<string>(StringComparer.Ordinal) { name };
        if (props is not null)
        {
            foreach (var member in props.Members)
            {
                var prop = member.Value;
                string csName = Str(prop, "x-csharp-name") ?? Names.Pascal(member.Key);
                if (!Names.IsIdentifier(csName) || Names.IsReservedMember(csName))
                {
                    Report(Diagnostics.NameClash, file, prop, "property '" + member.Key + "' maps to the C# name '" + csName + "', which is not usable; set 'x-csharp-name'");
                    continue;
                }

                if (!csNames.Add(csName))
                {
                    Report(Diagnostics.NameClash, file, prop, "C# property name '" + csName + "' is used twice in '" + name + "'");
                    continue;
                }

                var value = BuildValue(file, prop, csName, allowNull: true);
                if (value is null)
                {
                    continue;
                }

                int? tag = Int(prop, "x-ffd-tag");
                bool warning = Str(prop, "x-severity") == "warning";
                if (warning && value.Kind is ValueKind.DateTime or ValueKind.Date or ValueKind.DateTimeOffset)
                {
                    // A date whose violations are only warnings may be unreadable: it then reads as null (schemas/README.md).
                    value = value with { Nullable = true };
                }
                if (Str(prop, "x-severity") is { } sev && sev != "warning" && sev != "error")
                {
                    Report(Diagnostics.InvalidValue, file, prop, "'x-severity' must be 'error' or 'warning'");
                }

                if (Str(prop, "description") is null)
                {
                    Report(Diagnostics.MissingDescription, file, prop, "property '" + member.Key + "' has no description");
                }

                properties.Add(new PropertyModel(
                    member.Key,
                    csName,
                    Str(prop, "description") ?? Str(prop, "title"),
                    tag,
                    required.Contains(member.Key),
                    warning,
                    prop.Get("x-secret")?.Kind == JsonKind.True,
                    value)
                {
                    ServiceRequired = serviceRequired is null ? required.Contains(member.Key) : serviceRequired.Contains(member.Key),
                    ServiceNullable = prop.Get("x-service")?.Get("nullable")?.Kind == JsonKind.True,
                });
            }
        }

        var additional = node.Get("additionalProperties");
        if (additional is not null && additional.Kind != JsonKind.True && additional.Kind != JsonKind.False)
        {
            Report(Diagnostics.Unsupported, file, additional, "'additionalProperties' may only be true or false");
        }

        var dependent = new List<DependentRequiredModel>();
        if (node.Get("dependentRequired") is { } dep)
        {
            foreach (var entry in dep.Members)
            {
                if (props?.Get(entry.Key) is null || entry.Value.Kind != JsonKind.Array
                    || entry.Value.Items.Any(i => i.Kind != JsonKind.String || props.Get(i.StringValue!) is null))
                {
                    Report(Diagnostics.InvalidValue, file, entry.Value, "'dependentRequired' must name declared properties");
                    continue;
                }

                dependent.Add(new DependentRequiredModel(entry.Key, entry.Value.Items.Select(i => i.StringValue!).ToEquatableArray()));
            }
        }

        return new TypeModel
        {
            Namespace = _namespace,
            Name = name,
            Kind = TypeModelKind.Record,
            Description = Str(node, "description") ?? Str(node, "title"),
            SourceFile = file.File.FileName,
            IsRoot = isRoot,
            Strict = additional?.Kind == JsonKind.False,
            ServiceDependentRequired = serviceDependent is null,
            ServiceStrict = serviceAdditional is null ? additional?.Kind == JsonKind.False : serviceAdditional.Kind == JsonKind.False,
            MinProperties = Int(node, "minProperties"),
            MaxProperties = Int(node, "maxProperties"),
            Properties = properties.ToEquatableArray(),
            DependentRequired = dependent.ToEquatableArray(),
            Members = default(EquatableArray<EnumMemberModel>),
        };
    }

    private ValueModel? BuildValue(ParsedFile file, JsonNode node, string contextName, bool allowNull)
    {
        var value = BuildValueCore(file, node, contextName, allowNull);
        return value is null || node.Kind != JsonKind.Object ? value : ApplyService(file, node, value);
    }

    /// <summary>
    /// Applies <c>x-service</c> (ATOL's own value of each keyword where ours is stricter; null = ATOL has none) on top of
    /// what the value already carries (an alias's own <c>x-service</c>, an array element's).
    /// </summary>
    private ValueModel ApplyService(ParsedFile file, JsonNode node, ValueModel value)
    {
        var overrides = node.Get("x-service");
        var itemsService = value.Kind == ValueKind.Array ? value.Items?.Service : null;
        if (overrides is null && itemsService is null)
        {
            return value;
        }

        var service = value.Service ?? value;
        if (itemsService is not null)
        {
            service = service with { Items = itemsService };
        }

        if (overrides is not null)
        {
            if (overrides.Kind != JsonKind.Object)
            {
                Report(Diagnostics.InvalidValue, file, overrides, "'x-service' must be an object");
                return value;
            }

            bool integer = value.Kind is ValueKind.Int32 or ValueKind.Int64;
            foreach (var member in overrides.Members)
            {
                bool absent = member.Value.Kind == JsonKind.Null;
                if (ServiceOtherKeywords.Contains(member.Key))
                {
                    continue;
                }

                if (!ServiceValueKeywords.Contains(member.Key))
                {
                    Report(Diagnostics.Unsupported, file, member.Value, "keyword '" + member.Key + "' is not supported in 'x-service'");
                    continue;
                }

                service = member.Key switch
                {
                    "minLength" => service with { MinLength = absent ? null : Int(overrides, member.Key) },
                    "maxLength" => service with { MaxLength = absent ? null : Int(overrides, member.Key) },
                    "minItems" => service with { MinItems = absent ? null : Int(overrides, member.Key) },
                    "maxItems" => service with { MaxItems = absent ? null : Int(overrides, member.Key) },
                    "x-format" => service with { Base64 = !absent && Str(overrides, member.Key) == "base64" },
                    "pattern" => service with { Pattern = absent ? null : ServicePattern(file, overrides, member.Value) },
                    "minimum" => service with { Minimum = absent ? null : Num(file, overrides, member.Key, integer) },
                    "maximum" => service with { Maximum = absent ? null : Num(file, overrides, member.Key, integer) },
                    "exclusiveMinimum" => service with { ExclusiveMinimum = absent ? null : Num(file, overrides, member.Key, integer) },
                    "exclusiveMaximum" => service with { ExclusiveMaximum = absent ? null : Num(file, overrides, member.Key, integer) },
                    _ => service with { MultipleOf = absent ? null : Num(file, overrides, member.Key, integer) },
                };
            }
        }

        return value with { Service = service with { Service = null } };
    }

    private string? ServicePattern(ParsedFile file, JsonNode overrides, JsonNode pattern)
    {
        if (pattern.Kind != JsonKind.String)
        {
            Report(Diagnostics.InvalidValue, file, pattern, "'x-service.pattern' must be a string or null");
            return null;
        }

        try
        {
            _ = new Regex(pattern.StringValue!, RegexOptions.ECMAScript);
        }
        catch (ArgumentException ex)
        {
            Report(Diagnostics.InvalidValue, file, pattern, "x-service pattern is not a valid regular expression: " + ex.Message);
            return null;
        }

        return Str(overrides, "pattern");
    }

    private ValueModel? BuildValueCore(ParsedFile file, JsonNode node, string contextName, bool allowNull)
    {
        if (node.Kind != JsonKind.Object)
        {
            Report(Diagnostics.InvalidValue, file, node, "a property schema must be an object");
            return null;
        }

        if (node.Get("$ref") is { } reference)
        {
            foreach (var member in node.Members)
            {
                if (member.Key != "$ref" && !Annotations.Contains(member.Key))
                {
                    Report(Diagnostics.Unsupported, file, member.Value, "keyword '" + member.Key + "' cannot stand beside '$ref'");
                }
            }

            return ResolveRef(file, reference);
        }

        bool nullable = false;
        string? type = null;
        var typeNode = node.Get("type");
        if (typeNode?.Kind == JsonKind.Array)
        {
            var names = typeNode.Items.Select(i => i.StringValue).ToList();
            if (allowNull && names.Count == 2 && names.Contains("null"))
            {
                nullable = true;
                type = names.First(n => n != "null");
            }
            else
            {
                Report(Diagnostics.Unsupported, file, typeNode, "a type list may only be [\"<type>\", \"null\"]");
                return null;
            }
        }
        else
        {
            type = typeNode?.StringValue;
        }

        if (type is null || !KeywordsByType.ContainsKey(type))
        {
            Report(Diagnostics.Unsupported, file, node, "every schema needs a 'type' of object, string, integer, number, boolean or array (or a '$ref')");
            return null;
        }

        if (node.Get("enum") is not null)
        {
            Report(Diagnostics.Unsupported, file, node, "inline enums are not supported: declare the enum in $defs and use $ref");
            return null;
        }

        if (type == "object")
        {
            string name = Str(node, "x-csharp-name") ?? contextName;
            var typeName = EnsureType(file, node, name, isRoot: false);
            return typeName is null ? null : new ValueModel { Kind = ValueKind.Object, TypeName = typeName, Nullable = nullable };
        }

        CheckKeywords(file, node, type);
        var value = new ValueModel { Nullable = nullable };
        switch (type)
        {
            case "string":
                value = value with
                {
                    Kind = ValueKind.String,
                    MinLength = Int(node, "minLength"),
                    MaxLength = Int(node, "maxLength"),
                    Pattern = Str(node, "pattern"),
                };
                if (value.Pattern is not null)
                {
                    try
                    {
                        _ = new Regex(value.Pattern, RegexOptions.ECMAScript);
                    }
                    catch (ArgumentException ex)
                    {
                        Report(Diagnostics.InvalidValue, file, node.Get("pattern")!, "pattern is not a valid regular expression: " + ex.Message);
                        return null;
                    }
                }

                if (Str(node, "x-format") is { } format)
                {
                    if (format != "base64")
                    {
                        Report(Diagnostics.Unsupported, file, node.Get("x-format")!, "x-format '" + format + "' is not supported (only 'base64')");
                        return null;
                    }

                    value = value with { Base64 = true };
                }

                if (Str(node, "x-clr-type") is { } dateType)
                {
                    // Dates and times become CLR types; the pattern and lengths still judge the wire text (schemas/README.md).
                    value = dateType switch
                    {
                        "datetime" => value with { Kind = ValueKind.DateTime },
                        "date" => value with { Kind = ValueKind.Date },
                        "datetimeoffset" => value with { Kind = ValueKind.DateTimeOffset },
                        "datetimeoffset-iso" => value with { Kind = ValueKind.DateTimeOffset, IsoDate = true },
                        _ => value,
                    };
                    if (value.Kind == ValueKind.String)
                    {
                        Report(Diagnostics.InvalidValue, file, node.Get("x-clr-type")!, "x-clr-type of a string must be 'datetime', 'date', 'datetimeoffset' or 'datetimeoffset-iso'");
                        return null;
                    }

                    if (value.Base64 || (value.IsoDate && (value.Pattern is not null || value.MinLength.HasValue || value.MaxLength.HasValue)))
                    {
                        Report(Diagnostics.Unsupported, file, node.Get("x-clr-type")!, "a date member takes no x-format; an ISO 8601 one takes no pattern or lengths");
                        return null;
                    }
                }

                break;
            case "integer":
                var clr = Str(node, "x-clr-type");
                value = value with
                {
                    Kind = clr == "long" || !FitsInt32(node) ? ValueKind.Int64 : ValueKind.Int32,
                    Minimum = Num(file, node, "minimum", integer: true),
                    Maximum = Num(file, node, "maximum", integer: true),
                    ExclusiveMinimum = Num(file, node, "exclusiveMinimum", integer: true),
                    ExclusiveMaximum = Num(file, node, "exclusiveMaximum", integer: true),
                };
                if (clr is not null && clr != "long" && clr != "int")
                {
                    Report(Diagnostics.InvalidValue, file, node.Get("x-clr-type")!, "x-clr-type must be 'int' or 'long'");
                }

                break;
            case "number":
                value = value with
                {
                    Kind = ValueKind.Decimal,
                    Minimum = Num(file, node, "minimum", integer: false),
                    Maximum = Num(file, node, "maximum", integer: false),
                    ExclusiveMinimum = Num(file, node, "exclusiveMinimum", integer: false),
                    ExclusiveMaximum = Num(file, node, "exclusiveMaximum", integer: false),
                    MultipleOf = Num(file, node, "multipleOf", integer: false),
                };
                break;
            case "boolean":
                value = value with { Kind = ValueKind.Boolean };
                break;
            case "array":
                var items = node.Get("items");
                if (items is null)
                {
                    Report(Diagnostics.Unsupported, file, node, "an array needs 'items'");
                    return null;
                }

                if (items.Kind == JsonKind.Object && Str(items, "type") == "object" && Str(items, "x-csharp-name") is null)
                {
                    Report(Diagnostics.MissingName, file, items, "an inline object in 'items' needs 'x-csharp-name' (or use $ref)");
                    return null;
                }

                var element = BuildValue(file, items, contextName + "Item", allowNull: false);
                if (element is null)
                {
                    return null;
                }

                if (element.Kind == ValueKind.Array)
                {
                    Report(Diagnostics.Unsupported, file, items, "arrays of arrays are not supported");
                    return null;
                }

                if (element.Kind is ValueKind.DateTime or ValueKind.Date or ValueKind.DateTimeOffset)
                {
                    Report(Diagnostics.Unsupported, file, items, "arrays of dates are not supported (x-clr-type on a property only)");
                    return null;
                }

                value = value with
                {
                    Kind = ValueKind.Array,
                    Items = element,
                    MinItems = Int(node, "minItems"),
                    MaxItems = Int(node, "maxItems"),
                };
                break;
        }

        return value;
    }

    private ValueModel? ResolveRef(ParsedFile file, JsonNode reference)
    {
        string? text = reference.StringValue;
        if (reference.Kind != JsonKind.String || string.IsNullOrEmpty(text))
        {
            Report(Diagnostics.BadRef, file, reference, "'$ref' must be a string");
            return null;
        }

        int hash = text!.IndexOf('#');
        string fileName = hash < 0 ? text : text.Substring(0, hash);
        string fragment = hash < 0 ? "" : text.Substring(hash + 1);
        if (fileName.StartsWith("./", StringComparison.Ordinal))
        {
            fileName = fileName.Substring(2);
        }

        if (fileName.IndexOf('/') >= 0)
        {
            Report(Diagnostics.BadRef, file, reference, "'$ref' '" + text + "' leaves the folder; only refs within the folder are supported");
            return null;
        }

        var target = fileName.Length == 0 ? file : (_files.TryGetValue(fileName, out var other) ? other : null);
        if (target is null)
        {
            Report(Diagnostics.BadRef, file, reference, "'$ref' '" + text + "': no schema file '" + fileName + "' in this folder");
            return null;
        }

        JsonNode? node;
        string? name;
        if (fragment.Length == 0)
        {
            node = target.Root;
            name = target.RootName;
            if (name is null)
            {
                Report(Diagnostics.BadRef, file, reference, "'$ref' '" + text + "' points at a file without a root type");
                return null;
            }
        }
        else if (fragment.StartsWith("/$defs/", StringComparison.Ordinal) && fragment.IndexOf('/', 7) < 0)
        {
            string key = fragment.Substring(7);
            node = target.Root!.Get("$defs")?.Get(key);
            name = node is null ? null : Str(node, "x-csharp-name") ?? key;
        }
        else
        {
            Report(Diagnostics.BadRef, file, reference, "'$ref' '" + text + "': only '#/$defs/<name>' fragments are supported");
            return null;
        }

        if (node is null || name is null)
        {
            Report(Diagnostics.BadRef, file, reference, "'$ref' '" + text + "' does not resolve");
            return null;
        }

        if (node.Get("enum") is not null)
        {
            var typeName = EnsureType(target, node, name, isRoot: false);
            if (typeName is null)
            {
                return null;
            }

            return new ValueModel { Kind = ValueKind.Enum, TypeName = typeName, EnumIsString = Str(node, "type") == "string", EnumOpen = node.Get("x-enum-open")?.Kind == JsonKind.True };
        }

        if (Str(node, "type") == "object")
        {
            var typeName = EnsureType(target, node, name, isRoot: ReferenceEquals(node, target.Root));
            return typeName is null ? null : new ValueModel { Kind = ValueKind.Object, TypeName = typeName };
        }

        // A scalar definition (e.g. a money amount) is an alias: its constraints are copied into the property.
        if (!_inProgress.Add(node))
        {
            Report(Diagnostics.BadRef, file, reference, "'$ref' '" + text + "' is circular");
            return null;
        }

        try
        {
            return BuildValue(target, node, name, allowNull: false);
        }
        finally
        {
            _inProgress.Remove(node);
        }
    }

    private void CheckKeywords(ParsedFile file, JsonNode node, string type, bool isRoot = false)
    {
        var allowed = KeywordsByType[type];
        foreach (var member in node.Members)
        {
            if (Annotations.Contains(member.Key) || Array.IndexOf(allowed, member.Key) >= 0 || (isRoot && RootOnly.Contains(member.Key)))
            {
                continue;
            }

            Report(Diagnostics.Unsupported, file, member.Value, "keyword '" + member.Key + "' is not supported on type '" + type + "'");
        }
    }

    private static bool FitsInt32(JsonNode node)
    {
        foreach (var key in new[] { "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" })
        {
            if (node.Get(key) is { } n && n.TryGetDecimal(out var d) && (d < int.MinValue || d > int.MaxValue))
            {
                return false;
            }
        }

        return true;
    }

    private string? Num(ParsedFile file, JsonNode node, string key, bool integer)
    {
        var n = node.Get(key);
        if (n is null)
        {
            return null;
        }

        if (!n.TryGetDecimal(out var d) || (integer && decimal.Truncate(d) != d) || (key == "multipleOf" && d <= 0))
        {
            Report(Diagnostics.InvalidValue, file, n, "'" + key + "' must be a " + (integer ? "whole " : "") + "number" + (key == "multipleOf" ? " above zero" : ""));
            return null;
        }

        return d.ToString(CultureInfo.InvariantCulture);
    }

    private static string? Str(JsonNode node, string key) => node.Get(key) is { Kind: JsonKind.String } v ? v.StringValue : null;

    private static int? Int(JsonNode node, string key) =>
        node.Get(key) is { Kind: JsonKind.Number } v && int.TryParse(v.NumberText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int i) ? i : null;

    private void Report(DiagnosticDescriptorInfo descriptor, ParsedFile file, JsonNode node, string message) =>
        Report(descriptor, file, node.Start, Math.Max(1, node.Length), message);

    private void Report(DiagnosticDescriptorInfo descriptor, ParsedFile file, int start, int length, string message)
    {
        var (line, column) = file.Position(start);
        var (endLine, endColumn) = file.Position(Math.Min(file.File.Text.Length, start + length));
        _diagnostics.Add(new DiagnosticInfo(descriptor.Id, file.File.FileName + ": " + message, file.File.Path, start, length, line, column, endLine, endColumn));
    }

    private sealed class ParsedFile
    {
        private int[]? _lineStarts;

        public ParsedFile(SchemaFile file)
        {
            File = file;
        }

        public SchemaFile File { get; }

        public JsonNode? Root { get; set; }

        public string? RootName { get; set; }

        public (int Line, int Column) Position(int offset)
        {
            if (_lineStarts is null)
            {
                var starts = new List<int> { 0 };
                for (int i = 0; i < File.Text.Length; i++)
                {
                    if (File.Text[i] == '\n')
                    {
                        starts.Add(i + 1);
                    }
                }

                _lineStarts = starts.ToArray();
            }

            int line = Array.BinarySearch(_lineStarts, offset);
            if (line < 0)
            {
                line = ~line - 1;
            }

            return (line, offset - _lineStarts[line]);
        }
    }
}

/// <summary>Naming rules shared by the parser and the emitters.</summary>
internal static class Names
{
    private static readonly HashSet<string> Reserved = new HashSet<string>(StringComparer.Ordinal)
    {
        "Equals", "GetHashCode", "ToString", "GetType", "EqualityContract", "Validate", "WriteTo", "ReadFrom", "Clone", "Deconstruct",
    };

    /// <summary><c>external_id</c> -> <c>ExternalId</c>; <c>fiscalStorageINN</c> -> <c>FiscalStorageInn</c>; <c>vat20</c> -> <c>Vat20</c>.</summary>
    public static string Pascal(string name)
    {
        var sb = new StringBuilder();
        bool upper = true;
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                upper = true;
                continue;
            }

            bool prevUpper = i > 0 && char.IsUpper(name[i - 1]);
            if (upper)
            {
                sb.Append(char.ToUpperInvariant(c));
            }
            else if (char.IsUpper(c) && prevUpper)
            {
                // runs of capitals (INN, KKT) read as one word
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }

            upper = false;
        }

        if (sb.Length > 0 && char.IsDigit(sb[0]))
        {
            sb.Insert(0, 'V');
        }

        return sb.ToString();
    }

    public static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_')
        && Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) == Microsoft.CodeAnalysis.CSharp.SyntaxKind.None;

    public static bool IsReservedMember(string name) => Reserved.Contains(name);
}
