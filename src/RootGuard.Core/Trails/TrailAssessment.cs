using System.Collections.Generic;
using System.Linq;

namespace RootGuard.Core.Trails
{
    /// <summary>A condition the CIS root usage alarm needs from the trail it builds on.</summary>
    public enum TrailCondition
    {
        /// <summary>The trail records in every region (root can act anywhere).</summary>
        MultiRegion,

        /// <summary>The trail is logging now.</summary>
        Logging,

        /// <summary>The trail delivers to a CloudWatch Logs group (a metric filter needs one).</summary>
        CloudWatchLogsDelivery,

        /// <summary>The log group is in the caller's account (a metric filter can only be made there).</summary>
        LogGroupInThisAccount,

        /// <summary>The trail records management events, read and write.</summary>
        ManagementEvents,

        /// <summary>The trail's status or event selectors could be read.</summary>
        Readable,
    }

    /// <summary>One condition a trail fails: what is wrong and what to change.</summary>
    public sealed class TrailProblem
    {
        public TrailProblem(TrailCondition condition, string problem, string fix)
        {
            Condition = condition;
            Problem = problem;
            Fix = fix;
        }

        public TrailCondition Condition { get; }

        /// <summary>What is wrong, as a sentence.</summary>
        public string Problem { get; }

        /// <summary>What to change, with the AWS CLI command when there is one.</summary>
        public string Fix { get; }

        public override string ToString() => $"{Problem} {Fix}";
    }

    /// <summary>
    /// One trail judged as the base of the root usage alarm: where it delivers and every condition it fails.
    /// A trail is suitable when it fails none.
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

        /// <summary>Every condition the trail fails; empty when it is suitable.</summary>
        public IReadOnlyList<TrailProblem> Problems { get; }

        public bool IsSuitable => Problems.Count == 0;

        /// <summary>True when the trail fails <paramref name="condition"/>.</summary>
        public bool Fails(TrailCondition condition) => Problems.Any(p => p.Condition == condition);

        /// <summary>True when the trail delivers to the named log group in the given region.</summary>
        public bool Feeds(string logGroupName, string region) => LogGroupName == logGroupName && LogGroupRegion == region;

        /// <summary>"trail 'x': problem fix; problem fix".</summary>
        public string Explain() => IsSuitable
            ? $"Trail '{Name}' is suitable."
            : $"Trail '{Name}'{(IsOrganizationTrail ? " (organization trail)" : string.Empty)}: " + string.Join(" ", Problems.Select(p => p.ToString()));
    }

    /// <summary>The parts of a CloudWatch Logs log group ARN: <c>arn:aws:logs:us-east-1:123456789012:log-group:name:*</c>.</summary>
    public sealed class LogGroupArnParts
    {
        private LogGroupArnParts(string partition, string region, string accountId, string name)
        {
            Partition = partition;
            Region = region;
            AccountId = accountId;
            Name = name;
        }

        public string Partition { get; }
        public string Region { get; }
        public string AccountId { get; }
        public string Name { get; }

        public static LogGroupArnParts? TryParse(string? arn)
        {
            if (string.IsNullOrEmpty(arn))
            {
                return null;
            }

            // Log group names cannot contain ':' (only letters, digits and _ - / . #), so splitting on it is safe.
            var parts = arn!.Split(':');
            if (parts.Length < 7 || parts[0] != "arn" || parts[2] != "logs" || parts[5] != "log-group")
            {
                return null;
            }

            return new LogGroupArnParts(parts[1], parts[3], parts[4], parts[6]);
        }
    }
}
