using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Aws;
using RootGuard.Core.Aws.CloudTrail;
using RootGuard.Core.Aws.CloudTrail.Model;
using RootGuard.Core.Trails;

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

    /// <summary>
    /// Console sign-in events reach EventBridge only through CloudTrail: this checks that some trail (a multi-region
    /// trail counts) is logging management write events in the alert's region (read with <see cref="TrailReader"/>,
    /// judged with <see cref="ManagementEventSelection"/>). It only reads, and never fails the command: a denied read
    /// gives a softer warning.
    /// </summary>
    public static class CloudTrailCoverageCheck
    {
        public static async Task<CloudTrailCoverage> CheckAsync(ICloudTrailClient cloudTrail, string region, CancellationToken cancellationToken = default)
        {
            List<Trail> trails;
            try
            {
                // Shadow trails are the multi-region and organization trails whose home is elsewhere: they count.
                trails = await TrailReader.ListAsync(cloudTrail, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is OperationCanceledException) && !AwsErrorTranslator.IsEndpointFailure(e))
            {
                return Unknown(region, "cloudtrail:DescribeTrails", e);
            }

            var candidates = trails.Where(t => t.IsMultiRegionTrail == true || string.Equals(t.HomeRegion, region, StringComparison.Ordinal)).ToList();
            Exception? unreadable = null;
            string? unreadableAction = null;
            var stopped = new List<string>();
            var filtered = new List<string>();
            foreach (var trail in candidates)
            {
                var id = TrailReader.IdOf(trail);
                bool logging;
                try
                {
                    logging = (await TrailReader.ReadStatusAsync(cloudTrail, trail, cancellationToken).ConfigureAwait(false)).IsLogging == true;
                }
                catch (Exception e) when (!(e is OperationCanceledException) && !AwsErrorTranslator.IsEndpointFailure(e))
                {
                    unreadable ??= e;
                    unreadableAction ??= "cloudtrail:GetTrailStatus";
                    continue;
                }

                if (!logging)
                {
                    stopped.Add(trail.Name ?? id!);
                    continue;
                }

                GetEventSelectorsResponse selectors;
                try
                {
                    selectors = await TrailReader.ReadSelectorsAsync(cloudTrail, trail, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (!(e is OperationCanceledException) && !AwsErrorTranslator.IsEndpointFailure(e))
                {
                    unreadable ??= e;
                    unreadableAction ??= "cloudtrail:GetEventSelectors";
                    continue;
                }

                if (ManagementEventSelection.Of(selectors).RecordsSignIns)
                {
                    return new CloudTrailCoverage(CloudTrailCoverageStatus.Covered, trail.Name, null);
                }

                filtered.Add(trail.Name ?? id!);
            }

            if (unreadable != null)
            {
                return Unknown(region, unreadableAction!, unreadable);
            }

            var why = stopped.Count > 0
                ? $"trail(s) {string.Join(", ", stopped)} are not logging"
                : filtered.Count > 0
                    ? $"trail(s) {string.Join(", ", filtered)} do not record management write events"
                    : "there is no trail";
            var fix = stopped.Count > 0
                ? $"Start logging (aws cloudtrail start-logging --name {stopped[0]})"
                : "Create a multi-region trail that records management events (aws cloudtrail create-trail --name management-events --s3-bucket-name <bucket> --is-multi-region-trail, then aws cloudtrail start-logging --name management-events)";
            return new CloudTrailCoverage(CloudTrailCoverageStatus.NotCovered, null,
                $"No CloudTrail trail records management events in {region} ({why}), so the sign-in alert will stay silent: console sign-in events reach EventBridge only through CloudTrail. {fix}.");
        }

        private static CloudTrailCoverage Unknown(string region, string action, Exception e)
        {
            var code = AwsErrorTranslator.ErrorCodeOf(e) ?? e.GetType().Name;
            var reason = AwsErrorTranslator.IsAccessDenied(e) ? $"{action} was denied" : $"{action} failed with {code}";
            return new CloudTrailCoverage(CloudTrailCoverageStatus.Unknown, null,
                $"RootGuard could not check CloudTrail in {region} ({reason}). Console sign-in events reach EventBridge only through CloudTrail: "
                + $"make sure a logging trail records management events in {region}, or the alert will stay silent.");
        }
    }
}
