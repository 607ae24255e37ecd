using System.Collections.Generic;
using RootGuard.Core.Aws.EventBridge.Model;
using RootGuard.Core.Trails;

namespace RootGuard.Core.Assessment.Evidence
{
    /// <summary>
    /// The trails that can bring the region's console sign-ins to EventBridge, the EventBridge rules of the region, the
    /// targets of the candidate rules, and their topics.
    /// </summary>
    public sealed class SignInMonitorEvidence
    {
        public SignInMonitorEvidence(string region, SourceResult<IReadOnlyList<Rule>> rules, SourceResult<TrailSnapshot> trails)
        {
            Region = region;
            Rules = rules;
            Trails = trails;
        }

        public string Region { get; }
        public SourceResult<IReadOnlyList<Rule>> Rules { get; }

        /// <summary>
        /// The trails seen from the region that can cover it (multi-region, or homed there), each with its status and
        /// selectors: console sign-in events reach EventBridge only through CloudTrail. A failed DescribeTrails is the
        /// failure; a failed status or selector read stays on its trail.
        /// </summary>
        public SourceResult<TrailSnapshot> Trails { get; }

        /// <summary>Targets by rule name, read for enabled rules whose pattern catches root sign-ins.</summary>
        public Dictionary<string, SourceResult<IReadOnlyList<Target>>> Targets { get; } = new Dictionary<string, SourceResult<IReadOnlyList<Target>>>();

        /// <summary>SNS topics by ARN.</summary>
        public Dictionary<string, TopicEvidence> Topics { get; } = new Dictionary<string, TopicEvidence>();
    }
}
