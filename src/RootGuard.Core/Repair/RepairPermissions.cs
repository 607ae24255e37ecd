using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Assessment;
using RootGuard.Core.SignInAlert;
using RootGuard.Core.UsageAlarm;

namespace RootGuard.Core.Repair
{
    /// <summary>
    /// The IAM actions Repair-RootAccountSecurity needs, from each fix's own list: in the management account (or the
    /// caller's own account), and in the role it assumes in member accounts. The root session's rights come from the AWS
    /// managed task policy IAMDeleteRootUserCredentials, not from these.
    /// </summary>
    public static class RepairPermissions
    {
        /// <summary>The monitors' fixes and the assessment before and after, wherever they run.</summary>
        private static IReadOnlyList<string> InAccount { get; } = AssessmentPermissions.Actions
            .Concat(SignInAlertPermissions.Actions).Concat(UsageAlarmPermissions.Actions).Distinct().ToList();

        /// <summary>The caller: its own account's fixes, the organization's, and the way into the members.</summary>
        public static IReadOnlyList<string> ManagementAccountActions { get; } = InAccount
            .Concat(CentralRootAccessPlanner.Permissions)
            .Concat(SecurityContactPlanner.Permissions)
            .Concat(RootCredentialPlanner.Permissions)
            .Concat(new[] { "sts:AssumeRole" })
            .Distinct().ToList();

        /// <summary>The role assumed in each member account (OrganizationAccountAccessRole by default): the monitors and the assessment.</summary>
        public static IReadOnlyList<string> MemberRoleActions { get; } = InAccount;
    }
}
