namespace RootGuard.Core.Repair
{
    /// <summary>A fix the AWS API allows for a failed check; one fix can repair several checks (root credentials: RG.ROOT.1 to .3).</summary>
    public enum RootFix
    {
        /// <summary>RG.ROOT.8: trusted access for IAM and the two organization root features, in the management account.</summary>
        CentralRootAccess,

        /// <summary>RG.ROOT.7: the SECURITY alternate contact (Account PutAlternateContact).</summary>
        SecurityContact,

        /// <summary>RG.ROOT.1 to .3 in a member account: delete the root user's credentials through sts:AssumeRoot.</summary>
        RootCredentials,

        /// <summary>RG.ROOT.5: the root sign-in alert (New-RootSignInAlert's planner).</summary>
        SignInAlert,

        /// <summary>RG.ROOT.6: the CIS root usage filter and alarm (New-RootUsageAlarm's planner).</summary>
        UsageAlarm,
    }
}
