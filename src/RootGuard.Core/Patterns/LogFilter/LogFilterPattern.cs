using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RootGuard.Core.Patterns
{
    /// <summary>
    /// A CloudWatch Logs JSON filter pattern, such as the CIS root usage pattern, parsed into an expression
    /// tree that can be evaluated against JSON log events and compared condition by condition.
    /// </summary>
    /// <remarks>
    /// Grammar: <c>{ expression }</c>, where an expression joins conditions with <c>&amp;&amp;</c> and
    /// <c>||</c> (<c>&amp;&amp;</c> binds tighter) and parentheses. A condition is a selector
    /// (<c>$.a.b</c>, <c>$.a[0]</c>) followed by <c>=</c>, <c>!=</c>, <c>&lt;</c>, <c>&gt;</c>, <c>&lt;=</c>,
    /// <c>&gt;=</c> and a value (a quoted or bare string, where <c>*</c> is a wildcard; a number; or a
    /// <c>%regex%</c>), or by <c>EXISTS</c>, <c>NOT EXISTS</c>, <c>IS NULL</c>, <c>IS TRUE</c>, <c>IS FALSE</c>.
    /// Term and space-delimited patterns are not JSON patterns and are rejected with a clear message.
    /// </remarks>
    public sealed class LogFilterPattern
    {
        private LogFilterPattern(string text, FilterExpression expression)
        {
            Text = text;
            Expression = expression;
        }

        /// <summary>The pattern text as given.</summary>
        public string Text { get; }

        /// <summary>The parsed expression; chains of one operator are a single n-ary node.</summary>
        public FilterExpression Expression { get; }

        /// <summary>Parses a JSON filter pattern; throws <see cref="PatternSyntaxException"/> when it cannot.</summary>
        public static LogFilterPattern Parse(string text)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            return new LogFilterPattern(text, new Parser(text).ParsePattern());
        }

        /// <summary>Parses a pattern, or returns false with the parse error's message.</summary>
        public static bool TryParse(string text, out LogFilterPattern? pattern, out string? error)
        {
            try
            {
                pattern = Parse(text);
                error = null;
                return true;
            }
            catch (PatternSyntaxException e)
            {
                pattern = null;
                error = e.Message;
                return false;
            }
        }

        /// <summary>Whether a JSON log event matches; a line that is not JSON matches no JSON pattern, as in CloudWatch Logs.</summary>
        public bool Matches(string logEventJson)
        {
            if (logEventJson == null) throw new ArgumentNullException(nameof(logEventJson));
            try
            {
                using var document = JsonDocument.Parse(logEventJson);
                return Expression.Evaluate(document.RootElement);
            }
            catch (JsonException)
            {
                return false;
            }
        }

        /// <summary>Whether a JSON log event matches.</summary>
        public bool Matches(JsonElement logEvent) => Expression.Evaluate(logEvent);

        /// <summary>The pattern in canonical spelling: <c>{ a &amp;&amp; b }</c>.</summary>
        public override string ToString() => "{ " + Expression + " }";

        private sealed class Parser
        {
            private readonly string text;
            private int position;

            public Parser(string text) => this.text = text;

            public FilterExpression ParsePattern()
            {
                SkipSpace();
                if (AtEnd) throw Error("The filter pattern is empty; a JSON filter pattern looks like { $.field = \"value\" }.");
                if (Peek != '{')
                    throw Error("Only JSON filter patterns are supported: the pattern must start with '{', as in { $.userIdentity.type = \"Root\" }.");
                position++;
                var expression = ParseOr();
                SkipSpace();
                if (AtEnd) throw Error("The filter pattern is missing its closing '}'.");
                if (Peek != '}') throw Error($"Expected '&&', '||' or '}}' at position {position} but found {Found()}.");
                position++;
                SkipSpace();
                if (!AtEnd) throw Error($"Unexpected text after the closing '}}' at position {position}: {Found()}.");
                return expression;
            }

            private FilterExpression ParseOr()
            {
                var operands = new List<FilterExpression> { ParseAnd() };
                while (TryConsume("||")) operands.Add(ParseAnd());
                return operands.Count == 1 ? operands[0] : new FilterOr(operands);
            }

            private FilterExpression ParseAnd()
            {
                var operands = new List<FilterExpression> { ParsePrimary() };
                while (TryConsume("&&")) operands.Add(ParsePrimary());
                return operands.Count == 1 ? operands[0] : new FilterAnd(operands);
            }

            private FilterExpression ParsePrimary()
            {
                SkipSpace();
                if (AtEnd) throw Error("The filter pattern ends where a condition was expected.");
                if (Peek == '(')
                {
                    var open = position++;
                    var inner = ParseOr();
                    SkipSpace();
                    if (AtEnd || Peek != ')')
                        throw Error($"The parenthesis opened at position {open} is not closed (found {Found()} at position {position}).");
                    position++;
                    return inner;
                }
                if (Peek != '$')
                    throw Error($"Expected a selector such as $.eventName at position {position} but found {Found()}.");
                var selector = ParseSelector();
                SkipSpace();
                if (AtEnd) throw Error($"The condition on {selector} has no operator; use =, !=, <, >, <=, >=, EXISTS, NOT EXISTS or IS NULL/TRUE/FALSE.");

                foreach (var (symbol, op) in new[]
                {
                    ("!=", FilterOperator.NotEqual), ("<=", FilterOperator.LessThanOrEqual), (">=", FilterOperator.GreaterThanOrEqual),
                    ("=", FilterOperator.Equal), ("<", FilterOperator.LessThan), (">", FilterOperator.GreaterThan),
                })
                {
                    if (string.CompareOrdinal(text, position, symbol, 0, symbol.Length) != 0) continue;
                    position += symbol.Length;
                    return ParseComparison(selector, op, symbol);
                }

                var keywordStart = position;
                var keyword = ReadWord();
                switch (keyword)
                {
                    case "EXISTS":
                        return new FilterCondition(selector, FilterOperator.Exists);
                    case "NOT":
                        SkipSpace();
                        if (ReadWord() == "EXISTS") return new FilterCondition(selector, FilterOperator.NotExists);
                        throw Error($"Expected EXISTS after NOT at position {keywordStart}.");
                    case "IS":
                        SkipSpace();
                        var what = ReadWord();
                        switch (what)
                        {
                            case "NULL": return new FilterCondition(selector, FilterOperator.IsNull);
                            case "TRUE": return new FilterCondition(selector, FilterOperator.IsTrue);
                            case "FALSE": return new FilterCondition(selector, FilterOperator.IsFalse);
                        }
                        throw Error($"Expected NULL, TRUE or FALSE after IS at position {keywordStart}.");
                }
                position = keywordStart;
                throw Error($"Expected an operator (=, !=, <, >, <=, >=, EXISTS, NOT EXISTS, IS) after {selector} at position {position} but found {Found()}.");
            }

            private FilterCondition ParseComparison(FilterSelector selector, FilterOperator op, string symbol)
            {
                SkipSpace();
                if (AtEnd || Peek == '}' || Peek == ')' || Peek == '&' || Peek == '|')
                    throw Error($"The condition {selector} {symbol} has no value at position {position}.");
                if ("=!<>".IndexOf(Peek) >= 0)
                    throw Error($"Unexpected '{Peek}' after {selector} {symbol} at position {position}; the comparison operators are =, !=, <, >, <= and >=.");
                var valueStart = position;
                FilterValueKind kind;
                string value;
                if (Peek == '"')
                {
                    value = ReadQuoted();
                    kind = FilterValueKind.String;
                }
                else if (Peek == '%')
                {
                    var end = text.IndexOf('%', position + 1);
                    if (end < 0) throw Error($"The regular expression starting at position {position} has no closing '%'.");
                    value = text.Substring(position + 1, end - position - 1);
                    position = end + 1;
                    kind = FilterValueKind.Regex;
                    try
                    {
                        _ = new Regex(value, RegexOptions.CultureInvariant);
                    }
                    catch (ArgumentException e)
                    {
                        throw Error($"The regular expression %{value}% at position {valueStart} is not valid: {e.Message}");
                    }
                }
                else
                {
                    var start = position;
                    while (!AtEnd && !char.IsWhiteSpace(Peek) && Peek != ')' && Peek != '}' && Peek != '&' && Peek != '|' && Peek != '(')
                        position++;
                    value = text.Substring(start, position - start);
                    kind = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                        ? FilterValueKind.Number
                        : FilterValueKind.String;
                }
                if (op != FilterOperator.Equal && op != FilterOperator.NotEqual && kind != FilterValueKind.Number)
                    throw Error($"The comparison {selector} {symbol} at position {valueStart} needs a number, not {Quote(value)}.");
                return new FilterCondition(selector, op, kind, value);
            }

            private FilterSelector ParseSelector()
            {
                var start = position;
                position++; // '$'
                var segments = new List<object>();
                while (!AtEnd)
                {
                    if (Peek == '.')
                    {
                        position++;
                        var nameStart = position;
                        while (!AtEnd && IsNameChar(Peek)) position++;
                        if (position == nameStart)
                            throw Error($"The selector starting at position {start} has an empty property name at position {position}.");
                        segments.Add(text.Substring(nameStart, position - nameStart));
                    }
                    else if (Peek == '[')
                    {
                        var close = text.IndexOf(']', position);
                        if (close < 0 || !int.TryParse(text.Substring(position + 1, close - position - 1), NumberStyles.None,
                                CultureInfo.InvariantCulture, out var index))
                            throw Error($"The selector starting at position {start} has an invalid array index at position {position}; use [0], [1], ….");
                        segments.Add(index);
                        position = close + 1;
                    }
                    else
                    {
                        break;
                    }
                }
                if (segments.Count == 0) throw Error($"The selector at position {start} names no property; write it as $.property.");
                return new FilterSelector(segments);
            }

            private static bool IsNameChar(char c) =>
                char.IsLetterOrDigit(c) || c == '_' || c == '-' || c == '@' || c == ':' || c == '$';

            private string ReadQuoted()
            {
                var start = position++;
                var builder = new StringBuilder();
                while (!AtEnd)
                {
                    var c = text[position++];
                    if (c == '"') return builder.ToString();
                    if (c == '\\' && !AtEnd)
                    {
                        builder.Append(text[position++]);
                        continue;
                    }
                    builder.Append(c);
                }
                throw Error($"The string starting at position {start} has no closing quote.");
            }

            private string ReadWord()
            {
                var start = position;
                while (!AtEnd && char.IsLetter(Peek)) position++;
                return text.Substring(start, position - start).ToUpperInvariant();
            }

            private bool TryConsume(string symbol)
            {
                SkipSpace();
                if (string.CompareOrdinal(text, position, symbol, 0, symbol.Length) != 0) return false;
                position += symbol.Length;
                return true;
            }

            private void SkipSpace()
            {
                while (!AtEnd && char.IsWhiteSpace(Peek)) position++;
            }

            private bool AtEnd => position >= text.Length;

            private char Peek => text[position];

            private string Found()
            {
                if (AtEnd) return "the end of the pattern";
                var length = Math.Min(12, text.Length - position);
                return Quote(text.Substring(position, length));
            }

            private static string Quote(string s) => "'" + s + "'";

            private PatternSyntaxException Error(string message) =>
                new PatternSyntaxException(ErrorIds.InvalidFilterPattern, message, Math.Min(position, text.Length));
        }
    }
}
