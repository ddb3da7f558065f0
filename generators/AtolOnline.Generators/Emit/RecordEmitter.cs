using System.Collections.Generic;
using System.Linq;
using AtolOnline.Generators.Model;

namespace AtolOnline.Generators.Emit;

/// <summary>
/// Emits one sealed partial record: properties with docs, value equality over collections, a Utf8JsonWriter writer
/// with pre-encoded names, a Utf8JsonReader reader, and Validate. Runtime helpers live in AtolOnline.Internal.
/// </summary>
internal static class RecordEmitter
{
    private const string Ctx = "global::AtolOnline.Validation.ValidationContext";
    private const string Read = "global::AtolOnline.Internal.JsonRead";
    private const string Checks = "global::AtolOnline.Internal.Checks";
    private const string Token = "global::System.Text.Json.JsonTokenType";
    private const string Reader = "global::System.Text.Json.Utf8JsonReader";

    public static string Emit(TypeModel type)
    {
        var w = new CodeWriter();
        EmitterCommon.Header(w, type);
        w.Doc(type.Description, "Generated from <c>" + type.SourceFile + "</c>." + (type.Strict ? " Unknown JSON members are errors." : " Unknown JSON members are skipped."));
        w.Open("public sealed partial record " + type.Name + " : global::AtolOnline.Json.IAtolJsonModel<" + type.Name + ">");
        EmitProperties(w, type);
        EmitEquality(w, type);
        if (type.Properties.Any(p => p.Secret))
        {
            EmitPrintMembers(w, type);
        }

        EmitJsonNames(w, type);
        EmitWriter(w, type);
        EmitReader(w, type);
        EmitValidation(w, type);
        w.Close();
        return w.ToString();
    }

    private static void EmitProperties(CodeWriter w, TypeModel type)
    {
        foreach (var p in type.Properties)
        {
            var remarks = "JSON <c>" + CodeWriter.Xml(p.JsonName) + "</c>" + (p.FfdTag.HasValue ? ", FFD tag " + p.FfdTag.Value : "")
                + (p.Required ? ", required" : ", optional") + Constraints(p.Value) + (p.Warning ? " Violations are warnings." : "");
            w.Doc(p.Description, remarks);
            w.Line("public " + (p.Required ? "required " : "") + PropertyType(p) + " " + p.CsName + " { get; init; }");
            w.Line();
        }
    }

    private static string Constraints(ValueModel v)
    {
        var parts = new List<string>();
        if (IsDate(v)) parts.Add("JSON text " + DateFormat(v));
        if (v.MinLength.HasValue) parts.Add("at least " + v.MinLength + " characters");
        if (v.MaxLength.HasValue) parts.Add("at most " + v.MaxLength + " characters");
        if (v.Pattern is not null) parts.Add("pattern <c>" + CodeWriter.Xml(v.Pattern) + "</c>");
        if (v.Base64) parts.Add("Base64");
        if (v.Minimum is not null) parts.Add("minimum " + v.Minimum);
        if (v.ExclusiveMinimum is not null) parts.Add("above " + v.ExclusiveMinimum);
        if (v.Maximum is not null) parts.Add("maximum " + v.Maximum);
        if (v.ExclusiveMaximum is not null) parts.Add("below " + v.ExclusiveMaximum);
        if (v.MultipleOf is not null) parts.Add("multiple of " + v.MultipleOf);
        if (v.MinItems.HasValue) parts.Add("at least " + v.MinItems + " elements");
        if (v.MaxItems.HasValue) parts.Add("at most " + v.MaxItems + " elements");
        return parts.Count == 0 ? "." : "; " + string.Join(", ", parts) + ".";
    }

    private static string ElementType(ValueModel v) => v.Kind switch
    {
        ValueKind.String => "string",
        ValueKind.Int32 => "int",
        ValueKind.Int64 => "long",
        ValueKind.Decimal => "decimal",
        ValueKind.Boolean => "bool",
        ValueKind.DateTime => "global::System.DateTime",
        ValueKind.Date => "global::System.DateOnly",
        ValueKind.DateTimeOffset => "global::System.DateTimeOffset",
        ValueKind.Array => "global::System.Collections.Generic.IReadOnlyList<" + ElementType(v.Items!) + ">",
        _ => v.TypeName!,
    };

    private static bool IsValueType(ValueModel v) =>
        v.Kind is ValueKind.Int32 or ValueKind.Int64 or ValueKind.Decimal or ValueKind.Boolean or ValueKind.Enum || IsDate(v);

    private static bool IsDate(ValueModel v) => v.Kind is ValueKind.DateTime or ValueKind.Date or ValueKind.DateTimeOffset;

