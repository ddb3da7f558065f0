using AtolOnline.Generators.Model;

namespace AtolOnline.Generators.Emit;

/// <summary>Emits a C# enum and its wire-value mapping.</summary>
internal static class EnumEmitter
{
    public static string Emit(TypeModel type)
    {
        var w = new CodeWriter();
        EmitterCommon.Header(w, type);
        string wire = type.EnumIsString ? "string" : "number";
        w.Doc(type.Description, "Wire values are JSON " + wire + "s. Generated from <c>" + type.SourceFile + "</c>.");
        w.Open("public enum " + type.Name);
        if (type.EnumOpen)
        {
            w.Doc("A value this version of the library does not know (the service added it); never sent.");
            w.Line("Unknown = " + (type.EnumIsString ? "0" : "-1") + ",");
        }

        int ordinal = 1;
        foreach (var m in type.Members)
        {
            w.Doc(m.Description ?? ("Wire value " + m.Wire + "."), "Wire value <c>" + CodeWriter.Xml(m.Wire) + "</c>.");
            w.Line(m.CsName + " = " + (type.EnumIsString ? CodeWriter.Ordinal(ordinal++) : CodeWriter.Ordinal(m.Number)) + ",");
        }

        w.Close();
        w.Line();

        string t = type.Name;
        w.DocXml("Maps <see cref=\"" + t + "\"/> to and from its wire value.");
        w.Open("public static class " + t + "Wire");
        w.DocXml("Whether <paramref name=\"value\"/> is one of the wire values (<c>Unknown</c> is not).");
        w.Open("public static bool IsDefined(" + t + " value) => value switch");
        foreach (var m in type.Members)
        {
            w.Line(t + "." + m.CsName + " => true,");
        }

        w.Line("_ => false,");
        w.Close(";");
        w.Line();

        if (type.EnumOpen)
        {
            // Records read unknown wire values as this member; named here because a property may share the enum's name.
            w.Line("internal const " + t + " Unknown = " + t + ".Unknown;");
            w.Line();
        }

        if (type.EnumIsString)
        {
            w.DocXml("The wire value of <paramref name=\"value\"/>.");
            w.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">The value has no wire form.</exception>");
            w.Open("public static string ToWire(this " + t + " value) => value switch");
            foreach (var m in type.Members)
            {
                w.Line(t + "." + m.CsName + " => " + CodeWriter.Literal(m.Wire) + ",");
            }

            w.Line("_ => throw new global::System.ArgumentOutOfRangeException(nameof(value), value, \"" + t + " has no wire value for this member\"),");
            w.Close(";");
            w.Line();
            w.Doc("Parses a wire value; false when it is not one of the known values.");
            w.Open("public static bool TryParse(string? wire, out " + t + " value)");
            w.Open("switch (wire)");
            foreach (var m in type.Members)
            {
                w.Line("case " + CodeWriter.Literal(m.Wire) + ": value = " + t + "." + m.CsName + "; return true;");
            }

            w.Line("default: value = default; return false;");
            w.Close();
            w.Close();
            w.Line();
            w.Line("private static readonly global::System.Text.Json.JsonEncodedText[] s_encoded =");
            w.Line("[");
            foreach (var m in type.Members)
            {
                w.Line("    global::System.Text.Json.JsonEncodedText.Encode(" + CodeWriter.Literal(m.Wire) + "),");
            }

            w.Line("];");
            w.Line();
            w.Line("// Members are numbered 1..n in wire order, so a bounds check is the whole IsDefined test.");
            w.Line("internal static global::System.Text.Json.JsonEncodedText ToJson(" + t + " value) =>");
            w.Line("    (uint)((int)value - 1) < (uint)s_encoded.Length ? s_encoded[(int)value - 1] : throw new global::System.ArgumentOutOfRangeException(nameof(value), value, \"" + t + " has no wire value for this member\");");
            w.Line();
            w.Open("internal static bool TryRead(ref global::System.Text.Json.Utf8JsonReader reader, out " + t + " value)");
            w.Open("for (int i = 0; i < s_encoded.Length; i++)");
            w.Open("if (reader.ValueTextEquals(s_encoded[i].EncodedUtf8Bytes))");
            w.Line("value = (" + t + ")(i + 1);");
            w.Line("return true;");
            w.Close();
            w.Close();
            w.Line();
            w.Line("value = default;");
            w.Line("return false;");
            w.Close();
        }
        else
        {
            w.DocXml("The wire value of <paramref name=\"value\"/>.");
            w.Line("public static int ToWire(this " + t + " value) => (int)value;");
            w.Line();
            w.Doc("Parses a wire value; false when it is not one of the known values.");
            w.Open("public static bool TryParse(long wire, out " + t + " value)");
            w.Line("value = (" + t + ")wire;");
            w.Line("if (wire >= int.MinValue && wire <= int.MaxValue && IsDefined(value))");
            w.Line("{");
            w.Line("    return true;");
            w.Line("}");
            w.Line();
            w.Line("value = default;");
            w.Line("return false;");
            w.Close();
        }

        w.Close();
        return w.ToString();
    }
}
