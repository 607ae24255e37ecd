using System.Collections.Generic;

namespace RootGuard.Core.Fleet
{
    /// <summary>
    /// What the calling account needs for a fleet run (-Organization or -AccountId), besides the assessment's own actions
    /// in each account (through the assumed role): list the organization, read its root access setting, assume the role.
    /// </summary>
    public static class FleetPermissions
    {
        public static IReadOnlyList<string> Actions { get; } = new[]
        {
            "iam:ListOrganizationsFeatures",
            "organizations:DescribeOrganization",
            "organizations:ListAccounts",
            "sts:AssumeRole",
        };
    }
}
