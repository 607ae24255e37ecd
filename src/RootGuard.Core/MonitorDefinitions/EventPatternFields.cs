using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace RootGuard.Core.MonitorDefinitions
{
    /// <summary>
    /// What an event pattern (already parsed as valid) conditions on, for <see cref="RootMonitorPatternAnalysis"/>: the
    /// fields, the text values it names for each (so variants are tried with them), and the fields RootGuard cannot test.
    /// </summary>
    internal sealed class EventPatternFields
    {
        private EventPatternFields(ISet<string> paths, IReadOnlyDictionary<string, IReadOnlyList<string>> values, IReadOnlyList<string> unverifiableFields)
        {
            Paths = paths;
            Values = values;
            UnverifiableFields = unverifiableFields;
        }

        /// <summary>Every field the pattern names, dotted from the event's root (<c>detail.sourceIPAddress</c>).</summary>
        public ISet<string> Paths { get; }

        /// <summary>For each field, the text values the pattern names: exact values and the operands of its operators.</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<string>> Values { get; }

        /// <summary>
        /// Fields the pattern requires to be absent (<c>{"exists": false}</c>) that no sample sign-in has: the samples pass
        /// such a condition whatever it is, so it cannot be tested. Any other condition on a field the samples lack fails on
        /// them, so it shows as a miss, not as something unverifiable.
        /// </summary>
        public IReadOnlyList<string> UnverifiableFields { get; }

        public static EventPatternFields Read(string patternJson)
        {
            var paths = new HashSet<string>(StringComparer.Ordinal);
            var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var unverifiable = new List<string>();
            using (var document = JsonDocument.Parse(patternJson))
                Walk(document.RootElement, "", paths, values, unverifiable);
            return new EventPatternFields(paths, values.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value.Distinct().ToList()),
                unverifiable.Distinct().ToList());
        }

        private static void Walk(JsonElement pattern, string path, ISet<string> paths, Dictionary<string, List<string>> values, List<string> unverifiable)
        {
            foreach (var property in pattern.EnumerateObject())
            {
                if (property.Name == "$or")
                {
                    foreach (var option in property.Value.EnumerateArray()) Walk(option, path, paths, values, unverifiable);
                    continue;
                }

                var field = path.Length == 0 ? property.Name : path + "." + property.Name;
                paths.Add(field);
                if (property.Value.ValueKind == JsonValueKind.Object)
                {
                    Walk(property.Value, field, paths, values, unverifiable);
                    continue;
                }

                if (!values.TryGetValue(field, out var named)) values[field] = named = new List<string>();
                foreach (var item in property.Value.EnumerateArray())
                {
                    Collect(item, null, named);
                    if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("exists", out var exists) && exists.ValueKind == JsonValueKind.False
                        && !RootMonitorVariants.KnownSignInPaths.Contains(field))
                        unverifiable.Add(field);
                }
            }
        }

        // The text operands of exact values and operators; numeric bounds and exists say nothing a text field could hold.
        private static void Collect(JsonElement item, string? op, List<string> into)
        {
            switch (item.ValueKind)
            {
                case JsonValueKind.String:
                    var text = item.GetString()!;
                    if (op == "wildcard") text = text.Replace("*", string.Empty);
                    else if (op == "cidr" && text.IndexOf('/') >= 0) text = text.Substring(0, text.IndexOf('/'));
                    into.Add(text);
                    break;
                case JsonValueKind.Array:
                    foreach (var element in item.EnumerateArray()) Collect(element, op, into);
                    break;
                case JsonValueKind.Object:
                    foreach (var operand in item.EnumerateObject())
                    {
                        if (operand.Name != "numeric" && operand.Name != "exists") Collect(operand.Value, operand.Name, into);
                    }
                    break;
            }
        }
    }
}
