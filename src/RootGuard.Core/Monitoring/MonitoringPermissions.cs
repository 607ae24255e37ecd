using System;
using System.Collections.Generic;
using System.Linq;

namespace RootGuard.Core.Monitoring
{
    /// <summary>The IAM actions Get-RootMonitoring (inventory and health) and Send-RootMonitoringTest need: the lists docs/iam-policies.md shows.</summary>
    public static class MonitoringPermissions
    {
        /// <summary>The inventory's reads and those of RG.ROOT.5/6 (Get-RootMonitoring -Resource needs only <see cref="InventoryPermissions.ReadActions"/>).</summary>
        public static IReadOnlyList<string> ReadActions { get; } = Ordered(InventoryPermissions.ReadActions.Concat(RootMonitoringReader.HealthActions));

        /// <summary>The reads, EventBridge's pattern test, and the two calls that send a test: sns:Publish and cloudwatch:SetAlarmState.</summary>
        public static IReadOnlyList<string> TestActions { get; } = Ordered(ReadActions.Concat(MonitorTestPlanner.TestActions));

        private static IReadOnlyList<string> Ordered(IEnumerable<string> actions) => actions.Distinct().OrderBy(a => a, StringComparer.Ordinal).ToList();
    }
}
