namespace RootGuard.Core.Assessment
{
    /// <summary>The outcome of one check, in the words Security Hub and Prowler use.</summary>
    public enum FindingStatus
    {
        Pass,
        Fail,

        /// <summary>The control works, but something needs a person's eye (an auditor's tool will disagree, or a link could not be verified from here).</summary>
        Warning,

        /// <summary>The control does not apply to this account (for example MFA on a root user without credentials).</summary>
        NotApplicable,

        /// <summary>The evidence could not be read (a call was denied or failed); the reason names the missing IAM permission.</summary>
        Error,
    }

    /// <summary>How bad a failure of the check is; Security Hub's FSBP severity where the control has one.</summary>
    public enum FindingSeverity
    {
        Informational,
        Low,
        Medium,
        High,
        Critical,
    }
}
