using System.Collections.Generic;

namespace RootGuard.Core.Monitoring
{
    /// <summary>One monitor RootGuard made: its rule or alarm, the topics and policy statements it uses, and its health.</summary>
    public sealed class RootMonitor
    {
        internal RootMonitor(string component, string region, ManagedRule? rule, ManagedAlarm? alarm, IReadOnlyList<ManagedTopic> topics,
            IReadOnlyList<ForeignTopicGrant> grants, MonitorHealth health)
        {
            Component = component;
            Region = region;
            Rule = rule;
            Alarm = alarm;
            Topics = topics;
            Grants = grants;
            Health = health;
        }

        public string Component { get; }
        public string Region { get; }

        /// <summary>The sign-in alert's rule; null for a usage alarm, or when only RootGuard's topics remain.</summary>
        public ManagedRule? Rule { get; }

        /// <summary>The usage alarm; null for a sign-in alert, or when only RootGuard's topics remain.</summary>
        public ManagedAlarm? Alarm { get; }

        /// <summary>The topics RootGuard made that this monitor sends to (or that remain of it).</summary>
        public IReadOnlyList<ManagedTopic> Topics { get; }

        /// <summary>RootGuard's statements for this monitor in topics RootGuard did not make.</summary>
        public IReadOnlyList<ForeignTopicGrant> Grants { get; }

        public MonitorHealth Health { get; }

        /// <summary>The rule or alarm name; null when only RootGuard's topics remain.</summary>
        public string? Name => Rule?.Name ?? Alarm?.Name;
    }
}