    /// <summary>The wire format of a date member, for docs and messages.</summary>
    private static string DateFormat(ValueModel v) => v.Kind switch
    {
        ValueKind.Date => "dd.MM.yyyy",
        ValueKind.DateTimeOffset when v.IsoDate => "ISO 8601 with offset",
        ValueKind.DateTimeOffset => "dd.MM.yyyy HH:mm:ss in AtolTime.Offset (Moscow time by default)",
        _ => "dd.MM.yyyy HH:mm:ss",
    };

    private static string PropertyType(PropertyModel p)
    {
        string t = ElementType(p.Value);
        return p.Required && !p.Value.Nullable ? t : t + "?";
    }

    private static void EmitEquality(CodeWriter w, TypeModel type)
    {
        w.Doc("Value equality over every property; collections compare element by element.");
        w.Open("public bool Equals(" + type.Name + "? other)");
        w.Line("if (other is null) return false;");
        w.Line("if (ReferenceEquals(this, other)) return true;");
        var terms = type.Properties.Select(p => p.Value.Kind == ValueKind.Array
            ? "global::AtolOnline.Internal.Sequence.Equal(" + p.CsName + ", other." + p.CsName + ")"
            : "global::System.Collections.Generic.EqualityComparer<" + PropertyType(p) + ">.Default.Equals(" + p.CsName + ", other." + p.CsName + ")").ToList();
        w.Line("return " + (terms.Count == 0 ? "true" : string.Join("\n            && ", terms)) + ";");
        w.Close();
        w.Line();
        w.DocXml("A hash over every property, consistent with <see cref=\"Equals(" + type.Name + ")\"/>.");
        w.Open("public override int GetHashCode()");
        w.Line("var hash = new global::System.HashCode();");
        foreach (var p in type.Properties)
        {
            w.Line(p.Value.Kind == ValueKind.Array
                ? "global::AtolOnline.Internal.Sequence.AddTo(ref hash, " + p.CsName + ");"
                : "hash.Add(" + p.CsName + ");");
        }

        w.Line("return hash.ToHashCode();");
        w.Close();
        w.Line();
    }

    private static void EmitPrintMembers(CodeWriter w, TypeModel type)
    {
        w.Line("// Secrets (x-secret) never reach ToString(), logs or exception messages.");
        w.Open("private bool PrintMembers(global::System.Text.StringBuilder builder)");
        bool first = true;
        foreach (var p in type.Properties)
        {
            string value = p.Secret ? "\"***\"" : p.CsName;
            w.Line("builder.Append(\"" + (first ? "" : ", ") + p.CsName + " = \").Append(" + value + ");");
            first = false;
        }

        w.Line("return true;");
        w.Close();
        w.Line();
    }

    private static void EmitJsonNames(CodeWriter w, TypeModel type)
    {
        w.Open("private static class __Json");
        foreach (var p in type.Properties)
        {
            w.Line("internal static readonly global::System.Text.Json.JsonEncodedText " + p.CsName + " = global::System.Text.Json.JsonEncodedText.Encode(" + CodeWriter.Literal(p.JsonName) + ");");
        }

        w.Close();
        w.Line();
        var patterns = Patterns(type).ToList();
        if (patterns.Count > 0)
        {
            w.Open("private static class __Patterns");
            foreach (var (name, pattern) in patterns)
            {
                w.Line("internal static readonly global::AtolOnline.Internal.SchemaPattern " + name + " = global::AtolOnline.Internal.Checks.CreatePattern(" + CodeWriter.Literal(pattern) + ");");
            }

            w.Close();
            w.Line();
        }
    }

    private static IEnumerable<(string Name, string Pattern)> Patterns(TypeModel type)
    {
        foreach (var p in type.Properties)
        {
            if (p.Value.Pattern is not null)
            {
                yield return (p.CsName, p.Value.Pattern);
            }

            if (p.Value.Items?.Pattern is not null)
            {
                yield return (p.CsName + "Item", p.Value.Items.Pattern);
            }

            if (p.Value.Service?.Pattern is not null)
            {
                yield return (p.CsName + "Service", p.Value.Service.Pattern);
            }

            if (p.Value.Service?.Items?.Pattern is not null)
            {
                yield return (p.CsName + "ServiceItem", p.Value.Service.Items.Pattern);
            }
        }
    }

    // ---------------------------------------------------------------- writer

