using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Aws;
using RootGuard.Core.Aws.CloudTrail.Model;
using RootGuard.Core.Trails;

namespace RootGuard.Core.SignInAlert
{
    /// <summary>
    /// Console sign-in events reach EventBridge only through CloudTrail: this checks that some trail (a multi-region
    /// trail counts) is logging management write events in the alert's region (read as a <see cref="TrailSnapshot"/>,
    /// judged with <see cref="ManagementEventSelection"/>). It only reads, and never fails the command: a denied read
    /// gives a softer warning.
    /// </summary>
    public static class CloudTrailCoverageCheck
    {
        /// <summary>
        /// Reads the trails (<see cref="CallerTrails"/>, through the connection's <see cref="SessionReadCache"/> when it has one: a kept snapshot is
        /// trusted only when it shows the region covered; anything else is read again before a warning is given) and judges them.
        /// </summary>
        public static async Task<CloudTrailCoverage> CheckAsync(AwsClientFactory clients, string region, CancellationToken cancellationToken = default)
        {
            var (coverage, kept) = await ReadAndJudgeAsync(clients, region, fresh: false, cancellationToken).ConfigureAwait(false);
            return coverage.Status == CloudTrailCoverageStatus.Covered || !kept
                ? coverage
                : (await ReadAndJudgeAsync(clients, region, fresh: true, cancellationToken).ConfigureAwait(false)).Coverage;
        }

        private static async Task<(CloudTrailCoverage Coverage, bool Kept)> ReadAndJudgeAsync(AwsClientFactory clients, string region, bool fresh,
            CancellationToken cancellationToken)
        {
            try
            {
                var (snapshot, kept) = await CallerTrails.ReadAsync(clients, region, fresh, cancellationToken).ConfigureAwait(false);
                return (Judge(snapshot, region), kept);
            }
            catch (Exception e) when (!(e is OperationCanceledException) && !AwsErrorTranslator.IsEndpointFailure(e))
            {
                return (Unknown(region, "cloudtrail:DescribeTrails", e), false);
            }
        }

        /// <summary>
        /// Whether <paramref name="trail"/> can bring the console sign-in events of <paramref name="region"/> to EventBridge:
        /// a multi-region trail (organization and shadow trails included), or one homed in the region.
        /// </summary>
        public static bool CanCover(Trail trail, string region) =>
            trail.IsMultiRegionTrail == true || string.Equals(trail.HomeRegion, region, StringComparison.Ordinal);

        /// <summary>
        /// Covered when a candidate trail (<see cref="CanCover"/>) is logging and records management write events from the
        /// sign-in event source; candidates in name order. The one rule of which trail makes sign-ins reach EventBridge:
        /// New-RootSignInAlert's warning, RG.ROOT.5's first link and the sign-in alert's health all judge with it.
        /// </summary>
        public static CloudTrailCoverage Judge(TrailSnapshot snapshot, string region)
        {
            // Shadow trails are the multi-region and organization trails whose home is elsewhere: they count.
            var candidates = snapshot.Trails.Where(t => CanCover(t.Trail, region)).ToList();
            Exception? unreadable = null;
            string? unreadableAction = null;
            var stopped = new List<string>();
            var filtered = new List<string>();
            foreach (var reading in candidates)
            {
                var trail = reading.Trail;
                var id = TrailReader.IdOf(trail);
                if (reading.StatusRead.IsFaulted)
                {
                    unreadable ??= Unreadable(reading.StatusRead);
                    unreadableAction ??= "cloudtrail:GetTrailStatus";
                    continue;
                }

                if (reading.StatusRead.Result.IsLogging != true)
                {
                    stopped.Add(trail.Name ?? id!);
                    continue;
                }

                if (reading.SelectorsRead.IsFaulted)
                {
                    unreadable ??= Unreadable(reading.SelectorsRead);
                    unreadableAction ??= "cloudtrail:GetEventSelectors";
                    continue;
                }

                if (ManagementEventSelection.Of(reading.SelectorsRead.Result).RecordsSignIns)
                {
                    return new CloudTrailCoverage(CloudTrailCoverageStatus.Covered, trail.Name, null, null, null);
                }

                filtered.Add(trail.Name ?? id!);
            }

            if (unreadable != null)
            {
                return Unknown(region, unreadableAction!, unreadable);
            }

            var others = snapshot.Trails.Select(t => t.Trail.Name ?? TrailReader.IdOf(t.Trail)).ToList();
            var (code, why, fix) = stopped.Count > 0
                ? ("TRAIL_NOT_LOGGING", $"trail(s) {string.Join(", ", stopped)} are not logging",
                    $"Start logging (aws cloudtrail start-logging --name {stopped[0]})")
                : filtered.Count > 0
                    ? ("TRAIL_SIGNIN_EVENTS_EXCLUDED",
                        $"trail(s) {string.Join(", ", filtered)} do not record management write events from {ManagementEventSelection.SignInEventSource}",
                        $"Record all management events on it (aws cloudtrail put-event-selectors --trail-name {filtered[0]} --event-selectors ReadWriteType=All,IncludeManagementEvents=true)")
                    : ("TRAIL_NOT_PRESENT",
                        others.Count == 0 ? "there is no trail" : $"trail(s) {string.Join(", ", others)} record only another region",
                        "Create a multi-region trail that records management events (aws cloudtrail create-trail --name management-events --s3-bucket-name <bucket> --is-multi-region-trail, then aws cloudtrail start-logging --name management-events)");
            return new CloudTrailCoverage(CloudTrailCoverageStatus.NotCovered, null, code,
                $"No CloudTrail trail records management events in {region} ({why}), so the sign-in alert will stay silent: console sign-in events reach EventBridge only through CloudTrail.",
                fix + ".");
        }

        // A read that failed is judged "could not check", unless the endpoint itself failed (it did not answer, or not
        // as AWS does): that ends the call, as every other read of it would.
        private static Exception Unreadable(Task read)
        {
            var failure = read.Exception!.GetBaseException();
            if (AwsErrorTranslator.IsEndpointFailure(failure))
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
            }

            return failure;
        }

        private static CloudTrailCoverage Unknown(string region, string action, Exception e)
        {
            var code = AwsErrorTranslator.ErrorCodeOf(e) ?? e.GetType().Name;
            var reason = AwsErrorTranslator.IsAccessDenied(e) ? $"{action} was denied" : $"{action} failed with {code}";
            return new CloudTrailCoverage(CloudTrailCoverageStatus.Unknown, null, null,
                $"RootGuard could not check CloudTrail in {region} ({reason}). Console sign-in events reach EventBridge only through CloudTrail: "
                + $"make sure a logging trail records management events in {region}, or the alert will stay silent.", null, action, e);
        }
    }
}
