using System;
using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Assessment;

namespace RootGuard.Core.Repair
{
    /// <summary>
    /// What a repair is about, read before anything is planned: the caller's standing, the failed checks (given, or found by
    /// assessing each account), and the decision for each; then one <see cref="AccountRepair"/> per account, in the order
    /// they are repaired (the caller's own first, so the organization's features are on before a member needs them).
    /// </summary>
    public sealed class RepairScope
    {
        internal RepairScope(RepairRequest request, CallerStanding standing, IReadOnlyList<(string AccountId, CheckResult Result)> assessed,
            IReadOnlyList<(string AccountId, RootGuardException Failure)> assessmentFailures, IReadOnlyList<(string AccountId, string CheckId)> failed,
            IReadOnlyList<RepairDecision> decisions)
        {
            Request = request;
            Standing = standing;
            Assessed = assessed;
            AssessmentFailures = assessmentFailures;
            Failed = failed;
            Decisions = decisions;
        }

        public RepairRequest Request { get; }
        public CallerStanding Standing { get; }

        /// <summary>Every result of the planner's own assessment, by account (empty when failed checks were given).</summary>
        public IReadOnlyList<(string AccountId, CheckResult Result)> Assessed { get; }

        /// <summary>Accounts that could not be assessed, each with its error; the others go on.</summary>
        public IReadOnlyList<(string AccountId, RootGuardException Failure)> AssessmentFailures { get; }

        /// <summary>The failed checks to repair (after -CheckId), as (account, check id).</summary>
        public IReadOnlyList<(string AccountId, string CheckId)> Failed { get; }

        public IReadOnlyList<RepairDecision> Decisions { get; }

        /// <summary>The accounts with a decision, in the order they are repaired.</summary>
        public IReadOnlyList<string> Accounts => Decisions.Select(d => d.AccountId).Distinct(StringComparer.Ordinal).ToList();

        /// <summary>
        /// One account's repair, to plan once the accounts before it were repaired.
        /// <paramref name="centralRootAccessPending"/>: this run planned RG.ROOT.8's fix and did not apply it (-WhatIf or declined).
        /// </summary>
        public AccountRepair For(string accountId, bool centralRootAccessPending) =>
            new AccountRepair(Standing, accountId, Decisions.Where(d => d.AccountId == accountId).ToList(), Request.SecurityContact, Request.Notification,
                Request.RoleName, centralRootAccessPending);
    }
}
