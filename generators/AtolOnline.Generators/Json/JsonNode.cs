using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace AtolOnline.Generators.Json;

/// <summary>The kinds of value a schema file holds.</summary>
internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>
/// A parsed JSON value with its position in the file. The generator cannot rely on System.Text.Json (it is not
/// loaded into every compiler host), and it needs positions for diagnostics, so it parses schemas itself.
/// Lives only inside the parse step: never stored in the pipeline's models.
/// </summary>
internal sealed class JsonNode
{
    public JsonNode(JsonKind kind, int start, int length)
    {
        Kind = kind;
        Start = start;
        Length = length;
    }

    public JsonKind Kind { get; }

    /// <summary>Offset of the first character of the value in the file.</summary>
    public int Start { get; }

    public int Length { get; set; }

    /// <summary>Members in file order (objects only).</summary>
    public List<KeyValuePair<string, JsonNode>> Members { get; } = new List<KeyValuePair<string, JsonNode>>();

    public List<JsonNode> Items { get; } = new List<JsonNode>();

    public string? StringValue { get; set; }

    /// <summary>The number exactly as written (numbers only).</summary>
    public string? NumberText { get; set; }

    public JsonNode? Get(string name)
    {
        foreach (var member in Members)
        {
            if (member.Key == name)
            {
                return member.Value;
            }
        }

        return null;
    }

    public bool TryGetDecimal(out decimal value)
    {
        value = 0;
        return Kind == JsonKind.Number
            && decimal.TryParse(NumberText, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}

/// <summary>Raised by <see cref="JsonParser"/> with the offset of the offending character.</summary>
internal sealed class JsonParseException : Exception
{
    public JsonParseException(string message, int offset)
        : base(message)
    {
        Offset = offset;
    }

    public int Offset { get; }
}

/// <summary>A strict RFC 8259 parser (no comments, no trailing commas) that records positions.</summary>
internal sealed class JsonParser
{
    private readonly string _text;
    private int _pos;

    private JsonParser(string text)
    {
        _text = text;
    }

    public static JsonNode Parse(string text)
    {
        var parser = new JsonParser(text);
        parser.SkipWhitespace();
        if (parser._pos < text.Length && text[parser._pos] == '\uFEFF')
        {
            parser._pos++;
            parser.SkipWhitespace();
        }

        var node = parser.ParseValue(0);
        parser.SkipWhitespace();
        if (parser._pos != text.Length)
        {
            throw new JsonParseException("Unexpected text after the JSON value", parser._pos);
        }

        return node;
    }

    private JsonNode ParseValue(int depth)
    {
        if (depth > 64)
        {
            throw new JsonParseException("JSON nested too deeply", _pos);
        }

        SkipWhitespace();
        if (_pos >= _text.Length)
        {
            throw new JsonParseException("Unexpected end of file", _pos);
        }

        char c = _text[_pos];
        switch (c)
        {
            case '{':
                return ParseObject(depth);
            case '[':
                return ParseArray(depth);
            case '"':
            {
                int start = _pos;
                string s = ParseString();
                return new JsonNode(JsonKind.String, start, _pos - start) { StringValue = s };
            }

            case 't':
                return ParseLiteral("true", JsonKind.True);
            case 'f':
                return ParseLiteral("false", JsonKind.False);
            case 'n':
                return ParseLiteral("null", JsonKind.Null);
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return ParseNumber();
                }

                throw new JsonParseException("Unexpected character '" + c + "'", _pos);
        }
    }

    private JsonNode ParseObject(int depth)
    {
        var node = new JsonNode(JsonKind.Object, _pos, 0);
        _pos++;
        SkipWhitespace();
        if (Peek() == '}')
        {
            _pos++;
            node.Length = _pos - node.Start;
            return node;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
            {
                throw new JsonParseException("Expected a property name", _pos);
            }

            int keyStart = _pos;
            string key = ParseString();
            if (!seen.Add(key))
            {
                throw new JsonParseException("Duplicate property '" + key + "'", keyStart);
            }

            SkipWhitespace();
            Expect(':');
            var value = ParseValue(depth + 1);
            node.Members.Add(new KeyValuePair<string, JsonNode>(key, value));
            SkipWhitespace();
            char c = Peek();
            _pos++;
            if (c == '}')
            {
                break;
            }

            if (c != ',')
            {
                throw new JsonParseException("Expected ',' or '}'", _pos - 1);
            }
        }

        node.Length = _pos - node.Start;
        return node;
    }

    private JsonNode ParseArray(int depth)
    {
        var node = new JsonNode(JsonKind.Array, _pos, 0);
        _pos++;
        SkipWhitespace();
        if (Peek() == ']')
        {
            _pos++;
            node.Length = _pos - node.Start;
            return node;
        }

        while (true)
        {
            node.Items.Add(ParseValue(depth + 1));
            SkipWhitespace();
            char c = Peek();
            _pos++;
            if (c == ']')
            {
                break;
            }

            if (c != ',')
            {
                throw new JsonParseException("Expected ',' or ']'", _pos - 1);
            }
        }

        node.Length = _pos - node.Start;
        return node;
    }

    private string ParseString()
    {
        Expect('"');
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw new JsonParseException("Unterminated string", _pos);
            }

            char c = _text[_pos++];
            if (c == '"')
            {
                return sb.ToString();
            }

            if (c < ' ')
            {
                throw new JsonParseException("Control character in string", _pos - 1);
            }

            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            char e = Peek();
            _pos++;
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    if (_pos + 4 > _text.Length
                        || !int.TryParse(_text.Substring(_pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code))
                    {
                        throw new JsonParseException("Bad \\u escape", _pos);
                    }

                    sb.Append((char)code);
                    _pos += 4;
                    break;
                default:
                    throw new JsonParseException("Bad escape", _pos - 1);
            }
        }
    }

    private JsonNode ParseNumber()
    {
        int start = _pos;
        if (Peek() == '-')
        {
            _pos++;
        }

        while (_pos < _text.Length && "0123456789.eE+-".IndexOf(_text[_pos]) >= 0)
        {
            _pos++;
        }

        string text = _text.Substring(start, _pos - start);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            throw new JsonParseException("Bad number '" + text + "'", start);
        }

        return new JsonNode(JsonKind.Number, start, _pos - start) { NumberText = text };
    }

    private JsonNode ParseLiteral(string literal, JsonKind kind)
    {
        if (string.CompareOrdinal(_text, _pos, literal, 0, literal.Length) != 0)
        {
            throw new JsonParseException("Unexpected literal", _pos);
        }

        var node = new JsonNode(kind, _pos, literal.Length);
        _pos += literal.Length;
        return node;
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw new JsonParseException("Expected '" + c + "'", _pos);
        }

        _pos++;
    }

    private void SkipWhitespace()
    {
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            {
                return;
            }

            _pos++;
        }
    }
}
