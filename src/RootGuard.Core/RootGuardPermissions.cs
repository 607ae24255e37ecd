using System.Collections.Generic;
using System.Linq;
using System.Text;
using RootGuard.Core.Assessment;
using RootGuard.Core.Fleet;
using RootGuard.Core.Monitoring;
using RootGuard.Core.Repair;
using RootGuard.Core.SignInAlert;
using RootGuard.Core.UsageAlarm;

namespace RootGuard.Core
{
    /// <summary>
    /// The IAM actions each feature needs, gathered from the one list each feature keeps. Core names features, not
    /// commands: the cmdlets layer says which command does which, and renders docs/iam-policies.md (a test keeps the two equal).
    /// </summary>
    public static class RootGuardPermissions
    {
        public static IReadOnlyList<(RootGuardFeature Feature, IReadOnlyList<string> Actions)> ByFeature { get; } = new[]
        {
            (RootGuardFeature.SignInAlert, SignInAlertPermissions.Actions),
            (RootGuardFeature.UsageAlarm, UsageAlarmPermissions.Actions),
            (RootGuardFeature.Assessment, AssessmentPermissions.Actions),
            (RootGuardFeature.AssessmentAcrossAccounts, FleetPermissions.Actions),
            (RootGuardFeature.MonitoringRead, MonitoringPermissions.ReadActions),
            (RootGuardFeature.MonitoringTest, MonitoringPermissions.TestActions),
            (RootGuardFeature.MonitoringRemove, InventoryPermissions.RemoveActions),
            (RootGuardFeature.RepairFromManagementAccount, RepairPermissions.ManagementAccountActions),
            (RootGuardFeature.RepairInMemberAccount, RepairPermissions.MemberRoleActions),
        };

        /// <summary>The actions of one feature.</summary>
        public static IReadOnlyList<string> For(RootGuardFeature feature) => ByFeature.Single(f => f.Feature == feature).Actions;

        /// <summary>An identity policy that allows exactly these actions.</summary>
        public static string PolicyJson(IEnumerable<string> actions)
        {
            var list = actions.Distinct().OrderBy(a => a, System.StringComparer.Ordinal).ToList();
            var builder = new StringBuilder();
            builder.Append("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": [\n");
            builder.Append(string.Join(",\n", list.Select(a => "        \"" + a + "\"")));
            builder.Append("\n      ],\n      \"Resource\": \"*\"\n    }\n  ]\n}");
            return builder.ToString();
        }
    }
}
