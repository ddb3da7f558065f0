using System.Globalization;
using System.Text;

namespace AtolOnline.Generators.Emit;

/// <summary>A small indented text writer; every number goes through the invariant culture.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _sb = new StringBuilder();
    private int _indent;

    public CodeWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            _sb.Append(' ', _indent * 4);
            _sb.Append(text);
        }

        _sb.Append('\n');
        return this;
    }

    public CodeWriter Open(string text)
    {
        Line(text);
        Line("{");
        _indent++;
        return this;
    }

    public CodeWriter OpenBlock()
    {
        Line("{");
        _indent++;
        return this;
    }

    public CodeWriter Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        return this;
    }

    /// <summary>Writes a doc comment: <paramref name="summary"/> is plain text (escaped), <paramref name="remarks"/> is XML.</summary>
    public void Doc(string? summary, string? remarks = null) =>
        DocXml(Xml(string.IsNullOrWhiteSpace(summary) ? "(no description in the schema)" : summary!), remarks);

    /// <summary>Writes a doc comment whose summary is already XML.</summary>
    public void DocXml(string summary, string? remarks = null)
    {
        Line("/// <summary>" + summary + "</summary>");
        if (remarks is not null)
        {
            Line("/// <remarks>" + remarks + "</remarks>");
        }
    }

    public override string ToString() => _sb.ToString();

    public static string Xml(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\r", "").Replace("\n", " ");

    /// <summary>A C# string literal (verbatim-free, fully escaped).</summary>
    public static string Literal(string? text)
    {
        if (text is null)
        {
            return "null";
        }

        var sb = new StringBuilder("\"");
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < ' ' || c > '~')
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    public static string Int(int? value) => value.HasValue ? value.Value.ToString(CultureInfo.InvariantCulture) : "null";

    public static string DecimalLiteral(string? invariant) => invariant is null ? "null" : invariant + "m";

    public static string LongLiteral(string? invariant) => invariant is null ? "null" : invariant + "L";

    public static string Tag(int? tag) => tag.HasValue ? tag.Value.ToString(CultureInfo.InvariantCulture) : "null";

    public static string Bool(bool value) => value ? "true" : "false";

    public static string Ordinal(long value) => value.ToString(CultureInfo.InvariantCulture);
}
