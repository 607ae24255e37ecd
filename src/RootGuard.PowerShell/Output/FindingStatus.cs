namespace RootGuard
{
    /// <summary>The outcome of one check.</summary>
    public enum FindingStatus
    {
        Pass,
        Fail,
        Warning,
        NotApplicable,
        Error,
    }
}
