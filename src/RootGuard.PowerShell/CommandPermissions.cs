using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Text;
using RootGuard.Core;
using RootGuard.PowerShell.Commands;

namespace RootGuard.PowerShell
{
    /// <summary>
    /// Which command does which of Core's features, and so needs its IAM actions: the text of docs/iam-policies.md (a
    /// test keeps the file equal to it). Core knows the features and their actions; only this layer knows the commands.
    /// </summary>
    internal static class CommandPermissions
    {
        internal static IReadOnlyList<(string Command, string Purpose, RootGuardFeature Feature)> ByCommand { get; } = new[]
        {
            (NameOf<NewRootSignInAlertCommand>(), "create or converge the sign-in alert (and roll back its own changes)", RootGuardFeature.SignInAlert),
            (NameOf<NewRootUsageAlarmCommand>(), "create or converge the root usage metric filter, alarm and topic", RootGuardFeature.UsageAlarm),
            (NameOf<TestRootAccountSecurityCommand>(), "read-only assessment", RootGuardFeature.Assessment),
            (NameOf<TestRootAccountSecurityCommand>() + " -Organization / -AccountId",
                "in the calling account, besides the assessment's reads that the assumed role needs in every account: list the organization's accounts, read its root access setting and assume the role",
                RootGuardFeature.AssessmentAcrossAccounts),
            (NameOf<GetRootMonitoringCommand>(), "read-only inventory of what RootGuard made and each monitor's health (with -Resource the health reads, those of RG.ROOT.5/6, are not made)", RootGuardFeature.MonitoringRead),
            (NameOf<SendRootMonitoringTestCommand>(), "read each monitor's health, test the sign-in rule's pattern, publish a test alert and set the alarm to ALARM", RootGuardFeature.MonitoringTest),
            (NameOf<RemoveRootMonitoringCommand>(), "find and remove what RootGuard made", RootGuardFeature.MonitoringRemove),
            (NameOf<RepairRootAccountSecurityCommand>() + " (management account)",
                "repair from the management account (or a single account): the organization's root features, security contacts, member root credentials through sts:AssumeRoot (the session itself is limited by the AWS managed task policy IAMDeleteRootUserCredentials), the monitors and the assessment",
                RootGuardFeature.RepairFromManagementAccount),
            (NameOf<RepairRootAccountSecurityCommand>() + " (member-account role)",
                $"the role {NameOf<RepairRootAccountSecurityCommand>()} assumes in each member account (-RoleName, OrganizationAccountAccessRole by default): the monitors and the assessment",
                RootGuardFeature.RepairInMemberAccount),
        };

        /// <summary>The text of docs/iam-policies.md.</summary>
        internal static string ToMarkdown()
        {
            var text = new StringBuilder();
            text.Append("# IAM permissions RootGuard needs\n\n");
            text.Append("Generated from the permission lists in RootGuard.Core (`RootGuardPermissions`, per feature) and the commands that use\n");
            text.Append("them (`CommandPermissions` in the cmdlets); a test keeps this file equal to them.\n");
            text.Append("Every command also calls `sts:GetCallerIdentity`, which needs no permission. When AWS denies a call, the\n");
            text.Append("error record's RecommendedAction names the action that was missing.\n");
            foreach (var (command, purpose, feature) in ByCommand)
            {
                text.Append("\n## ").Append(command).Append("\n\n").Append(char.ToUpperInvariant(purpose[0])).Append(purpose.Substring(1)).Append(".\n\n");
                text.Append("```json\n").Append(RootGuardPermissions.PolicyJson(RootGuardPermissions.For(feature))).Append("\n```\n");
            }

            text.Append("\n## Everything\n\nAll commands together.\n\n```json\n")
                .Append(RootGuardPermissions.PolicyJson(RootGuardPermissions.ByFeature.SelectMany(f => f.Actions))).Append("\n```\n");
            return text.ToString();
        }

        private static string NameOf<TCommand>() where TCommand : Cmdlet
        {
            var cmdlet = typeof(TCommand).GetCustomAttribute<CmdletAttribute>()
                         ?? throw new InvalidOperationException(typeof(TCommand).Name + " has no [Cmdlet] attribute.");
            return cmdlet.VerbName + "-" + cmdlet.NounName;
        }
    }
}
