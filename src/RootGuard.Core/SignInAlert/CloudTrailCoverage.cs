namespace RootGuard.Core.SignInAlert
{
    public sealed class CloudTrailCoverage
    {
        internal CloudTrailCoverage(CloudTrailCoverageStatus status, string? trailName, string? warning)
        {
            Status = status;
            TrailName = trailName;
            Warning = warning;
        }

        public CloudTrailCoverageStatus Status { get; }

        /// <summary>The trail that records the sign-in events, when one does.</summary>
        public string? TrailName { get; }

        /// <summary>What to tell the user; null when covered.</summary>
        public string? Warning { get; }
    }
}
