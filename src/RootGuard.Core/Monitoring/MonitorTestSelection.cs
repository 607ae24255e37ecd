using System;
using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Ownership;
using RootGuard.Core.Planning;

namespace RootGuard.Core.Monitoring
{
    /// <summary>What the user asked Send-RootMonitoringTest to test: whole components, or named rules and alarms (from the pipeline).</summary>
    public sealed class MonitorTestSelection : IChangeRequest
    {
        public ISet<string> Components { get; } = new HashSet<string>(StringComparer.Ordinal);
        public ISet<string> RuleNames { get; } = new HashSet<string>(StringComparer.Ordinal);
        public ISet<string> AlarmNames { get; } = new HashSet<string>(StringComparer.Ordinal);

        public bool ByName => RuleNames.Count + AlarmNames.Count > 0;

        /// <summary>The components whose health has to be read.</summary>
        public IReadOnlyCollection<string> ComponentsToRead =>
            ByName
                ? RemovalSelection.AllComponents.Where(c => c == RootGuardTags.SignInAlertComponent ? RuleNames.Count > 0 || Components.Contains(c) : AlarmNames.Count > 0 || Components.Contains(c)).ToList()
                : Components.ToList();

        public bool Includes(RootMonitor monitor) =>
            monitor.Rule != null && RuleNames.Contains(monitor.Rule.Name)
            || monitor.Alarm != null && AlarmNames.Contains(monitor.Alarm.Name)
            || Components.Contains(monitor.Component);

        /// <summary>Every component is one RootGuard makes (a caller other than the cmdlet has no ValidateSet); no AWS call.</summary>
        public void Validate()
        {
            var unknown = Components.Where(c => !RemovalSelection.AllComponents.Contains(c)).ToList();
            if (unknown.Count > 0)
                throw new RootGuardException(ErrorIds.UnknownComponent, FailureKind.InvalidArgument,
                    $"-Component: {string.Join(", ", unknown)} is not a RootGuard monitor; RootGuard makes {string.Join(" and ", RemovalSelection.AllComponents)}.",
                    $"Pass -Component {string.Join(", ", RemovalSelection.AllComponents)}, or pipe in the output of Get-RootMonitoring.", "Component");
        }
    }
}
