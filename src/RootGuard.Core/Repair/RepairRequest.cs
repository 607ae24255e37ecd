using System.Collections.Generic;
using RootGuard.Core.Connection;
using RootGuard.Core.Planning;

namespace RootGuard.Core.Repair
{
    /// <summary>
    /// What the user asked Repair-RootAccountSecurity for, once bound: the failed checks given (or the accounts to assess
    /// for them), which checks to repair, and what the fixes need and cannot guess. <see cref="RepairPlanner.ReadScopeAsync"/>
    /// turns it into one <see cref="AccountRepair"/> per account.
    /// </summary>
    public sealed class RepairRequest : IChangeRequest
    {
        /// <summary>Failed checks given through the pipeline, as (account, check id); null: the planner assesses <see cref="AccountIds"/> itself.</summary>
        public IReadOnlyList<(string AccountId, string CheckId)>? FailedChecks { get; set; }

        /// <summary>The accounts to assess when no failed checks were given; null: the caller's own account.</summary>
        public IReadOnlyList<string>? AccountIds { get; set; }

        /// <summary>Repair only these checks; null: every check with a failure.</summary>
        public IReadOnlyList<string>? CheckIds { get; set; }

        /// <summary>RG.ROOT.7's fix: the SECURITY alternate contact; null skips that fix with a warning.</summary>
        public SecurityContactDetails? SecurityContact { get; set; }

        /// <summary>RG.ROOT.5 and .6's fixes: where the monitors notify; none given skips them with a warning.</summary>
        public MonitorNotification Notification { get; set; } = new MonitorNotification();

        /// <summary>The role assumed in member accounts to repair their monitors and assess them.</summary>
        public string RoleName { get; set; } = AssumedRoleConnector.DefaultRoleName;

        /// <summary>The security contact and the e-mail addresses, checked as AWS would check them; no AWS call.</summary>
        public void Validate()
        {
            SecurityContact?.Validate();
            Notification.Validate();
        }
    }
}
