using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Aws;
using RootGuard.Core.Aws.CloudTrail.Model;
using RootGuard.Core.NotificationTopic;
using RootGuard.Core.Trails;

namespace RootGuard.Core.UsageAlarm
{
    /// <summary>
    /// Finds the trails visible from one region (its own, multi-region trails from other regions as shadow trails,
    /// and organization trails) with <see cref="TrailReader"/>, judges each with <see cref="TrailEvaluator"/>, and
    /// picks the one the root usage alarm builds on.
    /// </summary>
    public static class TrailDiscovery
    {
        /// <summary>
        /// Judges each trail of the snapshot. A status or selector read that was denied or found nothing makes that trail
        /// unsuitable with the reason; any other failed read ends the call, as it would have had it been read here.
        /// </summary>
        public static IReadOnlyList<TrailAssessment> Assess(TrailSnapshot snapshot, string accountId)
        {
            var assessments = new List<TrailAssessment>();
            foreach (var reading in snapshot.Trails)
            {
                GetTrailStatusResponse? status = null;
                GetEventSelectorsResponse? selectors = null;
                string? failure = null;
                // Status first, as the reads were once made one after the other: its failure is the one reported.
                var failed = reading.StatusRead.IsFaulted ? reading.StatusRead.Exception!.GetBaseException()
                    : reading.SelectorsRead.IsFaulted ? reading.SelectorsRead.Exception!.GetBaseException()
                    : null;
                if (failed == null)
                {
                    status = reading.StatusRead.Result;
                    selectors = reading.SelectorsRead.Result;
                }
                else if (failed is OperationCanceledException || !(AwsErrorTranslator.IsAccessDenied(failed) || AwsErrorTranslator.IsNotFound(failed)))
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failed).Throw();
                }
                else
                {
                    failure = AwsErrorTranslator.Translate(failed).Message;
                    status = reading.StatusRead.Status == TaskStatus.RanToCompletion ? reading.StatusRead.Result : null;
                }

                assessments.Add(TrailEvaluator.Evaluate(reading.Trail, status, selectors, accountId, failure));
            }

            return assessments;
        }

        /// <summary>
        /// The trail to build on: a suitable one whose log group is in <paramref name="preferredRegion"/> if there is
        /// one (the region the user asked for), else the first suitable one by name. When none is suitable, one whose
        /// only problem is a delivery error it may have outgrown (it delivered within the hour before
        /// <paramref name="now"/>, <see cref="TrailAssessment.IsSuitableButForDoubtedDeliveryError"/>), chosen the same
        /// way: Test-RootAccountSecurity calls such a trail unverifiable, not failed, so it is built on with a warning
        /// (<see cref="DoubtedDeliveryWarning"/>). Null when there is neither.
        /// </summary>
        public static TrailAssessment? Pick(IEnumerable<TrailAssessment> assessments, string preferredRegion, DateTimeOffset now)
        {
            var candidates = assessments.ToList();
            return First(candidates.Where(a => a.IsSuitable), preferredRegion)
                   ?? First(candidates.Where(a => a.IsSuitableButForDoubtedDeliveryError(now)), preferredRegion);
        }

        private static TrailAssessment? First(IEnumerable<TrailAssessment> candidates, string preferredRegion) =>
            candidates.OrderBy(a => a.LogGroupRegion == preferredRegion ? 0 : 1)
                .ThenBy(a => a.Name, StringComparer.Ordinal)
                .FirstOrDefault();

        /// <summary>
        /// The warning for building on a trail whose delivery error may predate a fix: the trail, the error, the last
        /// delivery and what to check, so the user can tell whether the alarm will see root activity.
        /// </summary>
        public static string DoubtedDeliveryWarning(TrailAssessment trail) =>
            $"Trail '{trail.Name}' {trail.DoubtedDeliveryError}, so the alarm is built on it but may not see root activity. "
            + trail.Problem(TrailCondition.CloudWatchLogsDeliverySucceeds)!.Fix;

        /// <summary>The terminating failure when no trail is suitable: each trail's failed conditions and what to change.</summary>
        public static RootGuardException NoSuitableTrail(IReadOnlyList<TrailAssessment> assessments, string region)
        {
            if (assessments.Count == 0)
            {
                return new RootGuardException(ErrorIds.NoSuitableTrail, FailureKind.NotFound,
                    $"No CloudTrail trail is visible from {region}, so there is no log of root activity to build the alarm on.",
                    $"Create a multi-region trail that records management events and delivers to CloudWatch Logs: aws cloudtrail create-trail --name <name> --s3-bucket-name <bucket> --is-multi-region-trail --cloud-watch-logs-log-group-arn <log group ARN> --cloud-watch-logs-role-arn <role ARN> --region {region}; then aws cloudtrail start-logging --name <name> --region {region}.",
                    region);
            }

            var lines = assessments.Select(a => a.Explain());
            var fixes = assessments.SelectMany(a => a.Problems.Select(p => $"{a.Name}: {p.Fix}"));
            return new RootGuardException(ErrorIds.NoSuitableTrail, FailureKind.NotFound,
                $"No trail visible from {region} is suitable for the root usage alarm (it needs a multi-region trail that is logging, records management events read and write, and delivers to CloudWatch Logs in this account without a delivery error, or with one but a delivery within the last hour). "
                + string.Join(" ", lines),
                "Fix one trail, then run the command again. " + string.Join(" ", fixes),
                region);
        }
    }
}
