using System.Collections.Generic;
using RootGuard.Core.Assessment.Evidence;

namespace RootGuard.Core.Monitoring
{
    /// <summary>What RootGuard made, each monitor's health, and the evidence and account the health was judged on.</summary>
    public sealed class RootMonitoringReport
    {
        internal RootMonitoringReport(RootGuardResources resources, IReadOnlyList<RootMonitor> monitors, AssessmentContext context,
            IReadOnlyDictionary<string, SignInMonitorEvidence> signIn, IReadOnlyDictionary<string, UsageMonitorEvidence> usage)
        {
            Resources = resources;
            Monitors = monitors;
            Context = context;
            SignInEvidence = signIn;
            UsageEvidence = usage;
        }

        public RootGuardResources Resources { get; }
        public IReadOnlyList<RootMonitor> Monitors { get; }
        public AssessmentContext Context { get; }

        /// <summary>RG.ROOT.5's evidence by region, for each region with a RootGuard rule.</summary>
        public IReadOnlyDictionary<string, SignInMonitorEvidence> SignInEvidence { get; }

        /// <summary>RG.ROOT.6's evidence by region, for each region with a RootGuard alarm.</summary>
        public IReadOnlyDictionary<string, UsageMonitorEvidence> UsageEvidence { get; }
    }
}
