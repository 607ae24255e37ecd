namespace RootGuard.Core.SignInAlert
{
    /// <summary>What the CloudTrail check found.</summary>
    public enum CloudTrailCoverageStatus
    {
        /// <summary>A logging trail records management events in the region.</summary>
        Covered,

        /// <summary>No trail does: the alert will never fire.</summary>
        NotCovered,

        /// <summary>CloudTrail could not be read (typically access denied).</summary>
        Unknown,
    }
}
