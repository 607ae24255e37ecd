using System.Collections.Generic;
using System.Linq;

namespace RootGuard.Core.Trails
{
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
}
