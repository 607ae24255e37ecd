using RootGuard.Core.MonitorDefinitions;

namespace RootGuard.Core.Monitoring
{
    /// <summary>How one sample sign-in fared against the rule's live pattern.</summary>
    public sealed class PatternTest
    {
        public PatternTest(RootMonitorSample sample, bool matches, string checkedBy)
        {
            Sample = sample;
            Matches = matches;
            CheckedBy = checkedBy;
        }

        public RootMonitorSample Sample { get; }
        public bool Matches { get; }

        /// <summary>EventBridge's TestEventPattern, or RootGuard's matcher when EventBridge gave no answer (and why).</summary>
        public string CheckedBy { get; }

        public override string ToString() => $"{Sample.Description}: {(Matches ? "matches" : "does not match")} ({CheckedBy})";
    }
}
