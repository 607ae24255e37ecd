namespace RootGuard.Core
{
    /// <summary>What RootGuard does, each with its own set of IAM actions (<see cref="RootGuardPermissions"/>).</summary>
    public enum RootGuardFeature
    {
        /// <summary>Create or converge the root sign-in alert, and roll back its own changes.</summary>
        SignInAlert,

        /// <summary>Create or converge the root usage metric filter, alarm and topic.</summary>
        UsageAlarm,

        /// <summary>Assess the root user's posture (read only).</summary>
        Assessment,

        /// <summary>Assess other accounts from the calling one: list the organization's accounts, read its root access setting, assume the role.</summary>
        AssessmentAcrossAccounts,

        /// <summary>List what RootGuard made and each monitor's health (read only).</summary>
        MonitoringRead,

        /// <summary>Test each monitor end to end: its health, the rule's pattern, a test alert and the alarm set to ALARM.</summary>
        MonitoringTest,

        /// <summary>Find and remove what RootGuard made.</summary>
        MonitoringRemove,

        /// <summary>Repair from the management account (or a single account).</summary>
        RepairFromManagementAccount,

        /// <summary>Repair through the role assumed in each member account.</summary>
        RepairInMemberAccount,
    }
}
