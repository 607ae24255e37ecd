using System;
using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Planning;

namespace RootGuard.Core.Repair
{
    /// <summary>
    /// One account's repair, planned: each fix read and planned (<see cref="Fixes"/>, applied one by one, each confirmed as a
    /// whole), the decisions that are not applied and why, the refusals, and the failure that stopped the planning.
    /// Disposing it ends what its fixes hold open (a privileged root session).
    /// </summary>
    public sealed class AccountRepairPlan : IChangePlan, IDisposable
    {
        internal AccountRepairPlan(string accountId, IReadOnlyList<PlannedFix> fixes, IReadOnlyList<SkippedFix> skipped,
            IReadOnlyList<RootGuardException> refusals, RootGuardException? failure)
        {
            AccountId = accountId;
            Fixes = fixes;
            Skipped = skipped;
            Refusals = refusals;
            Failure = failure;
            Changes = fixes.SelectMany(f => f.Plan.Changes).ToList();
            // Skips first (a fix without its parameters, one waiting for RG.ROOT.8), then what each fix's planner raised.
            Warnings = skipped.Where(s => !s.IsManual).Select(s => s.Message)
                .Concat(fixes.SelectMany(f => f.Plan.Warnings.Select(w => $"{accountId}: {w}"))).ToList();
        }

        public string AccountId { get; }

        /// <summary>The fixes planned, in the order they run; empty when <see cref="Failure"/> stopped the planning.</summary>
        public IReadOnlyList<PlannedFix> Fixes { get; }

        /// <summary>Manual steps and skipped fixes, in decision order.</summary>
        public IReadOnlyList<SkippedFix> Skipped { get; }

        /// <summary>Fixes that cannot be made from here (the management account's root, a caller that is not the management account).</summary>
        public IReadOnlyList<RootGuardException> Refusals { get; }

        /// <summary>The failure that stopped planning this account (its one error); null when every fix was planned.</summary>
        public RootGuardException? Failure { get; }

        /// <summary>Every fix's changes in order. A failed step stops the account's later fixes, so none needs an explicit dependency.</summary>
        public IReadOnlyList<PlannedChange> Changes { get; }

        public IReadOnlyList<string> Warnings { get; }

        public void Dispose()
        {
            foreach (var fix in Fixes)
            {
                fix.Plan.Dispose();
            }
        }
    }
}
