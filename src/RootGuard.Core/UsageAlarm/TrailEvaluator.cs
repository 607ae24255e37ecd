using System;
using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Aws.CloudTrail.Model;

namespace RootGuard.Core.UsageAlarm
{
    /// <summary>
    /// Judges one trail against what the CIS root usage alarm needs: multi-region, logging, management events read
    /// and write (basic or advanced selectors), delivery to a CloudWatch Logs group in the caller's account.
    /// Pure: the reads are done by <see cref="TrailDiscovery"/>.
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

            if (selectors != null)
            {
                var missing = MissingManagementEvents(selectors);
                if (missing != null)
                {
                    problems.Add(new TrailProblem(TrailCondition.ManagementEvents,
                        $"Its event selectors exclude {missing} management events, so root actions can go unrecorded.",
                        $"Record all management events: aws cloudtrail put-event-selectors --trail-name {name} --region {trail.HomeRegion ?? "<home region>"} "
                        + "--event-selectors '[{\"ReadWriteType\":\"All\",\"IncludeManagementEvents\":true}]' (or an advanced selector on eventCategory = Management without a readOnly field)."));
                }
            }

            return new TrailAssessment(name, trail.TrailARN, trail.HomeRegion, trail.IsOrganizationTrail == true,
                trail.CloudWatchLogsLogGroupArn, problems);
        }

        /// <summary>
        /// Which management events the selectors leave out: null when read and write are both recorded, otherwise
        /// "read-only", "write" or "all".
        /// </summary>
        public static string? MissingManagementEvents(GetEventSelectorsResponse selectors)
        {
            bool read, write;
            if (selectors.AdvancedEventSelectors.Count > 0)
            {
                read = selectors.AdvancedEventSelectors.Any(s => CoversManagement(s, "true"));
                write = selectors.AdvancedEventSelectors.Any(s => CoversManagement(s, "false"));
            }
            else if (selectors.EventSelectors.Count > 0)
            {
                var management = selectors.EventSelectors.Where(s => s.IncludeManagementEvents != false).ToList();
                read = management.Any(s => s.ReadWriteType == null || s.ReadWriteType == "All" || s.ReadWriteType == "ReadOnly");
                write = management.Any(s => s.ReadWriteType == null || s.ReadWriteType == "All" || s.ReadWriteType == "WriteOnly");
            }
            else
            {
                // A trail without custom selectors records all management events, read and write.
                return null;
            }

            return (read, write) switch
            {
                (true, true) => null,
                (true, false) => "write",
                (false, true) => "read-only",
                _ => "all",
            };
        }

        // An advanced selector records every management event of one readOnly value when it selects the
        // Management category and nothing narrows it except readOnly itself and eventSource exclusions (the
        // advanced form of ExcludeManagementEventSources, which CIS allows: it only drops KMS or RDS Data API noise).
        private static bool CoversManagement(AdvancedEventSelector selector, string readOnly)
        {
            var category = selector.FieldSelectors.FirstOrDefault(f => f.Field == "eventCategory");
            if (category == null || !category.Equals.Contains("Management"))
            {
                return false;
            }

            foreach (var field in selector.FieldSelectors)
            {
                switch (field.Field)
                {
                    case "eventCategory":
                        continue;
                    case "readOnly":
                        if (field.Equals.Count > 0 && !field.Equals.Contains(readOnly)) return false;
                        if (field.NotEquals.Contains(readOnly)) return false;
                        continue;
                    case "eventSource" when field.Equals.Count == 0 && field.StartsWith.Count == 0 && field.EndsWith.Count == 0:
                        continue;
                    default:
                        return false;
                }
            }

            return true;
        }
    }
}
