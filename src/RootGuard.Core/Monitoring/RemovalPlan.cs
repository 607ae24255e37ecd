using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Planning;

namespace RootGuard.Core.Monitoring
{
    /// <summary>The removal plan, where it looked, and what it deliberately keeps, with the reason.</summary>
    public sealed class RemovalPlan : IChangePlan
    {
        // A step that only prepares another's removal of the same resource (a rule is disabled on its way out), and that removal.
        private readonly IReadOnlyDictionary<PlannedChange, PlannedChange> preparing;

        internal RemovalPlan(IReadOnlyList<string> regions, IReadOnlyList<PlannedChange> changes, IReadOnlyList<string> warnings,
            IReadOnlyDictionary<PlannedChange, PlannedChange> preparing)
        {
            Regions = regions;
            Changes = changes;
            Warnings = warnings;
            this.preparing = preparing;
        }

        /// <summary>The regions searched for RootGuard's resources.</summary>
        public IReadOnlyList<string> Regions { get; }

        public IReadOnlyList<PlannedChange> Changes { get; }

        /// <summary>One sentence per resource RootGuard made but keeps (still in use, shared, or a stack's), or that nothing was found.</summary>
        public IReadOnlyList<string> Warnings { get; }

        /// <summary>
        /// What a removal reports (Remove-RootMonitoring -PassThru), from the outcome of each step: every step, except one that
        /// only prepared the removal of a resource that was then removed, so each resource is named once, as deleted. A rule
        /// disabled but then not deleted is reported as changed.
        /// </summary>
        public IReadOnlyList<AppliedChange> Reported(IReadOnlyList<AppliedChange> outcomes)
        {
            var applied = new HashSet<PlannedChange>(outcomes.Where(o => o.Outcome == ChangeOutcome.Applied).Select(o => o.Change));
            return outcomes.Where(o => !(applied.Contains(o.Change) && preparing.TryGetValue(o.Change, out var removal) && applied.Contains(removal))).ToList();
        }

        internal RemovalPlan In(IReadOnlyList<string> regions, IEnumerable<string> moreWarnings) =>
            new RemovalPlan(regions, Changes, Warnings.Concat(moreWarnings).ToList(), preparing);
    }
}
