using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RootGuard.Core.NotificationTopic
{
    /// <summary>
    /// The one judgement of an SNS subscription filter policy for RootGuard's alerts. EventBridge (an SNS target) and
    /// CloudWatch (an alarm action) publish to SNS without message attributes, so:
    /// <list type="bullet">
    /// <item>no <c>FilterPolicy</c>, or <c>{}</c> (what SNS keeps once a policy is removed): delivers;</item>
    /// <item>scope <c>MessageAttributes</c> (the default when <c>FilterPolicyScope</c> is absent): SNS accepts a message only
    /// when each property name of the policy matches a message attribute name, and <c>{"exists": false}</c> matches only
    /// when the message carries at least one attribute (SNS developer guide, "Amazon SNS subscription filter policies" and
    /// "Key matching"), so every policy with a property drops the alert; through <c>$or</c> too, since each branch has one;</item>
    /// <item>scope <c>MessageBody</c>: matched against the JSON the service sends (the event, the rule's transformed input,
    /// CloudWatch's notification), which RootGuard does not prove: not verifiable;</item>
    /// <item>a policy that is not valid JSON, not of the documented shape, or uses an operator RootGuard does not know: not
    /// verifiable (never a Pass, never a Fail on a guess).</item>
    /// </list>
    /// </summary>
    public sealed class FilterPolicyJudgement
    {
        public const string FilterPolicyAttribute = "FilterPolicy";
        public const string FilterPolicyScopeAttribute = "FilterPolicyScope";
        public const string MessageAttributesScope = "MessageAttributes";
        public const string MessageBodyScope = "MessageBody";

        /// <summary>SNS's own command that removes a subscription's filter policy (an empty policy is none).</summary>
        public static string RemoveFilterCommand(string subscriptionArn) =>
            $"aws sns set-subscription-attributes --subscription-arn {subscriptionArn} --attribute-name {FilterPolicyAttribute} --attribute-value \"{{}}\"";

        /// <summary>How long SNS takes to apply a changed filter policy, for the remedies that remove one.</summary>
        public const string TakesEffectNote = "SNS takes up to 15 minutes to apply it";

        /// <summary>The operators of SNS filter policies; each needs its attribute, exists:false needs another attribute.</summary>
        private static readonly HashSet<string> KnownOperators = new HashSet<string>(StringComparer.Ordinal)
        {
            "exists", "anything-but", "prefix", "suffix", "numeric", "equals-ignore-case", "cidr", "wildcard",
        };

        private FilterPolicyJudgement(FilterDelivery delivery, string reason)
        {
            Delivery = delivery;
            Reason = reason;
        }

        public FilterDelivery Delivery { get; }

        /// <summary>Why, in words that finish the sentence "its filter policy …".</summary>
        public string Reason { get; }

        /// <summary>The judgement of a subscription's attributes as GetSubscriptionAttributes gives them.</summary>
        public static FilterPolicyJudgement Of(IReadOnlyDictionary<string, string> attributes)
        {
            attributes.TryGetValue(FilterPolicyAttribute, out var policy);
            attributes.TryGetValue(FilterPolicyScopeAttribute, out var scope);
            return Judge(policy, scope);
        }

        /// <summary>The judgement of <paramref name="filterPolicy"/> in <paramref name="scope"/> (null: MessageAttributes) for a message without attributes.</summary>
        public static FilterPolicyJudgement Judge(string? filterPolicy, string? scope)
        {
            if (string.IsNullOrWhiteSpace(filterPolicy)) return new FilterPolicyJudgement(FilterDelivery.Delivers, "is not set");
            JsonNode? parsed;
            try
            {
                parsed = JsonNode.Parse(filterPolicy!);
            }
            catch (JsonException e)
            {
                return NotVerifiable($"is not valid JSON ({e.Message})");
            }

            if (!(parsed is JsonObject policy)) return NotVerifiable("is not a JSON object");
            if (policy.Count == 0) return new FilterPolicyJudgement(FilterDelivery.Delivers, "is empty ({})");

            var effectiveScope = string.IsNullOrEmpty(scope) ? MessageAttributesScope : scope!;
            if (effectiveScope == MessageBodyScope)
                return NotVerifiable($"{Quote(filterPolicy!)} applies to the message body (FilterPolicyScope MessageBody), the JSON the service sends, "
                                     + "which RootGuard does not prove matches");
            if (effectiveScope != MessageAttributesScope) return NotVerifiable($"has the FilterPolicyScope '{scope}', which RootGuard does not know");

            var problem = Shape(policy, out var properties);
            if (problem != null) return NotVerifiable($"{Quote(filterPolicy!)} {problem}");
            var onlyAbsence = properties.All(p => p.OnlyExistsFalse);
            return new FilterPolicyJudgement(FilterDelivery.Drops,
                $"{Quote(filterPolicy!)} (scope MessageAttributes) needs message attribute(s) {string.Join(", ", properties.Select(p => p.Name).Distinct(StringComparer.Ordinal))}, "
                + "and EventBridge and CloudWatch publish without message attributes"
                + (onlyAbsence ? " (SNS matches {\"exists\": false} only when the message carries at least one other attribute)" : string.Empty)
                + ", so SNS drops the alert for it");
        }

        private static FilterPolicyJudgement NotVerifiable(string reason) => new FilterPolicyJudgement(FilterDelivery.NotVerifiable, reason);

        private static string Quote(string policy) => policy.Length <= 200 ? policy : policy.Substring(0, 200) + "…";

        private readonly struct Property
        {
            public Property(string name, bool onlyExistsFalse)
            {
                Name = name;
                OnlyExistsFalse = onlyExistsFalse;
            }

            public string Name { get; }
            public bool OnlyExistsFalse { get; }
        }

        /// <summary>
        /// Checks an attribute-scope policy against the documented shape: each property an array of values and operators;
        /// <c>$or</c> an array of such policies. Null when it fits; else what does not, for the reason.
        /// </summary>
        private static string? Shape(JsonObject policy, out List<Property> properties)
        {
            properties = new List<Property>();
            foreach (var pair in policy)
            {
                if (pair.Key == "$or" && pair.Value is JsonArray branches && branches.Count > 0 && branches.All(b => b is JsonObject))
                {
                    foreach (var branch in branches.Cast<JsonObject>())
                    {
                        if (branch.Count == 0) return "has an empty $or branch";
                        if (Shape(branch, out var inner) is { } problem) return problem;
                        properties.AddRange(inner);
                    }

                    continue;
                }

                if (!(pair.Value is JsonArray conditions) || conditions.Count == 0)
                    return $"gives property '{pair.Key}' something other than a list of values (SNS takes no nested policy in scope MessageAttributes)";
                var onlyExistsFalse = true;
                foreach (var condition in conditions)
                {
                    if (condition is JsonObject op)
                    {
                        var unknown = op.Select(o => o.Key).FirstOrDefault(k => !KnownOperators.Contains(k));
                        if (op.Count != 1 || unknown != null)
                            return $"uses {(unknown != null ? $"the operator '{unknown}'" : "a condition with several operators")} on '{pair.Key}', which RootGuard does not know";
                        var (name, value) = (op.First().Key, op.First().Value);
                        onlyExistsFalse &= name == "exists" && value is JsonValue v && v.TryGetValue<bool>(out var exists) && !exists;
                    }
                    else if (condition is JsonArray)
                    {
                        return $"gives property '{pair.Key}' a nested list";
                    }
                    else
                    {
                        onlyExistsFalse = false; // An exact value (string, number, true, false or null) needs the attribute.
                    }
                }

                properties.Add(new Property(pair.Key, onlyExistsFalse));
            }

            return null;
        }
    }
}
