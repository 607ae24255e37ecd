using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

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
    /// <see cref="PatternSyntaxException"/> with <see cref="ErrorIds.UnsupportedEventPatternOperator"/>.
    /// </remarks>
    public sealed class EventPatternMatcher
    {
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
                throw new PatternSyntaxException(ErrorIds.InvalidEventJson, $"The event is not valid JSON: {e.Message}", null, e);
            }
            using (document) return Matches(document.RootElement);
        }

        /// <summary>Whether the pattern matches the event.</summary>
        public bool Matches(JsonElement eventElement) => root.Matches(new[] { eventElement });

        /// <summary>Parses <paramref name="patternJson"/> and evaluates it against <paramref name="eventJson"/>.</summary>
        public static bool Matches(string patternJson, string eventJson) => Parse(patternJson).Matches(eventJson);

        internal static PatternSyntaxException Invalid(string message, Exception? inner = null) =>
            new PatternSyntaxException(ErrorIds.InvalidEventPattern, message, null, inner);

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
                        tests.Add(EventPatternOperators.Parse(item, path));
                        break;
                    default:
                        throw Invalid($"The field \"{path}\" lists a nested array; list strings, numbers, booleans, null or operator objects.");
                }
            }
            return new LeafFieldRule(tests);
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
    }
}
