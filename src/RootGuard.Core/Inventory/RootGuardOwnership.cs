using System.Linq;

namespace RootGuard.Core.Inventory
{
    /// <summary>
    /// How RootGuard recognises what it made where a resource cannot carry the ManagedBy tag: its EventBridge
    /// target ids, its topic policy statement ids, and the alarm tag that records a metric filter it created.
    /// </summary>
    public static class RootGuardOwnership
    {
        /// <summary>Every EventBridge target id RootGuard writes starts with this.</summary>
        public const string TargetIdPrefix = "RootGuard";

        /// <summary>Every topic policy statement id RootGuard writes starts with this.</summary>
        public const string PolicySidPrefix = "RootGuard";

        /// <summary>
        /// Alarm tag naming the metric filter RootGuard created for it (<c>logGroupName:filterName</c>). Metric filters
        /// cannot be tagged, and a filter RootGuard only reused must survive Remove-RootMonitoring.
        /// </summary>
        public const string CreatedMetricFilterTagKey = "RootGuard:MetricFilter";

        public static bool IsOwnTargetId(string? id) => id != null && id.StartsWith(TargetIdPrefix, System.StringComparison.Ordinal);

        public static bool IsOwnPolicySid(string? sid) => sid != null && sid.StartsWith(PolicySidPrefix, System.StringComparison.Ordinal);

        /// <summary>
        /// The component a statement id names (RootGuardSignInAlert…, RootGuardUsageAlarm…), or null when it names neither;
        /// such a statement is removed only with everything.
        /// </summary>
        public static string? ComponentOfPolicySid(string sid) =>
            RemovalSelection.AllComponents.FirstOrDefault(c => sid.IndexOf(c, System.StringComparison.OrdinalIgnoreCase) >= 0);

        /// <summary>Splits the <see cref="CreatedMetricFilterTagKey"/> value; log group names may contain ':' but filter names rarely do, so split at the last one.</summary>
        public static (string LogGroupName, string FilterName)? ParseCreatedMetricFilter(string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return null;
            }

            var at = value!.LastIndexOf(':');
            return at <= 0 || at == value.Length - 1 ? null : ((string, string)?)(value.Substring(0, at), value.Substring(at + 1));
        }

        public static string FormatCreatedMetricFilter(string logGroupName, string filterName) => logGroupName + ":" + filterName;
    }
}
