using System.Collections.Generic;

namespace RootGuard.Core.Monitoring
{
    /// <summary>Everything RootGuard made in some regions of one account.</summary>
    public sealed class RootGuardResources
    {
        public RootGuardResources(IReadOnlyList<ManagedRule> rules, IReadOnlyList<ManagedTopic> topics, IReadOnlyList<ManagedAlarm> alarms,
            IReadOnlyList<ForeignTopicGrant> foreignGrants)
        {
            Rules = rules;
            Topics = topics;
            Alarms = alarms;
            ForeignGrants = foreignGrants;
        }

        public IReadOnlyList<ManagedRule> Rules { get; }
        public IReadOnlyList<ManagedTopic> Topics { get; }
        public IReadOnlyList<ManagedAlarm> Alarms { get; }
        public IReadOnlyList<ForeignTopicGrant> ForeignGrants { get; }
    }
}
