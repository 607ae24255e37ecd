// One definition, compiled twice: into RootGuard.Core, where the checks decide, and (linked, with ROOTGUARD_CMDLETS) into
// the cmdlets assembly as the type RootGuard.Finding exposes, because PowerShell sees no type of Core's own load
// context. The same source gives both the same members and values, so the cmdlets convert between them by value.
#if ROOTGUARD_CMDLETS
namespace RootGuard
#else
namespace RootGuard.Core.Assessment
#endif
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
}
