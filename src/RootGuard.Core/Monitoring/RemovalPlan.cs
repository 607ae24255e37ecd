using System.Collections.Generic;
using RootGuard.Core.Planning;

namespace RootGuard.Core.Monitoring
{
    /// <summary>The removal plan, where it looked, and what it deliberately keeps, with the reason.</summary>
    public sealed class RemovalPlan : IChangePlan
    {
        internal RemovalPlan(IReadOnlyList<string> regions, IReadOnlyList<PlannedChange> changes, IReadOnlyList<string> warnings)
        {
            Regions = regions;
            Changes = changes;
            Warnings = warnings;
        }

        /// <summary>The regions searched for RootGuard's resources.</summary>
        public IReadOnlyList<string> Regions { get; }

        public IReadOnlyList<PlannedChange> Changes { get; }

        /// <summary>One sentence per resource RootGuard made but keeps (still in use, shared, or a stack's), or that nothing was found.</summary>
        public IReadOnlyList<string> Warnings { get; }
    }
}
