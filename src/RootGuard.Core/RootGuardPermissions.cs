using System.Collections.Generic;
using System.Linq;
using System.Text;
using RootGuard.Core.Assessment;
using RootGuard.Core.Monitoring;
using RootGuard.Core.SignInAlert;
using RootGuard.Core.UsageAlarm;

namespace RootGuard.Core
{
    /// <summary>
    /// The IAM actions each RootGuard command needs, gathered from the one list each component keeps; docs/iam-policies.md
    /// is generated from here (a test keeps the two equal).
    /// </summary>
    public static class RootGuardPermissions
    {
        public static IReadOnlyList<(string Command, string Purpose, IReadOnlyList<string> Actions)> ByCommand { get; } = new[]
        {
            ("New-RootSignInAlert", "create or converge the sign-in alert (and roll back its own changes)", SignInAlertPermissions.Actions),
            ("New-RootUsageAlarm", "create or converge the root usage metric filter, alarm and topic", UsageAlarmPermissions.Actions),
            ("Test-RootAccountSecurity", "read-only assessment", AssessmentPermissions.Actions),
            ("Get-RootMonitoring", "read-only inventory of what RootGuard made", InventoryPermissions.ReadActions),
            ("Remove-RootMonitoring", "find and remove what RootGuard made", InventoryPermissions.RemoveActions),
            ("Repair-RootAccountSecurity (management account)",
                "repair from the management account (or a single account): the organization's root features, security contacts, member root credentials through sts:AssumeRoot (the session itself is limited by the AWS managed task policy IAMDeleteRootUserCredentials), the monitors and the assessment",
                Repair.RepairPermissions.ManagementAccountActions),
            ("Repair-RootAccountSecurity (member-account role)",
                "the role Repair-RootAccountSecurity assumes in each member account (-RoleName, OrganizationAccountAccessRole by default): the monitors and the assessment",
                Repair.RepairPermissions.MemberRoleActions),
        };

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

        /// <summary>The text of docs/iam-policies.md.</summary>
        public static string ToMarkdown()
        {
            var text = new StringBuilder();
            text.Append("# IAM permissions RootGuard needs\n\n");
            text.Append("Generated from the permission lists in RootGuard.Core (`RootGuardPermissions`); a test keeps this file equal to them.\n");
            text.Append("Every command also calls `sts:GetCallerIdentity`, which needs no permission. When AWS denies a call, the\n");
            text.Append("error record's RecommendedAction names the action that was missing.\n");
            foreach (var (command, purpose, actions) in ByCommand)
            {
                text.Append("\n## ").Append(command).Append("\n\n").Append(char.ToUpperInvariant(purpose[0])).Append(purpose.Substring(1)).Append(".\n\n");
                text.Append("```json\n").Append(PolicyJson(actions)).Append("\n```\n");
            }

            text.Append("\n## Everything\n\nAll commands together.\n\n```json\n")
                .Append(PolicyJson(ByCommand.SelectMany(c => c.Actions))).Append("\n```\n");
            return text.ToString();
        }
    }
}
