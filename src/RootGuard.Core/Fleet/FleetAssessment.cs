using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Assessment;
using RootGuard.Core.Aws;
using RootGuard.Core.Connection;

namespace RootGuard.Core.Fleet
{
    /// <summary>
    /// Assesses many accounts: the caller's own with its own credentials (the management account has no
    /// OrganizationAccountAccessRole), every other one through the role. Each account's outcome is handed over as soon as
    /// that account is done, in completion order, and one account's failure never stops the others.
    /// </summary>
    public sealed class FleetAssessment
    {
        private readonly AwsClientFactory caller;
        private readonly OrganizationRoster roster;
        private readonly FleetOptions options;

        public FleetAssessment(AwsClientFactory caller, OrganizationRoster roster, FleetOptions? options = null)
        {
            this.caller = caller ?? throw new ArgumentNullException(nameof(caller));
            this.roster = roster ?? throw new ArgumentNullException(nameof(roster));
            this.options = options ?? new FleetOptions();
        }

        /// <summary>
        /// The outcomes, on the enumerating thread, as each account completes (see
        /// <see cref="BoundedConcurrency.InCompletionOrder"/>: at most <see cref="FleetOptions.Concurrency"/> reports exist at once).
        /// </summary>
        public IEnumerable<FleetAccountOutcome> Run(IReadOnlyList<string> accountIds, IReadOnlyList<RootCheck> checks, int usageWindowDays,
            CancellationToken cancellationToken) =>
            BoundedConcurrency.InCompletionOrder(accountIds, options.Concurrency,
                (accountId, ct) => AssessAsync(accountId, checks, usageWindowDays, ct), cancellationToken);

        private async Task<FleetAccountOutcome> AssessAsync(string accountId, IReadOnlyList<RootCheck> checks, int usageWindowDays, CancellationToken ct)
        {
            try
            {
                var connection = string.Equals(accountId, roster.CallerAccountId, StringComparison.Ordinal)
                    ? caller.Connection
                    : await AssumedRoleConnector.AssumeAsync(caller, accountId, options.RoleName, options.ExternalId, ct).ConfigureAwait(false);
                using var clients = caller.For(connection);
                var report = await new RootAccountAssessment(clients, options.Assessment).RunAsync(checks, usageWindowDays, ct).ConfigureAwait(false);
                return FleetAccountOutcome.Assessed(report, AccountStanding.From(report, roster));
            }
            catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
            {
                return FleetAccountOutcome.Unreachable(accountId, NamingTheAccount(accountId, AwsErrorTranslator.Translate(e)), AccountStanding.From(accountId, roster));
            }
        }

        // An error record is read in a list of many: its message says which account, whatever failed.
        private static RootGuardException NamingTheAccount(string accountId, RootGuardException failure) =>
            failure.Message.Contains(accountId)
                ? failure
                : new RootGuardException(failure.ErrorId, failure.Kind, $"Account {accountId} could not be assessed: {failure.Message}",
                    failure.RecommendedAction, accountId, failure.InnerException ?? failure)
                {
                    AwsErrorCode = failure.AwsErrorCode,
                    RequestId = failure.RequestId,
                };
    }
}
