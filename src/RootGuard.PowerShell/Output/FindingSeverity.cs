namespace RootGuard
{
    /// <summary>How bad a failure is; Security Hub's FSBP severity where the control has one.</summary>
    public enum FindingSeverity
    {
        Informational,
        Low,
        Medium,
        High,
        Critical,
    }
}
