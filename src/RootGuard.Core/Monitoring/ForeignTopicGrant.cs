using System.Collections.Generic;

namespace RootGuard.Core.Monitoring
{
    /// <summary>RootGuard's own statements in the policy of a topic RootGuard did not make (a user's -TopicArn).</summary>
    public sealed class ForeignTopicGrant
    {
        public ForeignTopicGrant(string region, string topicArn, IReadOnlyList<string> statementIds)
        {
            Region = region;
            TopicArn = topicArn;
            StatementIds = statementIds;
        }

        public string Region { get; }
        public string TopicArn { get; }
        public IReadOnlyList<string> StatementIds { get; }
    }
}
