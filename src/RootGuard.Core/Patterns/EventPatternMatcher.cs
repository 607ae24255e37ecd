using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RootGuard.Core.Patterns
{
    /// <summary>
    /// An EventBridge event pattern, parsed once and evaluated against events the way EventBridge does:
    /// every field of the pattern must match (AND), the values listed for one field are alternatives (OR),
    /// an array in the event matches when any of its elements does, and a field the event lacks matches
    /// nothing but <c>{"exists": false}</c>.
    /// </summary>
    /// <remarks>
    /// Supports exact values (string, number, boolean, null), nested objects, <c>$or</c>, and the
    /// content filters <c>prefix</c>, <c>suffix</c>, <c>anything-but</c>, <c>numeric</c>, <c>exists</c>,
    /// <c>equals-ignore-case</c>, <c>wildcard</c> and <c>cidr</c>. Anything else raises a
    /// <see cref="PatternSyntaxException"/> with <see cref="PatternErrorIds.UnsupportedEventPatternOperator"/>.
    /// </remarks>
    public sealed class EventPatternMatcher
    {
        private static readonly string[] SupportedOperators =
            { "prefix", "suffix", "anything-but", "numeric", "exists", "equals-ignore-case", "wildcard", "cidr" };

        private readonly ObjectRule root;

        private EventPatternMatcher(ObjectRule root, string patternJson)
        {
            this.root = root;
            PatternJson = patternJson;
        }

        /// <summary>The pattern text this matcher was parsed from.</summary>
        public string PatternJson { get; }

        /// <summary>Parses an event pattern; throws <see cref="PatternSyntaxException"/> when it is not valid.</summary>
        public static EventPatternMatcher Parse(string patternJson)
        {
            if (patternJson == null) throw new ArgumentNullException(nameof(patternJson));
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(patternJson);
            }
            catch (JsonException e)
            {
                throw Invalid($"The event pattern is not valid JSON: {e.Message}", e);
            }
            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                    throw Invalid("The event pattern must be a JSON object, for example {\"source\":[\"aws.signin\"]}.");
                var rule = ParseObject(document.RootElement, "");
                if (rule.IsEmpty) throw Invalid("The event pattern is empty; it must name at least one field to match.");
                return new EventPatternMatcher(rule, patternJson);
            }
        }

        /// <summary>Whether the pattern matches the event; an event that is not valid JSON raises <see cref="PatternSyntaxException"/>.</summary>
        public bool Matches(string eventJson)
        {
            if (eventJson == null) throw new ArgumentNullException(nameof(eventJson));
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(eventJson);
            }
            catch (JsonException e)
            {
                throw new PatternSyntaxException(PatternErrorIds.InvalidEventJson, $"The event is not valid JSON: {e.Message}", null, e);
            }
            using (document) return Matches(document.RootElement);
        }

        /// <summary>Whether the pattern matches the event.</summary>
        public bool Matches(JsonElement eventElement) => root.Matches(new[] { eventElement });

        /// <summary>Parses <paramref name="patternJson"/> and evaluates it against <paramref name="eventJson"/>.</summary>
        public static bool Matches(string patternJson, string eventJson) => Parse(patternJson).Matches(eventJson);

        private static PatternSyntaxException Invalid(string message, Exception? inner = null) =>
            new PatternSyntaxException(PatternErrorIds.InvalidEventPattern, message, null, inner);

        private static string Describe(string path) => path.Length == 0 ? "the pattern" : $"\"{path}\"";

        private static ObjectRule ParseObject(JsonElement element, string path)
        {
            var fields = new List<KeyValuePair<string, FieldRule>>();
            var alternatives = new List<IReadOnlyList<ObjectRule>>();
            foreach (var property in element.EnumerateObject())
            {
                var fieldPath = path.Length == 0 ? property.Name : path + "." + property.Name;
                if (property.Name == "$or")
                {
                    if (property.Value.ValueKind != JsonValueKind.Array || property.Value.GetArrayLength() == 0)
                        throw Invalid($"\"$or\" in {Describe(path)} must be a non-empty array of patterns.");
                    var options = new List<ObjectRule>();
                    foreach (var option in property.Value.EnumerateArray())
                    {
                        if (option.ValueKind != JsonValueKind.Object)
                            throw Invalid($"Every alternative of \"$or\" in {Describe(path)} must be a JSON object.");
                        var parsed = ParseObject(option, path);
                        if (parsed.IsEmpty) throw Invalid($"An alternative of \"$or\" in {Describe(path)} is empty.");
                        options.Add(parsed);
                    }
                    alternatives.Add(options);
                    continue;
                }
                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.Object:
                        var nested = ParseObject(property.Value, fieldPath);
                        if (nested.IsEmpty) throw Invalid($"The field \"{fieldPath}\" has an empty object; give it fields or a list of values.");
                        fields.Add(new KeyValuePair<string, FieldRule>(property.Name, new NestedFieldRule(nested)));
                        break;
                    case JsonValueKind.Array:
                        fields.Add(new KeyValuePair<string, FieldRule>(property.Name, ParseLeaf(property.Value, fieldPath)));
                        break;
                    default:
                        throw Invalid($"The value of \"{fieldPath}\" must be an array of values to match (for example [\"{property.Value}\"]) or an object of nested fields.");
                }
            }
            return new ObjectRule(fields, alternatives);
        }

        private static LeafFieldRule ParseLeaf(JsonElement array, string path)
        {
            if (array.GetArrayLength() == 0)
                throw Invalid($"The field \"{path}\" has an empty list of values, which can never match.");
            var tests = new List<ValueTest>();
            foreach (var item in array.EnumerateArray())
            {
                switch (item.ValueKind)
                {
                    case JsonValueKind.String:
                        var text = item.GetString()!;
                        tests.Add(new ValueTest(v => v.ValueKind == JsonValueKind.String && v.GetString() == text));
                        break;
                    case JsonValueKind.Number:
                        var number = item.GetDouble();
                        tests.Add(new ValueTest(v => v.ValueKind == JsonValueKind.Number && v.GetDouble() == number));
                        break;
                    case JsonValueKind.True:
                    case JsonValueKind.False:
                    case JsonValueKind.Null:
                        var kind = item.ValueKind;
                        tests.Add(new ValueTest(v => v.ValueKind == kind));
                        break;
                    case JsonValueKind.Object:
                        tests.Add(ParseOperator(item, path));
                        break;
                    default:
                        throw Invalid($"The field \"{path}\" lists a nested array; list strings, numbers, booleans, null or operator objects.");
                }
            }
            return new LeafFieldRule(tests);
        }

        private static ValueTest ParseOperator(JsonElement operatorObject, string path)
        {
            var properties = operatorObject.EnumerateObject().ToList();
            if (properties.Count != 1)
                throw Invalid($"An operator object in \"{path}\" must have exactly one key, such as {{\"prefix\": \"…\"}}.");
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
                        throw Invalid($"\"exists\" in \"{path}\" must be true or false.");
                    return ValueTest.Exists(value.ValueKind == JsonValueKind.True);
                case "numeric":
                    return NumericOperator(value, path);
                case "cidr":
                    return CidrOperator(RequireString(name, value, path), path);
                case "anything-but":
                    return AnythingButOperator(value, path);
                default:
                    throw new PatternSyntaxException(PatternErrorIds.UnsupportedEventPatternOperator,
                        $"The operator \"{name}\" in \"{path}\" is not supported; supported operators are {string.Join(", ", SupportedOperators)}.");
            }
        }

        private static string RequireString(string operatorName, JsonElement value, string path)
        {
            if (value.ValueKind != JsonValueKind.String)
                throw Invalid($"\"{operatorName}\" in \"{path}\" must be given a string.");
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
                    throw Invalid($"\"{name}\" in \"{path}\" must be given a string or {{\"equals-ignore-case\": \"…\"}}.");
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
                        throw Invalid($"\"wildcard\" in \"{path}\" has a backslash that escapes neither * nor \\.");
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
                throw Invalid($"\"numeric\" in \"{path}\" must be an array of operator and number pairs, such as [\">\", 0, \"<=\", 5].");
            var items = value.EnumerateArray().ToList();
            var checks = new List<Func<double, bool>>();
            for (var i = 0; i < items.Count; i += 2)
            {
                if (items[i].ValueKind != JsonValueKind.String || items[i + 1].ValueKind != JsonValueKind.Number)
                    throw Invalid($"\"numeric\" in \"{path}\" must alternate an operator string and a number.");
                var bound = items[i + 1].GetDouble();
                Func<double, bool> check = items[i].GetString() switch
                {
                    "=" => x => x == bound,
                    "<" => x => x < bound,
                    "<=" => x => x <= bound,
                    ">" => x => x > bound,
                    ">=" => x => x >= bound,
                    var other => throw Invalid($"\"numeric\" in \"{path}\" uses the operator \"{other}\"; use =, <, <=, > or >=."),
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
                throw Invalid($"\"cidr\" in \"{path}\" must be a CIDR block such as \"10.0.0.0/24\"; \"{cidr}\" is not.");
            var networkBytes = network.GetAddressBytes();
            if (prefixLength > networkBytes.Length * 8)
                throw Invalid($"\"cidr\" in \"{path}\" has a prefix length longer than its address: \"{cidr}\".");
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
                    if (value.GetArrayLength() == 0) throw Invalid($"\"anything-but\" in \"{path}\" has an empty list.");
                    excluded = ExactValues(value.EnumerateArray().ToList(), path);
                    break;
                case JsonValueKind.Object:
                {
                    var inner = value.EnumerateObject().ToList();
                    if (inner.Count != 1) throw Invalid($"\"anything-but\" in \"{path}\" must have exactly one operator inside.");
                    var name = inner[0].Name;
                    var operands = inner[0].Value.ValueKind == JsonValueKind.Array
                        ? inner[0].Value.EnumerateArray().ToList()
                        : new List<JsonElement> { inner[0].Value };
                    if (operands.Count == 0 || operands.Any(o => o.ValueKind != JsonValueKind.String))
                        throw Invalid($"\"anything-but\": {{\"{name}\": …}} in \"{path}\" must be given a string or an array of strings.");
                    var strings = operands.Select(o => o.GetString()!).ToList();
                    Func<string, bool> hit = name switch
                    {
                        "prefix" => s => strings.Any(p => s.StartsWith(p, StringComparison.Ordinal)),
                        "suffix" => s => strings.Any(p => s.EndsWith(p, StringComparison.Ordinal)),
                        "equals-ignore-case" => s => strings.Any(p => string.Equals(s, p, StringComparison.OrdinalIgnoreCase)),
                        "wildcard" => WildcardSet(strings, path),
                        _ => throw new PatternSyntaxException(PatternErrorIds.UnsupportedEventPatternOperator,
                            $"\"anything-but\" in \"{path}\" does not support \"{name}\"; use a value, a list, prefix, suffix, equals-ignore-case or wildcard."),
                    };
                    excluded = v => v.ValueKind == JsonValueKind.String && hit(v.GetString()!);
                    break;
                }
                default:
                    throw Invalid($"\"anything-but\" in \"{path}\" must be given a string, a number, an array or an operator object.");
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
                else throw Invalid($"\"anything-but\" in \"{path}\" may list only strings and numbers.");
            }
            return v => (v.ValueKind == JsonValueKind.String && strings.Contains(v.GetString()!))
                || (v.ValueKind == JsonValueKind.Number && numbers.Contains(v.GetDouble()));
        }

        /// <summary>The fields of one object level: all must match, and each <c>$or</c> needs one matching alternative.</summary>
        private sealed class ObjectRule
        {
            private readonly IReadOnlyList<KeyValuePair<string, FieldRule>> fields;
            private readonly IReadOnlyList<IReadOnlyList<ObjectRule>> alternatives;

            public ObjectRule(IReadOnlyList<KeyValuePair<string, FieldRule>> fields, IReadOnlyList<IReadOnlyList<ObjectRule>> alternatives)
            {
                this.fields = fields;
                this.alternatives = alternatives;
            }

            public bool IsEmpty => fields.Count == 0 && alternatives.Count == 0;

            // "objects" holds every value at this level: more than one when the path went through an array.
            public bool Matches(IReadOnlyList<JsonElement> objects)
            {
                foreach (var field in fields)
                {
                    var present = false;
                    var values = new List<JsonElement>();
                    foreach (var candidate in objects)
                    {
                        if (candidate.ValueKind == JsonValueKind.Object && candidate.TryGetProperty(field.Key, out var value))
                        {
                            present = true;
                            Flatten(value, values);
                        }
                    }
                    if (!field.Value.Matches(present, values)) return false;
                }
                return alternatives.All(options => options.Any(option => option.Matches(objects)));
            }

            private static void Flatten(JsonElement value, List<JsonElement> into)
            {
                if (value.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in value.EnumerateArray()) Flatten(item, into);
                }
                else
                {
                    into.Add(value);
                }
            }
        }

        private abstract class FieldRule
        {
            public abstract bool Matches(bool present, IReadOnlyList<JsonElement> values);
        }

        private sealed class NestedFieldRule : FieldRule
        {
            private readonly ObjectRule rule;
            public NestedFieldRule(ObjectRule rule) => this.rule = rule;
            public override bool Matches(bool present, IReadOnlyList<JsonElement> values) => rule.Matches(values);
        }

        private sealed class LeafFieldRule : FieldRule
        {
            private readonly IReadOnlyList<ValueTest> tests;
            public LeafFieldRule(IReadOnlyList<ValueTest> tests) => this.tests = tests;
            public override bool Matches(bool present, IReadOnlyList<JsonElement> values) => tests.Any(t => t.Matches(present, values));
        }

        /// <summary>One listed value or operator: matches when any of the field's values passes it.</summary>
        private sealed class ValueTest
        {
            private readonly Func<JsonElement, bool>? test;
            private readonly bool? exists;

            public ValueTest(Func<JsonElement, bool> test) => this.test = test;
            private ValueTest(bool exists) => this.exists = exists;

            public static ValueTest Exists(bool exists) => new ValueTest(exists);

            public bool Matches(bool present, IReadOnlyList<JsonElement> values)
            {
                if (exists.HasValue)
                {
                    // EventBridge's exists applies to leaves: a field holding only an object does not "exist".
                    var hasLeaf = present && (values.Count == 0 || values.Any(v => v.ValueKind != JsonValueKind.Object));
                    return hasLeaf == exists.Value;
                }
                return values.Any(test!);
            }
        }
    }
}
