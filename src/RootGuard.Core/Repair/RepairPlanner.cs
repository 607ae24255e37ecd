using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Assessment;
using RootGuard.Core.Aws;
using RootGuard.Core.Connection;

namespace RootGuard.Core.Repair
{
    /// <summary>
    /// Plans each decided fix with the right clients: the caller's for the organization, the contacts and the root
    /// sessions; an assumed role in a member account for its monitors and its assessment. Holds those sessions until disposed.
    /// </summary>
    public sealed class RepairPlanner : IDisposable
    {
        private readonly AwsClientFactory caller;
        private readonly string roleName;
        private readonly ConcurrentDictionary<string, AwsClientFactory> members = new ConcurrentDictionary<string, AwsClientFactory>(StringComparer.Ordinal);

        public RepairPlanner(AwsClientFactory caller, CallerStanding standing, string roleName)
        {
            this.caller = caller ?? throw new ArgumentNullException(nameof(caller));
            Standing = standing ?? throw new ArgumentNullException(nameof(standing));
            this.roleName = roleName;
        }

        public CallerStanding Standing { get; }

        public SecurityContactDetails? SecurityContact { get; set; }

        public MonitorNotification Notification { get; set; } = new MonitorNotification();

        /// <summary>Reads what the fix would change and plans it; nothing is changed.</summary>
        public async Task<FixPlan> PlanAsync(RepairDecision decision, CancellationToken cancellationToken)
        {
            if (decision.Disposition != RepairDisposition.Fix || decision.Fix == null)
                throw new ArgumentException("Only a Fix decision can be planned.", nameof(decision));
            var account = decision.AccountId;
            switch (decision.Fix.Value)
            {
                case RootFix.CentralRootAccess:
                    return await new CentralRootAccessPlanner(caller).PlanAsync(Standing, cancellationToken).ConfigureAwait(false);
                case RootFix.SecurityContact:
                    return await new SecurityContactPlanner(caller).PlanAsync(Standing, account,
                        SecurityContact ?? throw new InvalidOperationException("No security contact was given."), cancellationToken).ConfigureAwait(false);
                case RootFix.RootCredentials:
                    return await new RootCredentialPlanner(caller).PlanAsync(Standing, account, cancellationToken).ConfigureAwait(false);
                case RootFix.SignInAlert:
                    return await MonitorRepairPlanner.PlanSignInAlertAsync(await ClientsForAsync(account, cancellationToken).ConfigureAwait(false),
                        account, Notification, cancellationToken).ConfigureAwait(false);
                default:
                    return await MonitorRepairPlanner.PlanUsageAlarmAsync(await ClientsForAsync(account, cancellationToken).ConfigureAwait(false),
                        account, Notification, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>The checks assessed again in the account, after its fixes.</summary>
        public async Task<AssessmentReport> AssessAsync(string accountId, IEnumerable<string> checkIds, CancellationToken cancellationToken)
        {
            var checks = AssessmentCatalog.Select(checkIds.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), null);
            var clients = await ClientsForAsync(accountId, cancellationToken).ConfigureAwait(false);
            return await new RootAccountAssessment(clients).RunAsync(checks, AssessmentCatalog.DefaultUsageWindowDays, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The caller's clients for its own account, an assumed role (-RoleName) for any other.</summary>
        public async Task<AwsClientFactory> ClientsForAsync(string accountId, CancellationToken cancellationToken)
        {
            if (string.Equals(accountId, Standing.AccountId, StringComparison.Ordinal)) return caller;
            if (members.TryGetValue(accountId, out var existing)) return existing;
            var connection = await AssumedRoleConnector.AssumeAsync(caller, accountId, roleName, cancellationToken).ConfigureAwait(false);
            return members.GetOrAdd(accountId, _ => caller.For(connection));
        }

        public void Dispose()
        {
            foreach (var clients in members.Values) clients.Dispose();
            members.Clear();
        }
    }
}
