// One definition, compiled twice: into RootGuard.Core, where the checks decide, and (linked, with ROOTGUARD_CMDLETS) into
// the cmdlets assembly as the type RootGuard.Finding exposes, because PowerShell sees no type of Core's own load
// context. The same source gives both the same members and values, so the cmdlets convert between them by value.
#if ROOTGUARD_CMDLETS
namespace RootGuard
#else
namespace RootGuard.Core.Assessment
#endif
{
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