    private static void EmitWriter(CodeWriter w, TypeModel type)
    {
        const string Writer = "global::System.Text.Json.Utf8JsonWriter";
        w.Doc("Writes this object as JSON (UTF-8), members in schema order, absent optional members omitted.");
        w.Open("public void WriteTo(" + Writer + " writer)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(writer);");
        w.Line("writer.WriteStartObject();");
        w.Line("WriteMembers(writer);");
        w.Line("writer.WriteEndObject();");
        w.Close();
        w.Line();
        w.Line("/// <summary>Writes this object as the value of member <paramref name=\"name\"/> of the object being written.</summary>");
        w.Open("internal void WriteTo(" + Writer + " writer, global::System.Text.Json.JsonEncodedText name)");
        w.Line("writer.WriteStartObject(name);");
        w.Line("WriteMembers(writer);");
        w.Line("writer.WriteEndObject();");
        w.Close();
        w.Line();
        w.Open("private void WriteMembers(" + Writer + " writer)");
        foreach (var p in type.Properties)
        {
            string name = "__Json." + p.CsName;
            var v = p.Value;
            bool optional = !p.Required || v.Nullable;
            if (v.Kind == ValueKind.Array)
            {
                w.Open("if (" + p.CsName + " is { } " + Local(p) + ")");
                w.Line("writer.WriteStartArray(" + name + ");");
                w.Open("for (int i = 0; i < " + Local(p) + ".Count; i++)");
                WriteValue(w, v.Items!, Local(p) + "[i]", null);
                w.Close();
                w.Line("writer.WriteEndArray();");
                w.Close();
                if (!optional)
                {
                    w.Line("else writer.WriteNull(" + name + ");");
                }

                continue;
            }

            if (optional)
            {
                w.Open("if (" + p.CsName + " is { } " + Local(p) + ")");
                WriteValue(w, v, Local(p), name);
                w.Close();
            }
            else
            {
                WriteValue(w, v, p.CsName, name);
            }
        }

        w.Close();
        w.Line();
    }

    private static string Local(PropertyModel p) => "__" + p.CsName;

    /// <summary>Writes one value; <paramref name="name"/> null means an array element.</summary>
    private static void WriteValue(CodeWriter w, ValueModel v, string expr, string? name)
    {
        string prefix = name is null ? "" : name + ", ";
        string suffix = name is null ? "Value" : "";
        switch (v.Kind)
        {
            case ValueKind.String:
                w.Line("writer.WriteString" + suffix + "(" + prefix + expr + ");");
                break;
            case ValueKind.Int32:
            case ValueKind.Int64:
            case ValueKind.Decimal:
                w.Line("writer.WriteNumber" + suffix + "(" + prefix + expr + ");");
                break;
            case ValueKind.Boolean:
                w.Line("writer.WriteBoolean" + suffix + "(" + prefix + expr + ");");
                break;
            case ValueKind.DateTime:
                w.Line("global::AtolOnline.Internal.JsonWrite.DateTime(writer, " + name + ", " + expr + ");");
                break;
            case ValueKind.Date:
                w.Line("global::AtolOnline.Internal.JsonWrite.Date(writer, " + name + ", " + expr + ");");
                break;
            case ValueKind.DateTimeOffset:
                w.Line("global::AtolOnline.Internal.JsonWrite.DateTimeOffset(writer, " + name + ", " + expr + ", " + CodeWriter.Bool(v.IsoDate) + ");");
                break;
            case ValueKind.Enum:
                w.Line(v.EnumIsString
                    ? "writer.WriteString" + suffix + "(" + prefix + v.TypeName + "Wire.ToJson(" + expr + "));"
                    : "writer.WriteNumber" + suffix + "(" + prefix + "(int)" + expr + ");");
                break;
            case ValueKind.Object:
                w.Line(name is null
                    ? "if (" + expr + " is null) writer.WriteNullValue(); else " + expr + ".WriteTo(writer);"
                    : "if (" + expr + " is null) writer.WriteNull(" + name + "); else " + expr + ".WriteTo(writer, " + name + ");");
                break;
        }
    }

    // ---------------------------------------------------------------- reader

