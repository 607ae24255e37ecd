using System;
using System.Linq;
using System.Text.Json.Nodes;

namespace RootGuard.Core.Policies
{
    /// <summary>
    /// A statement's Condition block against a request, as IAM evaluates it: every operator and every key must hold
    /// (AND), any of a key's values may match (OR); a negated operator holds when none matches. A key missing from the
    /// request makes a positive operator false and a negated one true; <c>...IfExists</c> is true when the key is missing.
    /// Evaluated: the String and Arn operator families (Equals, NotEquals, EqualsIgnoreCase, NotEqualsIgnoreCase, Like,
    /// NotLike), their IfExists forms, and Null. Anything else, a key the request does not know, a set operator
    /// (ForAnyValue/ForAllValues) or a policy variable is Unknown.
    /// </summary>
    internal static class PolicyConditions
    {
        public static (Match Match, string? Why) Evaluate(JsonNode? condition, ServiceRequest request)
        {
            if (condition == null) return (Match.Yes, null);
            if (condition is not JsonObject operators) return (Match.Unknown, "its Condition is not an object");

            string? unknown = null;
            foreach (var op in operators)
            {
                if (op.Value is not JsonObject keys) return (Match.Unknown, $"its {op.Key} condition is not an object");
                foreach (var key in keys)
                {
                    var (match, why) = EvaluateOne(op.Key, key.Key, key.Value, request);
                    if (match == Match.No) return (Match.No, why);
                    if (match == Match.Unknown) unknown ??= why;
                }
            }

            return unknown != null ? (Match.Unknown, unknown) : (Match.Yes, null);
        }

        private static (Match, string) EvaluateOne(string op, string key, JsonNode? valueNode, ServiceRequest request)
        {
            var values = PolicyMatch.Values(valueNode);
            var shown = $"{op} {key} {(values == null ? "(unreadable value)" : PolicyMatch.List(values))}";
            if (values == null) return (Match.Unknown, $"its condition {shown} has a value that is not a string or list");
            if (op.IndexOf(':') >= 0) return (Match.Unknown, $"its condition {shown} uses a set operator");
            if (values.Any(v => v.IndexOf("${", StringComparison.Ordinal) >= 0)) return (Match.Unknown, $"its condition {shown} uses a policy variable");

            var ifExists = op.EndsWith("IfExists", StringComparison.Ordinal);
            var name = ifExists ? op.Substring(0, op.Length - "IfExists".Length) : op;
            if (!request.TryGetKey(key, out var actual))
                return (Match.Unknown, $"its condition {shown} depends on {key}, which RootGuard cannot know for {request.ServicePrincipal}");

            if (name == "Null" && !ifExists)
            {
                // "Null": "true" holds when the key is absent, "false" when it is present.
                var absent = actual == null;
                var holds = values.Any(v => string.Equals(v, absent ? "true" : "false", StringComparison.OrdinalIgnoreCase));
                return (PolicyMatch.Of(holds), $"its condition {shown} does not hold ({key} is {(absent ? "absent" : "present")})");
            }

            Func<string, string, Match>? compare = name switch
            {
                "StringEquals" or "StringNotEquals" => (p, a) => PolicyMatch.Of(string.Equals(p, a, StringComparison.Ordinal)),
                "StringEqualsIgnoreCase" or "StringNotEqualsIgnoreCase" => (p, a) => PolicyMatch.Of(string.Equals(p, a, StringComparison.OrdinalIgnoreCase)),
                "StringLike" or "StringNotLike" => (p, a) => PolicyMatch.Of(PolicyMatch.Glob(p, a, StringComparison.Ordinal)),
                // ArnEquals and ArnLike are the same comparison: both take wildcards per ARN component.
                "ArnEquals" or "ArnLike" or "ArnNotEquals" or "ArnNotLike" => PolicyMatch.Arn,
                _ => null,
            };
            if (compare == null) return (Match.Unknown, $"its condition {shown} uses an operator RootGuard does not evaluate");

            var negated = name.IndexOf("Not", StringComparison.Ordinal) >= 0;
            if (actual == null)
            {
                var missing = ifExists || negated ? Match.Yes : Match.No;
                return (missing, $"its condition {shown} does not hold: the request has no {key}");
            }

            var any = PolicyMatch.Any(values.Select(v => compare(v, actual)));
            var result = negated ? PolicyMatch.Not(any) : any;
            return (result, result == Match.Unknown
                ? $"its condition {shown} cannot be compared with {key} '{actual}'"
                : $"its condition {shown} does not hold for {key} '{actual}'");
        }
    }
}
