using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace RootGuard.PowerShell.Tests.Harness
{
    /// <summary>
    /// The top-level types (class, struct, interface, enum, record, delegate) a C# source file declares: those directly in
    /// a namespace or in the file, not nested ones. A lexer, not a compiler: comments, strings (regular, verbatim,
    /// interpolated with their holes, raw) and character literals are blanked first, so only real braces and keywords count.
    /// This test project references no Roslyn, and the source layout is all it needs to judge.
    /// </summary>
    internal static class TopLevelTypeScanner
    {
        private static readonly Regex Token = new Regex(
            @"[{};]|\b(?<keyword>namespace|class|struct|interface|enum|record(\s+(class|struct)\b)?|delegate)\b\s*(?<name>@?[A-Za-z_]\w*)?",
            RegexOptions.CultureInvariant);

        private static readonly Regex DelegateName = new Regex(@"(?<name>[A-Za-z_]\w*)\s*(<[\w\s,]*>)?\s*\($", RegexOptions.CultureInvariant);

        /// <summary>The names of the file's top-level types, in order; a partial type's part counts once per file.</summary>
        public static IReadOnlyList<string> Declared(string source)
        {
            var code = Blank(source);
            var names = new List<string>();
            // One entry per open brace: true when it opens a namespace body (whose direct members are top-level).
            var braces = new Stack<bool>();
            var pendingNamespace = false;
            // After a top-level type's keyword, until its body opens or its declaration ends: base lists, constraints
            // (where T : class) and record class/struct are part of that declaration, not new types.
            var pendingType = false;
            foreach (Match token in Token.Matches(code))
            {
                switch (token.Value)
                {
                    case "{":
                        braces.Push(pendingNamespace);
                        pendingNamespace = false;
                        pendingType = false;
                        continue;
                    case "}":
                        if (braces.Count > 0)
                        {
                            braces.Pop();
                        }

                        continue;
                    case ";":
                        // A file-scoped namespace, a delegate, or a record without a body.
                        pendingNamespace = false;
                        pendingType = false;
                        continue;
                }

                var atTopLevel = braces.Count == 0 || braces.Peek();
                if (!atTopLevel || pendingType)
                {
                    continue;
                }

                var keyword = token.Groups["keyword"].Value;
                if (keyword == "namespace")
                {
                    pendingNamespace = true;
                    continue;
                }

                if (pendingNamespace)
                {
                    continue;
                }

                pendingType = true;
                var name = keyword == "delegate" ? DelegateNameAfter(code, token.Index) : token.Groups["name"].Value;
                names.Add(name);
            }

            return names;
        }

        // delegate ReturnType<Of> Name<T>(...): the name is the identifier before the parameter list.
        private static string DelegateNameAfter(string code, int start)
        {
            var open = code.IndexOf('(', start);
            var match = open < 0 ? Match.Empty : DelegateName.Match(code.Substring(start, open - start + 1));
            return match.Success ? match.Groups["name"].Value : "delegate";
        }

        /// <summary>The source with comments, literals and preprocessor lines replaced by spaces (line breaks kept).</summary>
        public static string Blank(string source)
        {
            var output = new StringBuilder(source.Length);
            var i = 0;
            var lineStart = true;
            while (i < source.Length)
            {
                var end = i;
                if (lineStart && IsDirective(source, i, out var directiveEnd))
                {
                    end = directiveEnd;
                }
                else if (At(source, i, "//"))
                {
                    end = LineEnd(source, i);
                }
                else if (At(source, i, "/*"))
                {
                    var close = source.IndexOf("*/", i + 2, System.StringComparison.Ordinal);
                    end = close < 0 ? source.Length : close + 2;
                }
                else if (source[i] == '\'')
                {
                    end = SkipCharLiteral(source, i);
                }
                else if (StringStart(source, i))
                {
                    end = SkipString(source, i);
                }

                if (end == i)
                {
                    output.Append(source[i]);
                    lineStart = source[i] == '\n' || (lineStart && char.IsWhiteSpace(source[i]));
                    i++;
                    continue;
                }

                for (var k = i; k < end; k++)
                {
                    output.Append(source[k] == '\n' ? '\n' : ' ');
                }

                lineStart = source[end - 1] == '\n';
                i = end;
            }

            return output.ToString();
        }

        private static bool At(string s, int i, string text) => string.CompareOrdinal(s, i, text, 0, text.Length) == 0;

        private static int LineEnd(string s, int i)
        {
            var newline = s.IndexOf('\n', i);
            return newline < 0 ? s.Length : newline;
        }

        private static bool IsDirective(string s, int i, out int end)
        {
            end = i;
            if (s[i] != '#')
            {
                return false;
            }

            end = LineEnd(s, i);
            return true;
        }

        // "…", @"…", $"…", $@"…", @$"…", """…""", $"""…""" (any number of $ before a raw string).
        private static bool StringStart(string s, int i)
        {
            var k = i;
            while (k < s.Length && (s[k] == '$' || s[k] == '@'))
            {
                k++;
            }

            return k < s.Length && s[k] == '"' && (k == i || !IsIdentifierPart(s, i - 1));
        }

        private static bool IsIdentifierPart(string s, int i) => i >= 0 && (char.IsLetterOrDigit(s[i]) || s[i] == '_');

        private static int SkipCharLiteral(string s, int i)
        {
            var k = i + 1;
            while (k < s.Length && s[k] != '\'' && s[k] != '\n')
            {
                k += s[k] == '\\' ? 2 : 1;
            }

            return k < s.Length ? k + 1 : s.Length;
        }

        private static int SkipString(string s, int i)
        {
            var k = i;
            var interpolated = false;
            var verbatim = false;
            while (s[k] != '"')
            {
                interpolated |= s[k] == '$';
                verbatim |= s[k] == '@';
                k++;
            }

            var quotes = 0;
            while (k + quotes < s.Length && s[k + quotes] == '"')
            {
                quotes++;
            }

            if (quotes >= 3 && !verbatim)
            {
                // A raw string ends at the same number of quotes; its holes are not looked into.
                var close = s.IndexOf(new string('"', quotes), k + quotes, System.StringComparison.Ordinal);
                return close < 0 ? s.Length : close + quotes;
            }

            if (quotes == 2 && !verbatim)
            {
                return k + 2; // ""
            }

            k++;
            while (k < s.Length)
            {
                var c = s[k];
                if (verbatim && c == '"' && k + 1 < s.Length && s[k + 1] == '"')
                {
                    k += 2;
                }
                else if (c == '"')
                {
                    return k + 1;
                }
                else if (!verbatim && c == '\\')
                {
                    k += 2;
                }
                else if (interpolated && c == '{' && k + 1 < s.Length && s[k + 1] == '{')
                {
                    k += 2;
                }
                else if (interpolated && c == '{')
                {
                    k = SkipHole(s, k + 1);
                }
                else
                {
                    k++;
                }
            }

            return s.Length;
        }

        // The code of an interpolation hole, up to its closing brace; it may hold strings, characters and braces of its own.
        private static int SkipHole(string s, int i)
        {
            var depth = 0;
            var k = i;
            while (k < s.Length)
            {
                if (s[k] == '{')
                {
                    depth++;
                    k++;
                }
                else if (s[k] == '}')
                {
                    if (depth == 0)
                    {
                        return k + 1;
                    }

                    depth--;
                    k++;
                }
                else if (s[k] == '\'')
                {
                    k = SkipCharLiteral(s, k);
                }
                else if (StringStart(s, k))
                {
                    k = SkipString(s, k);
                }
                else
                {
                    k++;
                }
            }

            return s.Length;
        }
    }
}
