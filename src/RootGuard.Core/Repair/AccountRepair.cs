using System;
using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Planning;

namespace RootGuard.Core.Repair
{
    /// <summary>
    /// The request <see cref="RepairPlanner.PlanAsync"/> plans: one account's decisions (from <see cref="RepairScope.For"/>),
    /// with what the fixes need. An account is planned only once the accounts before it were repaired: a member's root
    /// credentials can be listed only after the organization's fix (RG.ROOT.8) was applied.
    /// </summary>
    public sealed class AccountRepair : IChangeRequest
    {
        public AccountRepair(CallerStanding standing, string accountId, IReadOnlyList<RepairDecision> decisions, SecurityContactDetails? securityContact,
            MonitorNotification notification, string roleName, bool centralRootAccessPending = false)
        {
            Standing = standing ?? throw new ArgumentNullException(nameof(standing));
            AccountId = accountId ?? throw new ArgumentNullException(nameof(accountId));
            Decisions = decisions ?? throw new ArgumentNullException(nameof(decisions));
            SecurityContact = securityContact;
            Notification = notification ?? new MonitorNotification();
            RoleName = roleName;
            CentralRootAccessPending = centralRootAccessPending;
        }

        public CallerStanding Standing { get; }
        public string AccountId { get; }

        /// <summary>The account's decisions, in the order fixes run (<see cref="RepairCatalog.Order"/>).</summary>
        public IReadOnlyList<RepairDecision> Decisions { get; }

        public SecurityContactDetails? SecurityContact { get; }
        public MonitorNotification Notification { get; }

        /// <summary>The role assumed in a member account for its monitors and its assessment.</summary>
        public string RoleName { get; }

        /// <summary>
        /// This run planned RG.ROOT.8's fix and did not apply it (-WhatIf or declined): a root credentials fix that needs it
        /// is skipped with a warning, not reported as an error.
        /// </summary>
        public bool CentralRootAccessPending { get; }

        /// <summary>The decisions are this account's, and each fix to plan has what it needs; no AWS call.</summary>
        public void Validate()
        {
            SecurityContact?.Validate();
            Notification.Validate();
            foreach (var decision in Decisions)
            {
                if (decision.AccountId != AccountId)
                    throw new ArgumentException($"Decision {decision} is for another account than {AccountId}.", nameof(Decisions));
                if (decision.Disposition != RepairDisposition.Fix) continue;
                if (decision.Fix == RootFix.SecurityContact && SecurityContact == null)
                    throw Missing(decision, "SecurityContact");
                if ((decision.Fix == RootFix.SignInAlert || decision.Fix == RootFix.UsageAlarm) && !Notification.IsGiven)
                    throw Missing(decision, "EmailAddress or -TopicArn");
            }
        }

        private RootGuardException Missing(RepairDecision decision, string parameter) =>
            new RootGuardException(ErrorIds.RepairParameterMissing, FailureKind.InvalidArgument,
                $"The {decision.Fix} fix in account {AccountId} needs -{parameter}.",
                $"Give -{parameter}, or leave {string.Join(", ", decision.CheckIds)} out with -CheckId.", parameter);
    }
}
