using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Planning;

namespace RootGuard.Core.Monitoring
{
    /// <summary>
    /// Send-RootMonitoringTest's plan: one <see cref="MonitorTest"/> per monitor selected, where it looked, one change per
    /// test that can be sent, and what stands between a test (or a real alert) and the people it should reach.
    /// </summary>
    public sealed class MonitorTestPlan : IChangePlan
    {
        internal MonitorTestPlan(IReadOnlyList<string> regions, IReadOnlyList<MonitorTest> tests, IReadOnlyList<string> warnings)
        {
            Regions = regions;
            Tests = tests;
            Warnings = warnings;
            Changes = tests.Where(t => t.Change != null).Select(t => t.Change!).ToList();
        }

        /// <summary>The regions searched for RootGuard's monitors.</summary>
        public IReadOnlyList<string> Regions { get; }

        /// <summary>One test per monitor selected, in the order found.</summary>
        public IReadOnlyList<MonitorTest> Tests { get; }

        /// <summary>The sends, independent of each other: one monitor that cannot be tested does not keep the others from their test.</summary>
        public IReadOnlyList<PlannedChange> Changes { get; }

        /// <summary>Monitors named but not found, then each test's warnings prefixed with its component and name.</summary>
        public IReadOnlyList<string> Warnings { get; }
    }
}
