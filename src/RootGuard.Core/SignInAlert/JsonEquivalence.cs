using System;
using System.Linq;
using System.Text.Json.Nodes;

namespace RootGuard.Core.SignInAlert
{
    /// <summary>
    /// Compares JSON documents by meaning: EventBridge returns an event pattern re-serialised (spacing, key order),
    /// and the values listed for a field are alternatives whose order does not matter.
    /// </summary>
    public static class JsonEquivalence
    {
        public static bool AreEquivalent(string? left, string? right)
        {
            if (string.IsNullOrWhiteSpace(left) || string.IsNullOrWhiteSpace(right))
            {
                return string.IsNullOrWhiteSpace(left) && string.IsNullOrWhiteSpace(right);
            }

            try
            {
                return Canonical(JsonNode.Parse(left!)) == Canonical(JsonNode.Parse(right!));
            }
            catch (System.Text.Json.JsonException)
            {
                return false;
            }
        }

        private static string Canonical(JsonNode? node) => node switch
        {
            null => "null",
            JsonObject o => "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => System.Text.Json.JsonSerializer.Serialize(p.Key) + ":" + Canonical(p.Value))) + "}",
            JsonArray a => "[" + string.Join(",", a.Select(Canonical).OrderBy(s => s, StringComparer.Ordinal)) + "]",
            _ => node.ToJsonString(),
        };
    }
}
