using System;
using System.Collections.Generic;
using RootGuard.Core.Aws.CloudTrail.Model;

namespace RootGuard.Core.Trails
{
    /// <summary>
    /// Judges one trail against what the CIS root usage alarm needs: multi-region, logging, management events read
    /// and write (basic or advanced selectors, see <see cref="ManagementEventSelection"/>), delivery to a CloudWatch
    /// Logs group in the caller's account that does not fail. Yields the facts and every failed condition. Pure: the reads are done by
    /// <see cref="TrailReader"/>.
    /// </summary>
    public static class TrailEvaluator
    {
        /// <param name="trail">From DescribeTrails.</param>
        /// <param name="status">From GetTrailStatus; null when it could not be read.</param>
        /// <param name="selectors">From GetEventSelectors; null when they could not be read.</param>
        /// <param name="accountId">The caller's account.</param>
        /// <param name="readFailure">Why status or selectors could not be read, when they could not.</param>
        public static TrailAssessment Evaluate(Trail trail, GetTrailStatusResponse? status, GetEventSelectorsResponse? selectors,
            string accountId, string? readFailure = null)
        {
            var name = trail.Name ?? trail.TrailARN ?? "(unnamed)";
            var cli = $"aws cloudtrail update-trail --name {name} --region {trail.HomeRegion ?? "<home region>"}";
            var problems = new List<TrailProblem>();

            if (trail.IsMultiRegionTrail != true)
            {
                problems.Add(new TrailProblem(TrailCondition.MultiRegion,
                    "It records only its own region, so root activity elsewhere goes unseen.",
                    $"Make it multi-region: {cli} --is-multi-region-trail."));
            }

            if (status == null || selectors == null)
            {
                problems.Add(new TrailProblem(TrailCondition.Readable,
                    $"Its status or event selectors could not be read{(readFailure != null ? " (" + readFailure + ")" : string.Empty)}.",
                    "Grant cloudtrail:GetTrailStatus and cloudtrail:GetEventSelectors, or run in the account that owns the trail."));
            }

            if (status != null && status.IsLogging != true)
            {
                problems.Add(new TrailProblem(TrailCondition.Logging,
                    "It is not logging.",
                    $"Start it: aws cloudtrail start-logging --name {name} --region {trail.HomeRegion ?? "<home region>"}."));
            }

            var logGroup = LogGroupArnParts.TryParse(trail.CloudWatchLogsLogGroupArn);
            if (logGroup == null)
            {
                problems.Add(new TrailProblem(TrailCondition.CloudWatchLogsDelivery,
                    "It does not deliver to CloudWatch Logs, so there is no log group for a metric filter.",
                    $"Send it to a log group: {cli} --cloud-watch-logs-log-group-arn <log group ARN> --cloud-watch-logs-role-arn <role that CloudTrail can assume>."));
            }
            else if (!string.Equals(logGroup.AccountId, accountId, StringComparison.Ordinal))
            {
                problems.Add(new TrailProblem(TrailCondition.LogGroupInThisAccount,
                    $"It delivers to log group '{logGroup.Name}' in account {logGroup.AccountId}, and a metric filter can only be made in the log group's own account.",
                    $"Run New-RootUsageAlarm with credentials for account {logGroup.AccountId}, or give this account its own trail with CloudWatch Logs delivery."));
            }

            if (logGroup != null && !string.IsNullOrWhiteSpace(status?.LatestCloudWatchLogsDeliveryError))
            {
                // The trail logs and names a log group, but CloudTrail cannot write to it (role gone or missing
                // logs:CreateLogStream/PutLogEvents, the group's KMS key disabled): the metric never moves.
                problems.Add(new TrailProblem(TrailCondition.CloudWatchLogsDeliverySucceeds,
                    $"CloudTrail's last delivery to log group '{logGroup.Name}' failed ({status!.LatestCloudWatchLogsDeliveryError}), so root activity does not reach it"
                    + (status.LatestCloudWatchLogsDeliveryTime is { } last ? " (last delivered " + AwsTime.Text(last) + ")." : "."),
                    $"Check that the trail's CloudWatch Logs role ({trail.CloudWatchLogsRoleArn ?? "none set"}) exists, trusts cloudtrail.amazonaws.com and allows logs:CreateLogStream and logs:PutLogEvents on the log group, "
                    + $"and that the log group exists and its KMS key (if any) is enabled and lets CloudWatch Logs use it; then read the trail's status again: aws cloudtrail get-trail-status --name {trail.TrailARN ?? name} --region {trail.HomeRegion ?? "<home region>"}."));
            }

            var management = selectors != null ? ManagementEventSelection.Of(selectors) : null;
            if (management?.Missing is { } missing)
            {
                problems.Add(new TrailProblem(TrailCondition.ManagementEvents,
                    $"Its event selectors exclude {missing} management events, so root actions can go unrecorded.",
                    $"Record all management events: aws cloudtrail put-event-selectors --trail-name {name} --region {trail.HomeRegion ?? "<home region>"} "
                    + "--event-selectors '[{\"ReadWriteType\":\"All\",\"IncludeManagementEvents\":true}]' (or an advanced selector on eventCategory = Management without a readOnly field)."));
            }

            return new TrailAssessment(name, trail.TrailARN, trail.HomeRegion, trail.IsOrganizationTrail == true,
                trail.CloudWatchLogsLogGroupArn, problems)
            {
                IsMultiRegion = trail.IsMultiRegionTrail == true,
                IsLogging = status?.IsLogging,
                ManagementEvents = management,
                LatestCloudWatchLogsDeliveryError = string.IsNullOrWhiteSpace(status?.LatestCloudWatchLogsDeliveryError) ? null : status!.LatestCloudWatchLogsDeliveryError,
                LatestCloudWatchLogsDeliveryTime = status?.LatestCloudWatchLogsDeliveryTime is { } delivered ? AwsTime.Utc(delivered).UtcDateTime : (DateTime?)null,
            };
        }
    }
}