    private static void EmitReader(CodeWriter w, TypeModel type)
    {
        string t = type.Name;
        w.Doc("Reads one object; the reader must be on its first token (or before it).",
            "Issues (unknown or missing members, wrong types, unknown enum values) go to <paramref name=\"issues\"/> when given; "
            + "otherwise the first one throws <see cref=\"global::AtolOnline.Json.AtolJsonException\"/>. Malformed JSON always throws.");
        w.Line("public static " + t + " ReadFrom(ref " + Reader + " reader, " + Ctx + "? issues = null) =>");
        w.Line("    global::AtolOnline.Internal.JsonRead.Root<" + t + ">(ref reader, issues);");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line("static " + t + " global::AtolOnline.Json.IAtolJsonModel<" + t + ">.ReadObject(ref " + Reader + " reader, " + Ctx + " context) => ReadCore(ref reader, context);");
        w.Line();
        w.Open("internal static " + t + " ReadCore(ref " + Reader + " reader, " + Ctx + " ctx)");
        foreach (var p in type.Properties)
        {
            w.Line(PropertyType(p).TrimEnd('?') + (IsValueType(p.Value) ? "" : "?") + " " + Local(p) + " = default;");
            w.Line("bool " + Local(p) + "_has = false;");
            if (type.Strict)
            {
                w.Line("bool " + Local(p) + "_seen = false;");
            }

            if (GivenTracked(p))
            {
                w.Line("bool " + Local(p) + "_given = false;");
            }
        }

        w.Open("while (reader.Read() && reader.TokenType != " + Token + ".EndObject)");
        if (type.Properties.Count == 0)
        {
            w.Line(Read + ".Unknown(ref reader, ctx, " + CodeWriter.Bool(type.Strict) + ", " + CodeWriter.Bool(type.ServiceStrict) + ");");
        }
        else
        {
            EmitMemberDispatch(w, type);
        }

        w.Close();
        foreach (var p in type.Properties.Where(p => p.Required || p.ServiceRequired))
        {
            string when = p.Required == p.ServiceRequired ? "" : p.Required ? " && !ctx.IsService" : " && ctx.IsService";
            w.Line("if (!" + Local(p) + "_has" + (GivenTracked(p) ? " && !" + Local(p) + "_given" : "") + when + ") " + Read + ".Missing(ctx, " + CodeWriter.Literal(p.JsonName) + ", " + CodeWriter.Tag(p.FfdTag) + ");");
        }

        w.Open("return new " + t);
        foreach (var p in type.Properties)
        {
            bool nonNullRef = p.Required && !p.Value.Nullable && !IsValueType(p.Value);
            bool optionalValue = IsValueType(p.Value) && (!p.Required || p.Value.Nullable);
            w.Line(p.CsName + " = " + (optionalValue ? Local(p) + "_has ? " + Local(p) + " : null" : Local(p) + (nonNullRef ? "!" : "")) + ",");
        }

        w.Close(";");
        w.Close();
        w.Line();
    }

    /// <summary>
    /// Finds which member the reader's property name is: by UTF-8 length first, then a vectorized byte comparison
    /// (names arrive in any order, so a linear chain would compare each name with most members). Escaped names
    /// take the slow path that unescapes. Then reads the member's value.
    /// </summary>
    private static void EmitMemberDispatch(CodeWriter w, TypeModel type)
    {
        var properties = type.Properties.ToList();
        w.Line("int __member = -1;");
        w.Open("if (!reader.ValueIsEscaped && !reader.HasValueSequence)");
        w.Line("var __name = reader.ValueSpan;");
        w.Open("switch (__name.Length)");
        foreach (var group in properties.Select((p, i) => (p, i)).GroupBy(x => System.Text.Encoding.UTF8.GetByteCount(x.p.JsonName)).OrderBy(g => g.Key))
        {
            w.Line("case " + group.Key.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":");
            bool firstInGroup = true;
            foreach (var (p, i) in group)
            {
                w.Line("    " + (firstInGroup ? "" : "else ") + "if (global::System.MemoryExtensions.SequenceEqual(__name, " + CodeWriter.Literal(p.JsonName) + "u8)) __member = " + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ";");
                firstInGroup = false;
            }

            w.Line("    break;");
        }

        w.Close();
        w.Close();
        w.Open("else");
        for (int i = 0; i < properties.Count; i++)
        {
            w.Line((i == 0 ? "" : "else ") + "if (reader.ValueTextEquals(__Json." + properties[i].CsName + ".EncodedUtf8Bytes)) __member = " + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ";");
        }

        w.Close();
        w.Open("switch (__member)");
        for (int i = 0; i < properties.Count; i++)
        {
            var p = properties[i];
            w.Line("case " + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":");
            w.OpenBlock();
            if (type.Strict)
            {
                // A request member given twice: ambiguous, so the safe profile reports it; the value read last is kept.
                w.Line("if (" + Local(p) + "_seen) " + Read + ".Duplicate(ref reader, ctx, " + CodeWriter.Literal(p.JsonName) + ", " + CodeWriter.Tag(p.FfdTag) + ");");
                w.Line(Local(p) + "_seen = true;");
            }

            w.Line("reader.Read();");
            bool nullable = p.Value.Nullable || !type.Strict;
            string nullableExpr = nullable ? "true" : p.ServiceNullable ? "ctx.IsService" : "false";
            if (IsDate(p.Value))
            {
                ReadDate(w, p, nullableExpr);
            }
            else
            {
                ReadValue(w, p.Value, Local(p), Local(p) + "_has", CodeWriter.Literal(p.JsonName), CodeWriter.Tag(p.FfdTag), nullableExpr);
            }
            if (p.ServiceNullable && !nullable)
            {
                // ATOL's schema types this member as "<type> or null": the service takes null as present (default value).
                w.Line("if (!" + Local(p) + "_has && ctx.IsService && " + Read + ".IsNull(ref reader)) " + Local(p) + "_has = true;");
            }

            w.Line("break;");
            w.Close();
        }

        w.Line("default:");
        w.Line("    " + Read + ".Unknown(ref reader, ctx, " + CodeWriter.Bool(type.Strict) + ", " + CodeWriter.Bool(type.ServiceStrict) + ");");
        w.Line("    break;");
        w.Close();
    }

