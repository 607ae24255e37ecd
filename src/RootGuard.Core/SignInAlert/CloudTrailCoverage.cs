using System;

namespace RootGuard.Core.SignInAlert
{
    /// <summary>
    /// Whether a trail brings console sign-in events of a region to EventBridge: what New-RootSignInAlert warns about,
    /// and the first link of RG.ROOT.5 and of the sign-in alert's health in Get-RootMonitoring.
    /// </summary>
    public sealed class CloudTrailCoverage
    {
        internal CloudTrailCoverage(CloudTrailCoverageStatus status, string? trailName, string? reasonCode, string? reason, string? fix,
            string? failedAction = null, Exception? readFailure = null)
        {
            Status = status;
            TrailName = trailName;
            ReasonCode = reasonCode;
            Reason = reason;
            Fix = fix;
            FailedAction = failedAction;
            ReadFailure = readFailure;
        }

        public CloudTrailCoverageStatus Status { get; }

        /// <summary>The trail that records the sign-in events, when one does.</summary>
        public string? TrailName { get; }

        /// <summary>
        /// RG.ROOT.5's reason code when not covered: TRAIL_NOT_PRESENT (no trail is multi-region or homed in the region),
        /// TRAIL_NOT_LOGGING, or TRAIL_SIGNIN_EVENTS_EXCLUDED (the selectors drop management write events or the sign-in
        /// event source); null when covered or unknown.
        /// </summary>
        public string? ReasonCode { get; }

        /// <summary>What is wrong, in one sentence; null when covered.</summary>
        public string? Reason { get; }

        /// <summary>What to do about it; null when covered.</summary>
        public string? Fix { get; }

        /// <summary>When <see cref="CloudTrailCoverageStatus.Unknown"/>: the IAM action of the read that failed, and how it failed.</summary>
        public string? FailedAction { get; }

        /// <inheritdoc cref="FailedAction"/>
        public Exception? ReadFailure { get; }

        /// <summary>What to tell the user; null when covered.</summary>
        public string? Warning => Reason == null ? null : Fix == null ? Reason : $"{Reason} {Fix}";
    }
}
