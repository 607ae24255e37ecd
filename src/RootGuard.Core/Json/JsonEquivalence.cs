using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace RootGuard.Core.Json
{
    /// <summary>
    /// Compares JSON documents by meaning. AWS returns what it stores re-serialised: EventBridge event patterns and SNS
    /// topic policies come back with other spacing and key order, and the values listed in an array are alternatives
    /// whose order does not matter.
    /// </summary>
    public static class JsonEquivalence
    {
        /// <summary>True when two event patterns (or other JSON texts) mean the same; blank equals only blank, invalid JSON nothing.</summary>
        public static bool AreEquivalent(string? left, string? right)
        {
            if (string.IsNullOrWhiteSpace(left) || string.IsNullOrWhiteSpace(right))
            {
                return string.IsNullOrWhiteSpace(left) && string.IsNullOrWhiteSpace(right);
            }

            try
            {
                return Text(JsonNode.Parse(left!)) == Text(JsonNode.Parse(right!));
            }
            catch (System.Text.Json.JsonException)
            {
                return false;
            }
        }

        /// <summary>
        /// A detached copy with object keys in ordinal order and array items sorted by their canonical text. With
        /// <paramref name="singleItemArrayIsValue"/>, a one-item array becomes its item: IAM policy grammar treats
        /// <c>["x"]</c> and <c>"x"</c> alike (event patterns do not).
        /// </summary>
        public static JsonNode CanonicalForm(JsonNode node, bool singleItemArrayIsValue) => node switch
        {
            JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new KeyValuePair<string, JsonNode?>(p.Key, p.Value == null ? null : CanonicalForm(p.Value, singleItemArrayIsValue)))),
            JsonArray a when singleItemArrayIsValue && a.Count == 1 && a[0] != null => CanonicalForm(a[0]!, singleItemArrayIsValue),
            JsonArray a => new JsonArray(a.Select(n => n == null ? null : CanonicalForm(n, singleItemArrayIsValue))
                .OrderBy(n => n?.ToJsonString(), StringComparer.Ordinal).ToArray()),
            _ => node.DeepClone(),
        };

        private static string Text(JsonNode? node) => node == null ? "null" : CanonicalForm(node, singleItemArrayIsValue: false).ToJsonString();
    }
}