    /// <summary>
    /// A date whose violations are warnings (responses) reads as null when its text is no date; it was still given, so
    /// it is not reported missing.
    /// </summary>
    private static bool GivenTracked(PropertyModel p) => IsDate(p.Value) && p.Warning;

    /// <summary>
    /// Reads a date member. The text is judged by the keywords of the profile being validated (ours, or ATOL's from
    /// <c>x-service</c>); where ATOL's schema has no pattern for it, the service profile admits any text.
    /// </summary>
    private static void ReadDate(CodeWriter w, PropertyModel p, string nullable)
    {
        var v = p.Value;
        string Pattern(ValueModel value, string name) => value.Pattern is null ? "null" : "__Patterns." + name;
        string safePattern = Pattern(v, p.CsName), safeMin = CodeWriter.Int(v.MinLength), safeMax = CodeWriter.Int(v.MaxLength);
        string pattern = safePattern, min = safeMin, max = safeMax, anyText = "false";
        if (v.Service is { } service)
        {
            string Pick(string serviceValue, string safeValue) => serviceValue == safeValue ? safeValue : "ctx.IsService ? " + serviceValue + " : " + safeValue;
            pattern = Pick(Pattern(service, p.CsName + "Service"), safePattern);
            min = Pick(CodeWriter.Int(service.MinLength), safeMin);
            max = Pick(CodeWriter.Int(service.MaxLength), safeMax);
            if (v.Pattern is not null && service.Pattern is null)
            {
                anyText = "ctx.IsService";
            }
        }

        if (GivenTracked(p))
        {
            w.Line(Local(p) + "_given = reader.TokenType == " + Token + ".String;");
        }

        string sev = p.Warning ? "global::AtolOnline.Validation.ValidationSeverity.Warning" : "global::AtolOnline.Validation.ValidationSeverity.Error";
        string method = v.Kind switch
        {
            ValueKind.Date => "Date",
            ValueKind.DateTime => "DateTime",
            _ => "DateTimeOffset",
        };
        string iso = v.Kind == ValueKind.DateTimeOffset ? CodeWriter.Bool(v.IsoDate) + ", " : "";
        w.Line(Local(p) + "_has = " + Read + "." + method + "(ref reader, ctx, " + CodeWriter.Literal(p.JsonName) + ", " + CodeWriter.Tag(p.FfdTag) + ", " + nullable + ", " + iso
            + pattern + ", " + min + ", " + max + ", " + anyText + ", " + sev + ", out " + Local(p) + ");");
    }

    /// <summary>
    /// An unknown enum value: an open enum (<c>x-enum-open</c>, responses) reads it as its <c>Unknown</c> member, any
    /// other enum reports it.
    /// </summary>
    private static string UnknownOrBadEnum(ValueModel v, string target, string args) => v.EnumOpen
        ? "(" + target + " = " + v.TypeName + "Wire.Unknown) == " + v.TypeName + "Wire.Unknown"
        : Read + ".BadEnum(" + args + ", out " + target + ")";

