using System.Collections.Generic;
using System.Linq;
using CoreMonitor = RootGuard.Core.Monitoring.RootMonitor;

namespace RootGuard
{
    /// <summary>
    /// One root user monitor RootGuard made, as Get-RootMonitoring reports it: whether it reaches people (judged as
    /// RG.ROOT.5/6 judge it), what is wrong with it and the fix, and its resources. RuleName and AlarmName bind by name to
    /// Send-RootMonitoringTest and Remove-RootMonitoring.
    /// </summary>
    public sealed class RootMonitor
    {
        internal RootMonitor(CoreMonitor monitor, IReadOnlyList<RootGuardResource> resources)
        {
            var health = monitor.Health;
            Component = monitor.Component;
            Name = monitor.Name;
            Region = monitor.Region;
            Healthy = health.Healthy;
            Status = (FindingStatus)(int)health.Status;
            Problems = health.Problems.Select(p => p.ToString()).ToArray();
            ReasonCodes = health.Problems.Select(p => p.Code).ToArray();
            Notes = health.Notes.Select(p => p.ToString()).ToArray();
            Summary = health.Summary;
            RuleName = monitor.Rule?.Name;
            AlarmName = monitor.Alarm?.Name;
            TopicArns = (monitor.Rule?.TopicArns ?? monitor.Alarm?.TopicArns ?? monitor.Topics.Select(t => t.Arn).ToList()).ToArray();
            Resources = resources.ToArray();
        }

        /// <summary>SignInAlert or UsageAlarm.</summary>
        public string Component { get; }

        /// <summary>The EventBridge rule or CloudWatch alarm; empty when only RootGuard's topics or statements remain of the monitor.</summary>
        public string? Name { get; }

        public string Region { get; }

        /// <summary>True when the chain works end to end and nothing in it is unverifiable.</summary>
        public bool Healthy { get; }

        /// <summary>One sentence each: what is wrong, naming the resource, and the fix. Empty when healthy.</summary>
        public string[] Problems { get; }

        /// <summary>The reason code of each problem (docs/assessment.md), for scripts.</summary>
        public string[] ReasonCodes { get; }

        /// <summary>What works but differs from the control: a success-only pattern, a filter that is not the exact CIS text.</summary>
        public string[] Notes { get; }

        /// <summary>The status RG.ROOT.5/6 would give this monitor alone.</summary>
        public FindingStatus Status { get; }

        /// <summary>The chain as it works, or its first broken link.</summary>
        public string Summary { get; }

        /// <summary>The sign-in alert's EventBridge rule.</summary>
        public string? RuleName { get; }

        /// <summary>The usage alarm's CloudWatch alarm.</summary>
        public string? AlarmName { get; }

        /// <summary>The SNS topics the rule or alarm sends to.</summary>
        public string[] TopicArns { get; }

        /// <summary>What RootGuard made for this monitor, as Get-RootMonitoring -Resource lists it.</summary>
        public RootGuardResource[] Resources { get; }

        public override string ToString() => $"{Component} {Name} ({(Healthy ? "healthy" : "unhealthy")})";
    }
}
