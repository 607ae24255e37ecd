using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using RootGuard.Core.Aws.EventBridge.Model;

namespace RootGuard.Core.SignInAlert
{
    /// <summary>
    /// Renders an EventBridge input transformer against an event the way EventBridge documents it, so the message
    /// a person will receive can be shown (verbose output) and tested without sending anything.
    /// </summary>
    /// <remarks>
    /// The rules followed: a path the event lacks creates no variable, and its placeholder renders as nothing;
    /// inside a JSON string a value is inserted as text without escaping; outside one it is inserted as JSON; a
    /// template that is not a JSON object is a series of lines, each a JSON string, which EventBridge decodes and
    /// joins with line breaks. Predefined variables (aws.events.rule-name, aws.events.rule-arn,
    /// aws.events.event.ingestion-time, aws.events.event.json) are filled from the arguments.
    /// </remarks>
    public static class InputTransformerPreview
    {
        private static readonly Regex Placeholder = new Regex("<(?<name>[A-Za-z0-9_.\\-]+)>", RegexOptions.CultureInvariant);

        public static string Render(InputTransformer transformer, string eventJson, string ruleName = "RootGuard-RootSignIn",
            string? ruleArn = null) =>
            Render(transformer.InputPathsMap, transformer.InputTemplate ?? string.Empty, eventJson, ruleName, ruleArn);

        /// <summary>The message EventBridge would deliver; throws <see cref="FormatException"/> when the result would not be valid.</summary>
        public static string Render(IReadOnlyDictionary<string, string> inputPaths, string template, string eventJson,
            string ruleName = "RootGuard-RootSignIn", string? ruleArn = null)
        {
            using var document = JsonDocument.Parse(eventJson);
            var root = document.RootElement;
            var variables = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var pair in inputPaths)
            {
                if (TryResolve(root, pair.Value, out var value))
                {
                    variables[pair.Key] = value;
                }
            }

            var predefined = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["aws.events.rule-name"] = ruleName,
                ["aws.events.rule-arn"] = ruleArn ?? "arn:aws:events:us-east-1:111122223333:rule/" + ruleName,
                ["aws.events.event.ingestion-time"] = root.TryGetProperty("time", out var time) ? time.ToString() : string.Empty,
            };

            var declared = new HashSet<string>(inputPaths.Keys, StringComparer.Ordinal);
            var filled = Substitute(template, declared, variables, predefined, root);
            var trimmed = filled.TrimStart();
            if (trimmed.StartsWith("{", StringComparison.Ordinal) || trimmed.StartsWith("[", StringComparison.Ordinal))
            {
                try
                {
                    using var check = JsonDocument.Parse(filled);
                }
                catch (JsonException e)
                {
                    throw new FormatException("The transformed message is not valid JSON, so EventBridge would not deliver it: " + e.Message, e);
                }

                return filled;
            }

            return string.Join("\n", filled.Split('\n').Select(DecodeLine));
        }

        private static string DecodeLine(string line)
        {
            var text = line.Trim();
            if (!text.StartsWith("\"", StringComparison.Ordinal))
            {
                return text;
            }

            try
            {
                return JsonSerializer.Deserialize<string>(text) ?? string.Empty;
            }
            catch (JsonException e)
            {
                throw new FormatException($"The line {text} is not a valid JSON string after substitution, so EventBridge would not deliver it.", e);
            }
        }

        private static string Substitute(string template, HashSet<string> declared, Dictionary<string, JsonElement> variables, Dictionary<string, string> predefined,
            JsonElement root)
        {
            var output = new StringBuilder();
            var inString = false;
            var index = 0;
            while (index < template.Length)
            {
                var c = template[index];
                if (c == '<')
                {
                    var match = Placeholder.Match(template, index);
                    if (match.Success && match.Index == index)
                    {
                        var name = match.Groups["name"].Value;
                        if (TryValue(name, variables, predefined, root, inString, out var text))
                        {
                            output.Append(text);
                            index += match.Length;
                            continue;
                        }

                        if (declared.Contains(name))
                        {
                            // Declared, but the event lacks the path: no variable, and the placeholder renders as nothing.
                            index += match.Length;
                            continue;
                        }
                    }
                }

                if (c == '\\' && inString && index + 1 < template.Length)
                {
                    output.Append(c).Append(template[index + 1]);
                    index += 2;
                    continue;
                }

                if (c == '"')
                {
                    inString = !inString;
                }

                output.Append(c);
                index++;
            }

            return output.ToString();
        }

        private static bool TryValue(string name, Dictionary<string, JsonElement> variables, Dictionary<string, string> predefined,
            JsonElement root, bool inString, out string text)
        {
            if (variables.TryGetValue(name, out var value))
            {
                text = inString && value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
                return true;
            }

            if (predefined.TryGetValue(name, out var fixedValue))
            {
                text = inString ? fixedValue : JsonSerializer.Serialize(fixedValue);
                return true;
            }

            if (name == "aws.events.event.json")
            {
                text = root.GetRawText();
                return true;
            }

            text = string.Empty;
            return false;
        }

        /// <summary>Follows EventBridge's JSON path subset: $.a.b, array indexes a[0].</summary>
        internal static bool TryResolve(JsonElement root, string path, out JsonElement value)
        {
            value = root;
            if (path == "$")
            {
                return true;
            }

            if (!path.StartsWith("$.", StringComparison.Ordinal))
            {
                return false;
            }

            foreach (var segment in path.Substring(2).Split('.'))
            {
                var name = segment;
                var indexes = new List<int>();
                var bracket = segment.IndexOf('[');
                if (bracket >= 0)
                {
                    name = segment.Substring(0, bracket);
                    foreach (Match m in Regex.Matches(segment.Substring(bracket), "\\[(\\d+)\\]"))
                    {
                        indexes.Add(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
                    }
                }

                if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out value))
                {
                    return false;
                }

                foreach (var i in indexes)
                {
                    if (value.ValueKind != JsonValueKind.Array || i >= value.GetArrayLength())
                    {
                        return false;
                    }

                    value = value[i];
                }
            }

            return value.ValueKind != JsonValueKind.Undefined;
        }
    }
}
