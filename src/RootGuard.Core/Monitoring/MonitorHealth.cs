using System.Collections.Generic;
using RootGuard.Core.Assessment;

namespace RootGuard.Core.Monitoring
{
    /// <summary>
    /// Whether one monitor RootGuard made reaches people, judged by the same chain evaluation as RG.ROOT.5/6: the first
    /// broken link of its chain, or what cannot be verified; what merely differs from the control is a note.
    /// </summary>
    public sealed class MonitorHealth
    {
        public MonitorHealth(string component, string? name, string region, FindingStatus status, string summary, IReadOnlyList<MonitorProblem> problems,
            IReadOnlyList<MonitorProblem> notes, IReadOnlyDictionary<string, object?> facts)
        {
            Component = component;
            Name = name;
            Region = region;
            Status = status;
            Summary = summary;
            Problems = problems;
            Notes = notes;
            Facts = facts;
        }

        /// <summary>SignInAlert or UsageAlarm.</summary>
        public string Component { get; }

        /// <summary>The EventBridge rule or CloudWatch alarm; null when RootGuard's other resources remain without one.</summary>
        public string? Name { get; }

        public string Region { get; }

        /// <summary>The chain's status as RG.ROOT.5/6 would report it for this monitor alone.</summary>
        public FindingStatus Status { get; }

        /// <summary>The chain's description when it works, else its first broken link.</summary>
        public string Summary { get; }

        /// <summary>True when the chain works end to end and nothing in it is unverifiable.</summary>
        public bool Healthy => Problems.Count == 0;

        public IReadOnlyList<MonitorProblem> Problems { get; }

        /// <summary>What works but differs from the control (a success-only pattern, a filter that is not the exact CIS text).</summary>
        public IReadOnlyList<MonitorProblem> Notes { get; }

        /// <summary>The chain's evidence (TopicArn, ConfirmedSubscriptions, PendingSubscriptions, RuleArn, AlarmArn …), as RG.ROOT.5/6 give it.</summary>
        public IReadOnlyDictionary<string, object?> Facts { get; }

        /// <summary>A fact as text, or null.</summary>
        public string? Fact(string key) => Facts.TryGetValue(key, out var value) ? value?.ToString() : null;
    }
}