    /// <summary>Reads the value under the reader into <paramref name="target"/> and sets <paramref name="has"/>.</summary>
    private static void ReadValue(CodeWriter w, ValueModel v, string target, string has, string prop, string tag, string nullable)
    {
        string args = "ref reader, ctx, " + prop + ", " + tag;
        switch (v.Kind)
        {
            case ValueKind.String:
                w.Line(has + " = " + Read + ".String(" + args + ", " + nullable + ", out " + target + ");");
                break;
            case ValueKind.Int32:
                w.Line(has + " = " + Read + ".Int32(" + args + ", " + nullable + ", out " + target + ");");
                break;
            case ValueKind.Int64:
                w.Line(has + " = " + Read + ".Int64(" + args + ", " + nullable + ", out " + target + ");");
                break;
            case ValueKind.Decimal:
                w.Line(has + " = " + Read + ".Decimal(" + args + ", " + nullable + ", out " + target + ");");
                break;
            case ValueKind.Boolean:
                w.Line(has + " = " + Read + ".Boolean(" + args + ", " + nullable + ", out " + target + ");");
                break;
            case ValueKind.Enum:
                if (v.EnumIsString)
                {
                    w.Open("if (reader.TokenType == " + Token + ".String)");
                    w.Line(has + " = " + v.TypeName + "Wire.TryRead(ref reader, out " + target + ") || " + UnknownOrBadEnum(v, target, args) + ";");
                    w.Close();
                }
                else
                {
                    w.Open("if (reader.TokenType == " + Token + ".Number)");
                    w.Line(has + " = (reader.TryGetInt64(out long __n) && " + v.TypeName + "Wire.TryParse(__n, out " + target + ")) || " + UnknownOrBadEnum(v, target, args) + ";");
                    w.Close();
                }

                w.Line("else " + has + " = " + Read + ".WrongType(" + args + ", " + nullable + ", " + CodeWriter.Literal(v.EnumIsString ? "string" : "integer") + ");");
                break;
            case ValueKind.Object:
                w.Open("if (reader.TokenType == " + Token + ".StartObject)");
                if (prop != "null")
                {
                    w.Line("ctx.Push(" + prop + ");");
                }

                w.Line(target + " = " + v.TypeName + ".ReadCore(ref reader, ctx);");
                if (prop != "null")
                {
                    w.Line("ctx.Pop();");
                }

                w.Line(has + " = true;");
                w.Close();
                w.Line("else " + has + " = " + Read + ".WrongType(" + args + ", " + nullable + ", \"object\");");
                break;
            case ValueKind.Array:
                var item = v.Items!;
                string itemType = ElementType(item);
                w.Open("if (reader.TokenType == " + Token + ".StartArray)");
                w.Line("ctx.Push(" + prop + ");");
                w.Line("var __list = new global::System.Collections.Generic.List<" + itemType + ">();");
                w.Open("while (reader.Read() && reader.TokenType != " + Token + ".EndArray)");
                w.Line("ctx.PushIndex(__list.Count);");
                w.Line(itemType + (IsValueType(item) ? "" : "?") + " __item = default;");
                w.Line("bool __itemHas = false;");
                ReadValue(w, item, "__item", "__itemHas", "null", tag, nullable: "false");
                w.Line("ctx.Pop();");
                w.Line("if (__itemHas) __list.Add(__item" + (IsValueType(item) ? "" : "!") + ");");
                w.Close();
                w.Line("ctx.Pop();");
                w.Line(target + " = __list.ToArray();");
                w.Line(has + " = true;");
                w.Close();
                w.Line("else " + has + " = " + Read + ".WrongType(" + args + ", " + nullable + ", \"array\");");
                break;
        }
    }

    // ---------------------------------------------------------------- validation

    private static void EmitValidation(CodeWriter w, TypeModel type)
    {
        w.Doc("Checks every rule of the schema and the cross-field rules; allocates nothing when the object is valid.",
            "Returns <see cref=\"global::AtolOnline.Validation.ValidationResult.Valid\"/> (a shared instance) when there is nothing to report.");
        w.Line("public global::AtolOnline.Validation.ValidationResult Validate() => " + Ctx + ".Run(this);");
        w.Line();
        w.DocXml("Checks the object in <paramref name=\"profile\"/> for the URL <paramref name=\"operation\"/> (<c>sell</c>, <c>buy_refund</c> ...; null: "
            + "unknown, and rules that depend on it only warn); allocates nothing when the object is valid.",
            "<see cref=\"global::AtolOnline.Validation.ValidationProfile.Service\"/> checks only what ATOL's service refuses up front with error 32.");
        w.Line("public global::AtolOnline.Validation.ValidationResult Validate(global::AtolOnline.Validation.ValidationProfile profile, string? operation = null) => " + Ctx + ".Run(this, profile, operation);");
        w.Line();
        w.DocXml("Appends every violation to <paramref name=\"context\"/>, with paths below its current position.");
        w.Open("public void Validate(" + Ctx + " context)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(context);");
        w.Line("var ctx = context;");
        foreach (var p in type.Properties)
        {
            if (!p.DiffersForService)
            {
                EmitPropertyValidation(w, p, p.CsName);
                continue;
            }

            // x-service: ATOL's service judges this member more leniently than our safe profile.
            bool defaultMeansAbsent = IsValueType(p.Value) && p.Required && !p.Value.Nullable && !p.ServiceRequired;
            // A value-type member the service does not require reads as its default when absent: nothing to judge then.
            w.Open("if (ctx.IsService)");
            if (defaultMeansAbsent)
            {
                w.Open("if (" + p.CsName + " != default)");
            }

            EmitPropertyValidation(w, ServiceView(p), p.CsName + "Service");
            if (defaultMeansAbsent)
            {
                w.Close();
            }

            w.Close();
            w.Open("else");
            EmitPropertyValidation(w, p, p.CsName);
            w.Close();
        }

        if (type.MinProperties.HasValue || type.MaxProperties.HasValue)
        {
            var terms = type.Properties.Select(p => "(" + p.CsName + " is null ? 0 : 1)");
            w.Line("int __count = " + string.Join(" + ", terms) + ";");
            w.Line(Checks + ".PropertyCount(ctx, __count, " + CodeWriter.Int(type.MinProperties) + ", " + CodeWriter.Int(type.MaxProperties) + ");");
        }

        foreach (var dep in type.DependentRequired)
        {
            var owner = type.Properties.First(p => p.JsonName == dep.Property);
            foreach (var required in dep.Requires)
            {
                var target = type.Properties.First(p => p.JsonName == required);
                w.Line("if (" + owner.CsName + " is not null && " + target.CsName + " is null" + (type.ServiceDependentRequired ? "" : " && !ctx.IsService") + ") " + Checks + ".DependentRequired(ctx, "
                    + CodeWriter.Literal(target.JsonName) + ", " + CodeWriter.Tag(target.FfdTag) + ", " + CodeWriter.Literal(owner.JsonName) + ");");
            }
        }

        w.Line("ValidateRules(ctx);");
        w.Close();
        w.Line();
        w.Line("/// <summary>Cross-field rules written by hand beside the generated type (none when not implemented).</summary>");
        w.Line("partial void ValidateRules(" + Ctx + " context);");
    }

