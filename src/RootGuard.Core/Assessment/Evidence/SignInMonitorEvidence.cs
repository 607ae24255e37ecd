using System.Collections.Generic;
using RootGuard.Core.Aws.EventBridge.Model;

namespace RootGuard.Core.Assessment.Evidence
{
    /// <summary>The EventBridge rules of the home region, the targets of the candidate rules, and their topics.</summary>
    public sealed class SignInMonitorEvidence
    {
        public SignInMonitorEvidence(string region, SourceResult<IReadOnlyList<Rule>> rules)
        {
            Region = region;
            Rules = rules;
        }

        public string Region { get; }
        public SourceResult<IReadOnlyList<Rule>> Rules { get; }

        /// <summary>Targets by rule name, read for enabled rules whose pattern catches root sign-ins.</summary>
        public Dictionary<string, SourceResult<IReadOnlyList<Target>>> Targets { get; } = new Dictionary<string, SourceResult<IReadOnlyList<Target>>>();

        /// <summary>SNS topics by ARN.</summary>
        public Dictionary<string, TopicEvidence> Topics { get; } = new Dictionary<string, TopicEvidence>();
    }
}
