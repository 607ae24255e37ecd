using System;
using System.Collections.Generic;
using System.Linq;

namespace RootGuard.Core.Ownership
{
    /// <summary>
    /// The tags that mark what RootGuard made. Discovery for Get-/Remove- and the rule that RootGuard deletes only
    /// its own resources both rest on them.
    /// </summary>
    public static class RootGuardTags
    {
        public const string ManagedByKey = "ManagedBy";
        public const string ManagedByValue = "RootGuard";
        public const string ComponentKey = "RootGuard:Component";
        public const string SignInAlertComponent = "SignInAlert";
        public const string UsageAlarmComponent = "UsageAlarm";

        /// <summary>How many tags RootGuard puts on every resource it makes (<see cref="ManagedByKey"/> and <see cref="ComponentKey"/>).</summary>
        public const int OwnTagCount = 2;

        /// <summary>
        /// Marks resources a CloudFormation stack (Export-RootGuardTemplate, rolled out by StackSets) made: the stack owns
        /// them, so Remove-RootMonitoring leaves them to the stack instead of causing drift.
        /// </summary>
        public const string DeployedByKey = "RootGuard:DeployedBy";

        /// <summary>The most characters AWS takes in a tag value (SNS, CloudWatch and EventBridge alike).</summary>
        public const int MaxValueLength = 256;
        public const string DeployedByCloudFormation = "CloudFormation";

        /// <summary>True when the tags say a CloudFormation stack made the resource.</summary>
        public static bool IsStackDeployed(IEnumerable<KeyValuePair<string, string>>? tags) =>
            tags != null && tags.Any(t => t.Key == DeployedByKey && t.Value == DeployedByCloudFormation);

        /// <summary>RootGuard's tags plus the user's; the user cannot override RootGuard's own keys.</summary>
        public static IReadOnlyDictionary<string, string> For(string component, IReadOnlyDictionary<string, string>? userTags)
        {
            var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in userTags ?? new Dictionary<string, string>())
            {
                tags[pair.Key] = pair.Value;
            }

            tags[ManagedByKey] = ManagedByValue;
            tags[ComponentKey] = component;
            return tags;
        }

        /// <summary>True when the tags say RootGuard made the resource (for the given component, when one is named).</summary>
        public static bool IsManaged(IEnumerable<KeyValuePair<string, string>>? tags, string? component = null)
        {
            if (tags == null)
            {
                return false;
            }

            var list = tags.ToList();
            var managed = list.Any(t => t.Key == ManagedByKey && t.Value == ManagedByValue);
            return managed && (component == null || list.Any(t => t.Key == ComponentKey && t.Value == component));
        }

        /// <summary>Keys the user may not set with -Tag, because RootGuard's ownership rests on them (a user's
        /// RootGuard:MetricFilter or RootGuard:Subscription:… tag would let Remove-RootMonitoring delete what is not RootGuard's).</summary>
        public static bool IsReservedKey(string key) =>
            key == ManagedByKey || key == ComponentKey || key == DeployedByKey || key == RootGuardOwnership.CreatedMetricFilterTagKey
            || key.StartsWith(RootGuardOwnership.SubscriptionTagPrefix, StringComparison.Ordinal);

        /// <summary>Whether every wanted tag is present with its value (extra tags on the resource are left alone).</summary>
        public static bool ContainsAll(IEnumerable<KeyValuePair<string, string>>? actual, IReadOnlyDictionary<string, string> wanted)
        {
            var present = (actual ?? Enumerable.Empty<KeyValuePair<string, string>>()).GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.Last().Value);
            return wanted.All(w => present.TryGetValue(w.Key, out var value) && value == w.Value);
        }
    }
}