    /// <summary>
    /// The member as ATOL's service sees it. A non-nullable value-type property keeps "required" (its C# type cannot be
    /// null, so no required check is emitted for it either way).
    /// </summary>
    private static PropertyModel ServiceView(PropertyModel p)
    {
        bool valueTypeRequired = IsValueType(p.Value) && p.Required && !p.Value.Nullable;
        return p with
        {
            Required = valueTypeRequired || (p.ServiceRequired && !p.ServiceNullable),
            Value = p.Value.Service ?? p.Value,
        };
    }

    private static void EmitPropertyValidation(CodeWriter w, PropertyModel p, string patternName)
    {
        string sev = p.Warning ? "global::AtolOnline.Validation.ValidationSeverity.Warning" : "global::AtolOnline.Validation.ValidationSeverity.Error";
        string prop = CodeWriter.Literal(p.JsonName);
        string tag = CodeWriter.Tag(p.FfdTag);
        var v = p.Value;
        bool isRefOrNullable = !IsValueType(v) || !p.Required || v.Nullable;
        if (!HasChecks(v))
        {
            if (isRefOrNullable && p.Required && !v.Nullable)
            {
                w.Line("if (" + p.CsName + " is null) " + Checks + ".Required(ctx, " + prop + ", " + tag + ");");
            }

            return;
        }

        string expr = p.CsName;
        if (isRefOrNullable)
        {
            w.Open("if (" + p.CsName + " is { } " + Local(p) + ")");
            expr = Local(p);
        }
        else
        {
            w.OpenBlock();
        }

        EmitValueChecks(w, v, expr, prop, tag, sev, patternName);
        w.Close();
        if (isRefOrNullable && p.Required && !v.Nullable)
        {
            w.Line("else " + Checks + ".Required(ctx, " + prop + ", " + tag + ");");
        }
    }

