using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RootGuard.Core.Patterns
{
    /// <summary>The content filters of EventBridge event patterns, each parsed into a <see cref="ValueTest"/>.</summary>
    internal static class EventPatternOperators
    {
        public static readonly string[] Supported =
            { "prefix", "suffix", "anything-but", "numeric", "exists", "equals-ignore-case", "wildcard", "cidr" };

        public static ValueTest Parse(JsonElement operatorObject, string path)
        {
            var properties = operatorObject.EnumerateObject().ToList();
            if (properties.Count != 1)
                throw EventPatternMatcher.Invalid($"An operator object in \"{path}\" must have exactly one key, such as {{\"prefix\": \"…\"}}.");
            var name = properties[0].Name;
            var value = properties[0].Value;
            switch (name)
            {
                case "prefix":
                    return StringOperator(name, value, path, (s, p, c) => s.StartsWith(p, c));
                case "suffix":
                    return StringOperator(name, value, path, (s, p, c) => s.EndsWith(p, c));
                case "equals-ignore-case":
                {
                    var expected = RequireString(name, value, path);
                    return new ValueTest(v => v.ValueKind == JsonValueKind.String && string.Equals(v.GetString(), expected, StringComparison.OrdinalIgnoreCase));
                }
                case "wildcard":
                {
                    var regex = WildcardRegex(RequireString(name, value, path), path);
                    return new ValueTest(v => v.ValueKind == JsonValueKind.String && regex.IsMatch(v.GetString()!));
                }
                case "exists":
                    if (value.ValueKind != JsonValueKind.True && value.ValueKind != JsonValueKind.False)
                        throw EventPatternMatcher.Invalid($"\"exists\" in \"{path}\" must be true or false.");
                    return ValueTest.Exists(value.ValueKind == JsonValueKind.True);
                case "numeric":
                    return NumericOperator(value, path);
                case "cidr":
                    return CidrOperator(RequireString(name, value, path), path);
                case "anything-but":
                    return AnythingButOperator(value, path);
                default:
                    throw new PatternSyntaxException(ErrorIds.UnsupportedEventPatternOperator,
                        $"The operator \"{name}\" in \"{path}\" is not supported; supported operators are {string.Join(", ", Supported)}.");
            }
        }

        private static string RequireString(string operatorName, JsonElement value, string path)
        {
            if (value.ValueKind != JsonValueKind.String)
                throw EventPatternMatcher.Invalid($"\"{operatorName}\" in \"{path}\" must be given a string.");
            return value.GetString()!;
        }

        private static ValueTest StringOperator(string name, JsonElement value, string path, Func<string, string, StringComparison, bool> test)
        {
            var comparison = StringComparison.Ordinal;
            string operand;
            if (value.ValueKind == JsonValueKind.Object)
            {
                // {"prefix": {"equals-ignore-case": "abc"}}
                var inner = value.EnumerateObject().ToList();
                if (inner.Count != 1 || inner[0].Name != "equals-ignore-case" || inner[0].Value.ValueKind != JsonValueKind.String)
                    throw EventPatternMatcher.Invalid($"\"{name}\" in \"{path}\" must be given a string or {{\"equals-ignore-case\": \"…\"}}.");
                operand = inner[0].Value.GetString()!;
                comparison = StringComparison.OrdinalIgnoreCase;
            }
            else
            {
                operand = RequireString(name, value, path);
            }
            return new ValueTest(v => v.ValueKind == JsonValueKind.String && test(v.GetString()!, operand, comparison));
        }

        private static Regex WildcardRegex(string wildcard, string path)
        {
            var builder = new StringBuilder("^");
            for (var i = 0; i < wildcard.Length; i++)
            {
                var c = wildcard[i];
                if (c == '\\')
                {
                    if (i + 1 >= wildcard.Length || (wildcard[i + 1] != '*' && wildcard[i + 1] != '\\'))
                        throw EventPatternMatcher.Invalid($"\"wildcard\" in \"{path}\" has a backslash that escapes neither * nor \\.");
                    builder.Append(Regex.Escape(wildcard[++i].ToString()));
                }
                else if (c == '*')
                {
                    builder.Append(".*");
                }
                else
                {
                    builder.Append(Regex.Escape(c.ToString()));
                }
            }
            builder.Append('$');
            return new Regex(builder.ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant);
        }

        private static ValueTest NumericOperator(JsonElement value, string path)
        {
            if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0 || value.GetArrayLength() % 2 != 0)
                throw EventPatternMatcher.Invalid($"\"numeric\" in \"{path}\" must be an array of operator and number pairs, such as [\">\", 0, \"<=\", 5].");
            var items = value.EnumerateArray().ToList();
            var checks = new List<Func<double, bool>>();
            for (var i = 0; i < items.Count; i += 2)
            {
                if (items[i].ValueKind != JsonValueKind.String || items[i + 1].ValueKind != JsonValueKind.Number)
                    throw EventPatternMatcher.Invalid($"\"numeric\" in \"{path}\" must alternate an operator string and a number.");
                var bound = items[i + 1].GetDouble();
                Func<double, bool> check = items[i].GetString() switch
                {
                    "=" => x => x == bound,
                    "<" => x => x < bound,
                    "<=" => x => x <= bound,
                    ">" => x => x > bound,
                    ">=" => x => x >= bound,
                    var other => throw EventPatternMatcher.Invalid($"\"numeric\" in \"{path}\" uses the operator \"{other}\"; use =, <, <=, > or >=."),
                };
                checks.Add(check);
            }
            return new ValueTest(v => v.ValueKind == JsonValueKind.Number && checks.All(c => c(v.GetDouble())));
        }

        private static ValueTest CidrOperator(string cidr, string path)
        {
            var slash = cidr.IndexOf('/');
            if (slash < 0 || !IPAddress.TryParse(cidr.Substring(0, slash), out var network)
                || !int.TryParse(cidr.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefixLength))
                throw EventPatternMatcher.Invalid($"\"cidr\" in \"{path}\" must be a CIDR block such as \"10.0.0.0/24\"; \"{cidr}\" is not.");
            var networkBytes = network.GetAddressBytes();
            if (prefixLength > networkBytes.Length * 8)
                throw EventPatternMatcher.Invalid($"\"cidr\" in \"{path}\" has a prefix length longer than its address: \"{cidr}\".");
            return new ValueTest(v =>
            {
                if (v.ValueKind != JsonValueKind.String || !IPAddress.TryParse(v.GetString(), out var address)) return false;
                if (address.AddressFamily != network.AddressFamily) return false;
                var bytes = address.GetAddressBytes();
                for (var bit = 0; bit < prefixLength; bit++)
                {
                    var mask = 0x80 >> (bit % 8);
                    if ((bytes[bit / 8] & mask) != (networkBytes[bit / 8] & mask)) return false;
                }
                return true;
            });
        }

        private static ValueTest AnythingButOperator(JsonElement value, string path)
        {
            Func<JsonElement, bool> excluded;
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                case JsonValueKind.Number:
                    excluded = ExactValues(new[] { value }, path);
                    break;
                case JsonValueKind.Array:
                    if (value.GetArrayLength() == 0) throw EventPatternMatcher.Invalid($"\"anything-but\" in \"{path}\" has an empty list.");
                    excluded = ExactValues(value.EnumerateArray().ToList(), path);
                    break;
                case JsonValueKind.Object:
                {
                    var inner = value.EnumerateObject().ToList();
                    if (inner.Count != 1) throw EventPatternMatcher.Invalid($"\"anything-but\" in \"{path}\" must have exactly one operator inside.");
                    var name = inner[0].Name;
                    var operands = inner[0].Value.ValueKind == JsonValueKind.Array
                        ? inner[0].Value.EnumerateArray().ToList()
                        : new List<JsonElement> { inner[0].Value };
                    if (operands.Count == 0 || operands.Any(o => o.ValueKind != JsonValueKind.String))
                        throw EventPatternMatcher.Invalid($"\"anything-but\": {{\"{name}\": …}} in \"{path}\" must be given a string or an array of strings.");
                    var strings = operands.Select(o => o.GetString()!).ToList();
                    Func<string, bool> hit = name switch
                    {
                        "prefix" => s => strings.Any(p => s.StartsWith(p, StringComparison.Ordinal)),
                        "suffix" => s => strings.Any(p => s.EndsWith(p, StringComparison.Ordinal)),
                        "equals-ignore-case" => s => strings.Any(p => string.Equals(s, p, StringComparison.OrdinalIgnoreCase)),
                        "wildcard" => WildcardSet(strings, path),
                        _ => throw new PatternSyntaxException(ErrorIds.UnsupportedEventPatternOperator,
                            $"\"anything-but\" in \"{path}\" does not support \"{name}\"; use a value, a list, prefix, suffix, equals-ignore-case or wildcard."),
                    };
                    excluded = v => v.ValueKind == JsonValueKind.String && hit(v.GetString()!);
                    break;
                }
                default:
                    throw EventPatternMatcher.Invalid($"\"anything-but\" in \"{path}\" must be given a string, a number, an array or an operator object.");
            }
            return new ValueTest(v => !excluded(v));
        }

        private static Func<string, bool> WildcardSet(IEnumerable<string> wildcards, string path)
        {
            var regexes = wildcards.Select(w => WildcardRegex(w, path)).ToList();
            return s => regexes.Any(r => r.IsMatch(s));
        }

        private static Func<JsonElement, bool> ExactValues(IReadOnlyList<JsonElement> values, string path)
        {
            var strings = new HashSet<string>(StringComparer.Ordinal);
            var numbers = new HashSet<double>();
            foreach (var item in values)
            {
                if (item.ValueKind == JsonValueKind.String) strings.Add(item.GetString()!);
                else if (item.ValueKind == JsonValueKind.Number) numbers.Add(item.GetDouble());
                else throw EventPatternMatcher.Invalid($"\"anything-but\" in \"{path}\" may list only strings and numbers.");
            }
            return v => (v.ValueKind == JsonValueKind.String && strings.Contains(v.GetString()!))
                || (v.ValueKind == JsonValueKind.Number && numbers.Contains(v.GetDouble()));
        }
    }
}
