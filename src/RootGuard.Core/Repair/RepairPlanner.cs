using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Assessment;
using RootGuard.Core.Aws;
using RootGuard.Core.Connection;
using RootGuard.Core.Planning;

namespace RootGuard.Core.Repair
{
    /// <summary>
    /// Plans Repair-RootAccountSecurity with the right clients: the caller's for the organization, the contacts and the
    /// root sessions; an assumed role in a member account for its monitors and its assessment. First
    /// <see cref="ReadScopeAsync"/> (the caller, the failed checks, a decision each), then <see cref="PlanAsync"/> per account,
    /// each once the accounts before it were repaired. Changes nothing; holds the member sessions until disposed.
    /// </summary>
    public sealed class RepairPlanner : IChangePlanner<AccountRepair, AccountRepairPlan>, IDisposable
    {
        private readonly AwsClientFactory caller;
        private readonly ConcurrentDictionary<string, AwsClientFactory> members = new ConcurrentDictionary<string, AwsClientFactory>(StringComparer.Ordinal);

        public RepairPlanner(AwsClientFactory clients) => caller = clients ?? throw new ArgumentNullException(nameof(clients));

        /// <summary>
        /// Reads the caller's standing and, when no failed checks were given, assesses each account (one that cannot be
        /// assessed is recorded and the others go on); then decides each failed check's fix. Reads only.
        /// </summary>
        public async Task<RepairScope> ReadScopeAsync(RepairRequest request, CancellationToken cancellationToken = default)
        {
            request.Validate();
            var standing = await CallerStanding.ReadAsync(caller, cancellationToken).ConfigureAwait(false);
            var assessed = new List<(string AccountId, CheckResult Result)>();
            var failures = new List<(string AccountId, RootGuardException Failure)>();
            IEnumerable<(string AccountId, string CheckId)> failed;
            if (request.FailedChecks != null)
            {
                failed = request.FailedChecks;
            }
            else
            {
                var checks = request.CheckIds ?? AssessmentCatalog.Ids;
                foreach (var account in request.AccountIds?.Distinct().ToList() ?? new List<string> { standing.AccountId })
                {
                    try
                    {
                        var report = await AssessAsync(standing, request.RoleName, account, checks, cancellationToken).ConfigureAwait(false);
                        assessed.AddRange(report.Results.Select(r => (report.Context.AccountId, r)));
                    }
                    catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                    {
                        failures.Add((account, AwsErrorTranslator.Translate(e)));
                    }
                }

                failed = assessed.Where(a => a.Result.Status == FindingStatus.Fail).Select(a => (a.AccountId, a.Result.CheckId));
            }

            var selected = failed.Where(f => request.CheckIds == null || request.CheckIds.Contains(f.CheckId, StringComparer.OrdinalIgnoreCase)).ToList();
            var decisions = RepairSelection.Decide(selected, standing,
                new RepairInputs { HasSecurityContact = request.SecurityContact != null, HasNotificationTarget = request.Notification.IsGiven });
            return new RepairScope(request, standing, assessed, failures, selected, decisions);
        }

        /// <summary>
        /// Plans one account's fixes: reads what each would change and plans it; nothing is changed. The first fix that
        /// cannot be planned is the account's <see cref="AccountRepairPlan.Failure"/> and no fix of it is applied.
        /// </summary>
        public async Task<AccountRepairPlan> PlanAsync(AccountRepair request, CancellationToken cancellationToken = default)
        {
            request.Validate();
            var fixes = new List<PlannedFix>();
            var skipped = new List<SkippedFix>();
            var refusals = new List<RootGuardException>();
            RootGuardException? failure = null;
            try
            {
                foreach (var decision in request.Decisions)
                {
                    switch (decision.Disposition)
                    {
                        case RepairDisposition.Manual:
                        case RepairDisposition.MissingParameters:
                            skipped.Add(new SkippedFix(decision, decision.Message));
                            continue;
                        case RepairDisposition.Refused:
                            refusals.Add(decision.Refusal!);
                            continue;
                    }

                    try
                    {
                        fixes.Add(new PlannedFix(decision, await PlanFixAsync(request, decision, cancellationToken).ConfigureAwait(false)));
                    }
                    catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                    {
                        var translated = AwsErrorTranslator.Translate(e);
                        if (translated.ErrorId == ErrorIds.CentralRootAccessRequired && request.CentralRootAccessPending)
                        {
                            // This run planned RG.ROOT.8's fix but did not apply it: the credentials cannot be listed yet.
                            skipped.Add(new SkippedFix(decision,
                                $"The RootCredentials fix in account {request.AccountId} waits for centralized root access, whose fix this run did not apply. {translated.RecommendedAction}"));
                            continue;
                        }

                        failure = translated;
                        break;
                    }
                }
            }
            catch
            {
                foreach (var fix in fixes) fix.Plan.Dispose();
                throw;
            }

            if (failure != null)
            {
                foreach (var fix in fixes) fix.Plan.Dispose();
                fixes.Clear();
            }

            return new AccountRepairPlan(request.AccountId, fixes, skipped, refusals, failure);
        }

        /// <summary>The checks assessed again in the account, after its fixes.</summary>
        public Task<AssessmentReport> AssessAsync(AccountRepair request, IEnumerable<string> checkIds, CancellationToken cancellationToken = default) =>
            AssessAsync(request.Standing, request.RoleName, request.AccountId, checkIds, cancellationToken);

        private async Task<FixPlan> PlanFixAsync(AccountRepair request, RepairDecision decision, CancellationToken cancellationToken)
        {
            var account = decision.AccountId;
            var standing = request.Standing;
            switch (decision.Fix!.Value)
            {
                case RootFix.CentralRootAccess:
                    return await new CentralRootAccessPlanner(caller).PlanAsync(standing, cancellationToken).ConfigureAwait(false);
                case RootFix.SecurityContact:
                    return await new SecurityContactPlanner(caller).PlanAsync(standing, account, request.SecurityContact!, cancellationToken).ConfigureAwait(false);
                case RootFix.RootCredentials:
                    return await new RootCredentialPlanner(caller).PlanAsync(standing, account, cancellationToken).ConfigureAwait(false);
                case RootFix.SignInAlert:
                    return await MonitorRepairPlanner.PlanSignInAlertAsync(await ClientsForAsync(standing, request.RoleName, account, cancellationToken).ConfigureAwait(false),
                        account, request.Notification, cancellationToken).ConfigureAwait(false);
                default:
                    return await MonitorRepairPlanner.PlanUsageAlarmAsync(await ClientsForAsync(standing, request.RoleName, account, cancellationToken).ConfigureAwait(false),
                        account, request.Notification, cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task<AssessmentReport> AssessAsync(CallerStanding standing, string roleName, string accountId, IEnumerable<string> checkIds,
            CancellationToken cancellationToken)
        {
            var checks = AssessmentCatalog.Select(checkIds.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), null);
            var clients = await ClientsForAsync(standing, roleName, accountId, cancellationToken).ConfigureAwait(false);
            return await new RootAccountAssessment(clients).RunAsync(checks, AssessmentCatalog.DefaultUsageWindowDays, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The caller's clients for its own account, an assumed role for any other (once per account).</summary>
        private async Task<AwsClientFactory> ClientsForAsync(CallerStanding standing, string roleName, string accountId, CancellationToken cancellationToken)
        {
            if (string.Equals(accountId, standing.AccountId, StringComparison.Ordinal)) return caller;
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
