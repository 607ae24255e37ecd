using System.Linq;
using System.Text.Json.Nodes;

namespace RootGuard.Core.Templates
{
    /// <summary>CloudFormation's intrinsic functions as JSON nodes, so the template reads like the JSON it becomes.</summary>
    public static class CloudFormationFunctions
    {
        public static JsonObject Ref(string logicalId) => new JsonObject { ["Ref"] = logicalId };

        public static JsonObject GetAtt(string logicalId, string attribute) => new JsonObject { ["Fn::GetAtt"] = new JsonArray(logicalId, attribute) };

        public static JsonObject Sub(string text) => new JsonObject { ["Fn::Sub"] = text };

        public static JsonObject Sub(string text, JsonObject variables) => new JsonObject { ["Fn::Sub"] = new JsonArray(text, variables) };

        public static JsonObject FindInMap(string map, JsonNode key, string attribute) =>
            new JsonObject { ["Fn::FindInMap"] = new JsonArray(map, key, attribute) };

        public static JsonObject If(string condition, JsonNode whenTrue, JsonNode whenFalse) =>
            new JsonObject { ["Fn::If"] = new JsonArray(condition, whenTrue, whenFalse) };

        public static JsonObject NoValue => Ref("AWS::NoValue");

        public static JsonObject EqualsTo(JsonNode left, JsonNode right) => new JsonObject { ["Fn::Equals"] = new JsonArray(left, right) };

        public static JsonObject Not(JsonNode condition) => new JsonObject { ["Fn::Not"] = new JsonArray(condition) };

        public static JsonObject Or(params string[] conditions) =>
            new JsonObject { ["Fn::Or"] = new JsonArray(conditions.Select(c => (JsonNode)new JsonObject { ["Condition"] = c }).ToArray()) };

        /// <summary>Text for a property: a plain string, or Fn::Sub when it names template values with <c>${…}</c>.</summary>
        public static JsonNode Text(string text) => text.Contains("${") ? Sub(text) : JsonValue.Create(text)!;
    }
}