    private static void EmitValueChecks(CodeWriter w, ValueModel v, string expr, string prop, string tag, string sev, string patternName)
    {
        switch (v.Kind)
        {
            case ValueKind.String:
                if (v.MinLength.HasValue || v.MaxLength.HasValue || v.Pattern is not null || v.Base64)
                {
                    w.Line(Checks + ".String(ctx, " + prop + ", " + tag + ", " + sev + ", " + expr + ", " + CodeWriter.Int(v.MinLength) + ", " + CodeWriter.Int(v.MaxLength) + ", "
                        + (v.Pattern is null ? "null" : "__Patterns." + patternName) + ", " + CodeWriter.Bool(v.Base64) + ");");
                }

                break;
            case ValueKind.Int32:
            case ValueKind.Int64:
                if (v.Minimum is not null || v.Maximum is not null || v.ExclusiveMinimum is not null || v.ExclusiveMaximum is not null)
                {
                    w.Line(Checks + ".Integer(ctx, " + prop + ", " + tag + ", " + sev + ", " + expr + ", " + CodeWriter.LongLiteral(v.Minimum) + ", " + CodeWriter.LongLiteral(v.Maximum) + ", "
                        + CodeWriter.LongLiteral(v.ExclusiveMinimum) + ", " + CodeWriter.LongLiteral(v.ExclusiveMaximum) + ");");
                }

                break;
            case ValueKind.Decimal:
                if (v.Minimum is not null || v.Maximum is not null || v.ExclusiveMinimum is not null || v.ExclusiveMaximum is not null || v.MultipleOf is not null)
                {
                    w.Line(Checks + ".Decimal(ctx, " + prop + ", " + tag + ", " + sev + ", " + expr + ", " + CodeWriter.DecimalLiteral(v.Minimum) + ", " + CodeWriter.DecimalLiteral(v.Maximum) + ", "
                        + CodeWriter.DecimalLiteral(v.ExclusiveMinimum) + ", " + CodeWriter.DecimalLiteral(v.ExclusiveMaximum) + ", " + CodeWriter.DecimalLiteral(v.MultipleOf) + ");");
                }

                break;
            case ValueKind.DateTime:
            case ValueKind.Date:
            case ValueKind.DateTimeOffset:
                w.Line(Checks + "." + (v.Kind == ValueKind.Date ? "Date" : v.Kind == ValueKind.DateTime ? "DateTime" : "DateTimeOffset") + "(ctx, " + prop + ", " + tag + ", " + sev + ", " + expr + ", "
                    + CodeWriter.Int(v.MinLength) + ", " + CodeWriter.Int(v.MaxLength) + ", " + (v.Pattern is null ? "null" : "__Patterns." + patternName) + ");");
                break;
            case ValueKind.Enum:
                w.Line("if (!" + v.TypeName + "Wire.IsDefined(" + expr + ")" + (v.EnumOpen ? " && " + expr + " != " + v.TypeName + "Wire.Unknown" : "") + ") " + Checks + ".Enum(ctx, " + prop + ", " + tag + ", " + sev + ", " + (v.EnumIsString ? "(int)" : "(int)") + expr + ");");
                break;
            case ValueKind.Object:
                if (prop != "null")
                {
                    w.Line("ctx.Push(" + prop + ");");
                }

                w.Line(expr + ".Validate(ctx);");
                if (prop != "null")
                {
                    w.Line("ctx.Pop();");
                }

                break;
            case ValueKind.Array:
                if (v.MinItems.HasValue || v.MaxItems.HasValue)
                {
                    w.Line(Checks + ".Items(ctx, " + prop + ", " + tag + ", " + sev + ", " + expr + ".Count, " + CodeWriter.Int(v.MinItems) + ", " + CodeWriter.Int(v.MaxItems) + ");");
                }

                var item = v.Items!;
                if (NeedsElementChecks(item))
                {
                    w.Line("ctx.Push(" + prop + ");");
                    w.Open("for (int __i = 0; __i < " + expr + ".Count; __i++)");
                    w.Line("ctx.PushIndex(__i);");
                    w.Line("var __element = " + expr + "[__i];");
                    if (!IsValueType(item))
                    {
                        w.Line("if (__element is null) " + Checks + ".NullElement(ctx, " + tag + ");");
                        w.Open("else");
                    }
                    else
                    {
                        w.OpenBlock();
                    }

                    EmitValueChecks(w, item, "__element", "null", tag, sev, patternName + "Item");
                    w.Close();
                    w.Line("ctx.Pop();");
                    w.Close();
                    w.Line("ctx.Pop();");
                }

                break;
        }
    }

    private static bool HasChecks(ValueModel v) => v.Kind switch
    {
        ValueKind.String => v.MinLength.HasValue || v.MaxLength.HasValue || v.Pattern is not null || v.Base64,
        ValueKind.Int32 or ValueKind.Int64 => v.Minimum is not null || v.Maximum is not null || v.ExclusiveMinimum is not null || v.ExclusiveMaximum is not null,
        ValueKind.Decimal => v.Minimum is not null || v.Maximum is not null || v.ExclusiveMinimum is not null || v.ExclusiveMaximum is not null || v.MultipleOf is not null,
        ValueKind.Boolean => false,
        ValueKind.DateTime or ValueKind.Date or ValueKind.DateTimeOffset => v.MinLength.HasValue || v.MaxLength.HasValue || v.Pattern is not null,
        ValueKind.Array => v.MinItems.HasValue || v.MaxItems.HasValue || NeedsElementChecks(v.Items!),
        _ => true,
    };

    private static bool NeedsElementChecks(ValueModel item) =>
        item.Kind is ValueKind.Object or ValueKind.Enum or ValueKind.String
        || item.Minimum is not null || item.Maximum is not null || item.ExclusiveMinimum is not null || item.ExclusiveMaximum is not null || item.MultipleOf is not null;
}
