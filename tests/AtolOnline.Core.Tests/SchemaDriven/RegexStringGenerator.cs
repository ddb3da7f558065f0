using System.Text;

namespace AtolOnline.Core.Tests.SchemaDriven;

/// <summary>
/// Produces random strings that match the simple regular expressions our schemas use: literals, escapes, classes
/// with ranges and negation, groups with alternation, and the quantifiers ? * + {n} {n,m}. Unbounded repetition is
/// capped so that length limits can be met.
/// </summary>
internal static class RegexStringGenerator
{
    private const string Alphabet = "abcxyzABCXYZ0123456789абвгдеёжзАБВЯ-_.,+/@%&=#$'\\ ";

    public static string Generate(string pattern, Random random, int maxRepeat)
    {
        var sb = new StringBuilder();
        int pos = 0;
        EmitSequence(pattern, ref pos, random, sb, maxRepeat, stopAtParen: false);
        return sb.ToString();
    }

    private static List<string> SplitAlternatives(string pattern, ref int pos)
    {
        // Parses up to the matching ')' (or the end): returns the alternatives as sub-patterns.
        var alternatives = new List<string>();
        int depth = 0, start = pos;
        bool inClass = false;
        for (; pos < pattern.Length; pos++)
        {
            char c = pattern[pos];
            if (c == '\\')
            {
                pos++;
                continue;
            }

            if (inClass)
            {
                inClass = c != ']';
                continue;
            }

            if (c == '[')
            {
                inClass = true;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                if (depth == 0)
                {
                    break;
                }

                depth--;
            }
            else if (c == '|' && depth == 0)
            {
                alternatives.Add(pattern[start..pos]);
                start = pos + 1;
            }
        }

        alternatives.Add(pattern[start..pos]);
        return alternatives;
    }

    private static void EmitSequence(string pattern, ref int pos, Random random, StringBuilder sb, int maxRepeat, bool stopAtParen)
    {
        var alternatives = SplitAlternatives(pattern, ref pos);
        string chosen = alternatives[random.Next(alternatives.Count)];
        int p = 0;
        while (p < chosen.Length)
        {
            Action<StringBuilder> atom;
            char c = chosen[p];
            if (c is '^' or '$')
            {
                p++;
                continue;
            }

            if (c == '(')
            {
                int inner = p + 1;
                if (chosen.AsSpan(inner).StartsWith("?:"))
                {
                    inner += 2;
                }

                int end = inner;
                var group = SplitAlternatives(chosen, ref end);
                p = end + 1;
                atom = b =>
                {
                    string g = group[random.Next(group.Count)];
                    b.Append(Generate(g, random, maxRepeat));
                };
            }
            else if (c == '[')
            {
                int end = p + 1;
                while (chosen[end] != ']' || chosen[end - 1] == '\\' && chosen[end - 2] != '\\')
                {
                    end++;
                }

                var set = ParseClass(chosen[(p + 1)..end]);
                p = end + 1;
                atom = b => b.Append(set[random.Next(set.Count)]);
            }
            else if (c == '\\')
            {
                char e = chosen[p + 1];
                p += 2;
                atom = e switch
                {
                    'd' => b => b.Append((char)('0' + random.Next(10))),
                    's' => b => b.Append(' '),
                    'w' => b => b.Append('a'),
                    _ => b => b.Append(e),
                };
            }
            else if (c == '.')
            {
                p++;
                atom = b => b.Append('x');
            }
            else
            {
                p++;
                atom = b => b.Append(c);
            }

            // quantifier
            int min = 1, max = 1;
            if (p < chosen.Length)
            {
                switch (chosen[p])
                {
                    case '?': min = 0; max = 1; p++; break;
                    case '*': min = 0; max = maxRepeat; p++; break;
                    case '+': min = 1; max = maxRepeat; p++; break;
                    case '{':
                        int close = chosen.IndexOf('}', p);
                        var parts = chosen[(p + 1)..close].Split(',');
                        min = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
                        max = parts.Length == 1 ? min : parts[1].Length == 0 ? min + maxRepeat : int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
                        p = close + 1;
                        break;
                }
            }

            int count = random.Next(min, Math.Max(min, Math.Min(max, min + maxRepeat)) + 1);
            for (int i = 0; i < count; i++)
            {
                atom(sb);
            }
        }
    }

    private static List<char> ParseClass(string body)
    {
        bool negate = body.StartsWith('^');
        if (negate)
        {
            body = body[1..];
        }

        var members = new HashSet<char>();
        bool whitespace = false;
        for (int i = 0; i < body.Length; i++)
        {
            char c = body[i];
            if (c == '\\')
            {
                char e = body[++i];
                if (e == 's')
                {
                    whitespace = true;
                }
                else if (e == 'd')
                {
                    for (char d = '0'; d <= '9'; d++)
                    {
                        members.Add(d);
                    }
                }
                else
                {
                    members.Add(e);
                }

                continue;
            }

            if (i + 2 < body.Length && body[i + 1] == '-')
            {
                for (char r = c; r <= body[i + 2]; r++)
                {
                    members.Add(r);
                }

                i += 2;
                continue;
            }

            members.Add(c);
        }

        if (!negate)
        {
            return [.. members.Order()];
        }

        return Alphabet.Where(ch => !members.Contains(ch) && !(whitespace && char.IsWhiteSpace(ch))).ToList();
    }
}
