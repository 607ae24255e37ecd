using System;
using System.Collections.Generic;
using System.Linq;

namespace RootGuard.Core.Trails
{
    /// <summary>
    /// One trail judged as the base of the root usage alarm: where it delivers and every condition it fails.
    /// A trail is suitable when it fails none; one whose only failure is a delivery error that a recent delivery puts in
    /// doubt (<see cref="DeliveryErrorMayPredateFix"/>) can be built on, with a warning, but not passed.
    /// </summary>
    public sealed class TrailAssessment
    {
        public TrailAssessment(string name, string? trailArn, string? homeRegion, bool isOrganizationTrail, string? logGroupArn,
            IReadOnlyList<TrailProblem> problems)
        {
            Name = name;
            TrailArn = trailArn;
            HomeRegion = homeRegion;
            IsOrganizationTrail = isOrganizationTrail;
            LogGroupArn = logGroupArn;
            var parsed = LogGroupArnParts.TryParse(logGroupArn);
            LogGroupName = parsed?.Name;
            LogGroupRegion = parsed?.Region;
            LogGroupAccountId = parsed?.AccountId;
            Problems = problems;
        }

        public string Name { get; }
        public string? TrailArn { get; }
        public string? HomeRegion { get; }
        public bool IsOrganizationTrail { get; }

        /// <summary>The trail's CloudWatchLogsLogGroupArn, as CloudTrail gives it (ending in <c>:*</c>).</summary>
        public string? LogGroupArn { get; }

        public string? LogGroupName { get; }

        /// <summary>The region of the log group, and so of the metric filter, the metric and the alarm.</summary>
        public string? LogGroupRegion { get; }

        public string? LogGroupAccountId { get; }

        /// <summary>The trail records every region.</summary>
        public bool IsMultiRegion { get; internal set; }

        /// <summary>From the trail status; null when the status was not read.</summary>
        public bool? IsLogging { get; internal set; }

        /// <summary>What the event selectors record; null when they were not read.</summary>
        public ManagementEventSelection? ManagementEvents { get; internal set; }

        /// <summary>From the trail status: the latest CloudWatch Logs delivery error; null when there is none or the status was not read.</summary>
        public string? LatestCloudWatchLogsDeliveryError { get; internal set; }

        /// <summary>From the trail status: when CloudTrail last delivered to the log group (UTC); null when never or not read.</summary>
        public DateTime? LatestCloudWatchLogsDeliveryTime { get; internal set; }

        /// <summary>The <see cref="LatestCloudWatchLogsDeliveryTime"/> as the messages give it, "yyyy-MM-dd HH:mm UTC"; null without one.</summary>
        public string? LatestCloudWatchLogsDeliveryTimeText => LatestCloudWatchLogsDeliveryTime is { } time ? AwsTime.Text(time) : null;

        /// <summary>
        /// How recent a CloudWatch Logs delivery must be to doubt a delivery error the trail still reports: GetTrailStatus
        /// gives the latest error but not when it happened, and AWS does not document that a later delivery clears it.
        /// </summary>
        public static readonly TimeSpan RecentDelivery = TimeSpan.FromHours(1);

        /// <summary>
        /// True when the trail reports a delivery error yet delivered within <see cref="RecentDelivery"/> of
        /// <paramref name="now"/>: the error may predate a fix, or delivery may have failed only since. Either way
        /// whether root activity reaches the log group cannot be told; without such a delivery, the error stands.
        /// </summary>
        public bool DeliveryErrorMayPredateFix(DateTimeOffset now) =>
            Fails(TrailCondition.CloudWatchLogsDeliverySucceeds)
            && LatestCloudWatchLogsDeliveryTime is { } delivered
            && new DateTimeOffset(delivered, TimeSpan.Zero) >= now - RecentDelivery;

        /// <summary>
        /// True when the trail is suitable but for a delivery error that may predate a fix (see
        /// <see cref="DeliveryErrorMayPredateFix"/>): the alarm can be built on it, with a warning.
        /// </summary>
        public bool IsSuitableButForDoubtedDeliveryError(DateTimeOffset now) =>
            Problems.All(p => p.Condition == TrailCondition.CloudWatchLogsDeliverySucceeds) && DeliveryErrorMayPredateFix(now);

        /// <summary>
        /// What is known of a doubted delivery error (<see cref="DeliveryErrorMayPredateFix"/>), for a sentence about the
        /// trail: "reports the CloudWatch Logs delivery error '…', yet it delivered to log group '…' at …, within the
        /// hour: the error may predate a fix, or delivery may have failed only since".
        /// </summary>
        public string DoubtedDeliveryError =>
            $"reports the CloudWatch Logs delivery error '{LatestCloudWatchLogsDeliveryError}', yet it delivered to log group '{LogGroupName}' at {LatestCloudWatchLogsDeliveryTimeText}, within the hour: "
            + "the error may predate a fix, or delivery may have failed only since";

        /// <summary>Every condition the trail fails; empty when it is suitable.</summary>
        public IReadOnlyList<TrailProblem> Problems { get; }

        public bool IsSuitable => Problems.Count == 0;

        /// <summary>True when the trail fails <paramref name="condition"/>.</summary>
        public bool Fails(TrailCondition condition) => Problems.Any(p => p.Condition == condition);

        /// <summary>The problem of <paramref name="condition"/>; null when the trail meets it.</summary>
        public TrailProblem? Problem(TrailCondition condition) => Problems.FirstOrDefault(p => p.Condition == condition);

        /// <summary>True when the trail delivers to the named log group in the given region.</summary>
        public bool Feeds(string logGroupName, string region) => LogGroupName == logGroupName && LogGroupRegion == region;

        /// <summary>"trail 'x': problem fix; problem fix".</summary>
        public string Explain() => IsSuitable
            ? $"Trail '{Name}' is suitable."
            : $"Trail '{Name}'{(IsOrganizationTrail ? " (organization trail)" : string.Empty)}: " + string.Join(" ", Problems.Select(p => p.ToString()));
    }
}
