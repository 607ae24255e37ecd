using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RootGuard.Core;
using RootGuard.Core.Assessment;
using RootGuard.Core.Aws;
using RootGuard.Core.Connection;
using RootGuard.Core.Planning;
using RootGuard.Core.Repair;
using RootGuard.PowerShell.Attributes;

namespace RootGuard.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Repairs the root user findings that the AWS API can fix, account by account, and reports each finding's new status.</para>
    /// <para type="description">Takes findings from Test-RootAccountSecurity through the pipeline, or runs that assessment itself (for the caller's account or each -AccountId), and for each failed check with an API fix plans that fix for the finding's account: centralized root access for the organization (RG.ROOT.8: trusted access for IAM, root credentials management and privileged root sessions, each turned on only when off); the SECURITY alternate contact (RG.ROOT.7, from -SecurityContact); the root user's credentials in a member account (RG.ROOT.1 to .3: console password, access keys, signing certificates and MFA devices, deleted through an sts:AssumeRoot session limited by the task policy IAMDeleteRootUserCredentials); and the two monitors (RG.ROOT.5 and .6, with New-RootSignInAlert's and New-RootUsageAlarm's own planners, notifying -EmailAddress or -TopicArn).</para>
    /// <para type="description">Each fix is planned (its current state read) before anything changes, and what will be deleted is exactly what was listed. -WhatIf shows every change per account and makes none; -Confirm (the default, as the impact is High) asks once per account and fix. A fix whose parameters were not given is skipped with a warning naming them; checks no API can fix (recent root use) are returned with the manual step. The management account's own root credentials cannot be reached by sts:AssumeRoot and are refused with an error, as is a member account while centralized root access is off. One account's failure is one error record and the other accounts go on. After the fixes, the repaired checks are assessed again and each RootGuard.RepairResult carries their new status.</para>
    /// </summary>
    /// <example>
    ///   <code>Test-RootAccountSecurity -AccountId 111111111111, 222222222222 | Repair-RootAccountSecurity -WhatIf</code>
    ///   <para>Lists, per member account and fix, every change a repair would make (for example each root access key it would delete), without changing anything.</para>
    /// </example>
    /// <example>
    ///   <code>Repair-RootAccountSecurity -CheckId RG.ROOT.8 -ProfileName org-management</code>
    ///   <para>Turns on centralized root access for the organization from the management account, after asking; what is already on is left alone.</para>
    /// </example>
    /// <example>
    ///   <code>Test-RootAccountSecurity -AccountId 222222222222 -CheckId RG.ROOT.1, RG.ROOT.2 | Repair-RootAccountSecurity -Confirm:$false</code>
    ///   <para>Deletes the member account's root password, access keys, signing certificates and MFA devices through a privileged root session, then shows RG.ROOT.1 and RG.ROOT.2 assessed again.</para>
    /// </example>
    /// <example>
    ///   <code>Repair-RootAccountSecurity -SecurityContact @{ Name = 'Security team'; Title = 'Security'; EmailAddress = 'security@example.com'; PhoneNumber = '+1 555 0100' } -EmailAddress security@example.com</code>
    ///   <para>Assesses the caller's account and repairs what fails: the security contact, and both monitors with a topic that e-mails security@example.com.</para>
    /// </example>
    [Cmdlet(VerbsDiagnostic.Repair, "RootAccountSecurity", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = AssessSet)]
    [OutputType(typeof(RepairResult))]
    public sealed class RepairRootAccountSecurityCommand : RootGuardAwsCmdlet
    {
        private const string AssessSet = "Assess";
        private const string FindingSet = "Finding";

        /// <summary>Findings from Test-RootAccountSecurity; those with Status Fail are repaired in their AccountId. Without it, the command runs the assessment itself.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = FindingSet)]
        [ValidateNotNull]
        public Finding[]? Finding { get; set; }

        /// <summary>The accounts to assess and repair (through -RoleName in each); by default the caller's own account.</summary>
        [Parameter(ParameterSetName = AssessSet)]
        [ValidatePattern(AssumedRoleConnector.AccountIdPattern)]
        public string[]? AccountId { get; set; }

        /// <summary>Repair only these checks, for example RG.ROOT.8. Tab completion lists the ids.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(CheckIdCompleter))]
        [ValidateCheckId]
        [ValidateNotNullOrEmpty]
        public string[]? CheckId { get; set; }

        /// <summary>The SECURITY alternate contact to register for RG.ROOT.7, as @{ Name = ...; Title = ...; EmailAddress = ...; PhoneNumber = ... }; all four are required and checked before any AWS call.</summary>
        [Parameter]
        public Hashtable? SecurityContact { get; set; }

        /// <summary>E-mail addresses the repaired monitors (RG.ROOT.5 and .6) notify, through a topic RootGuard creates in each account.</summary>
        [Parameter]
        public string[]? EmailAddress { get; set; }

        /// <summary>An existing SNS topic for the repaired monitors to notify instead of a new one; it must be in the monitor's region.</summary>
        [Parameter]
        public string? TopicArn { get; set; }

        /// <summary>The role assumed in member accounts to repair their monitors and assess them (default OrganizationAccountAccessRole).</summary>
        [Parameter]
        [ValidatePattern(AssumedRoleConnector.RoleNamePattern)]
        public string RoleName { get; set; } = AssumedRoleConnector.DefaultRoleName;

        private readonly List<Finding> given = new List<Finding>();

        protected override void ProcessRecord()
        {
            if (Finding != null)
            {
                given.AddRange(Finding.Where(f => f != null));
            }
        }

        protected override void EndProcessing()
        {
            // Every input is checked before credentials are resolved and before any AWS call.
            var contact = ReadSecurityContact();
            var notification = new MonitorNotification { EmailAddresses = EmailAddress ?? Array.Empty<string>(), TopicArn = TopicArn };
            try
            {
                notification.Validate();
            }
            catch (RootGuardException e)
            {
                ThrowTerminating(e);
            }

            using var caller = new AwsClientFactory(Connection);
            var standing = Await(ct => CallerStanding.ReadAsync(caller, ct));
            using var planner = new RepairPlanner(caller, standing, RoleName) { SecurityContact = contact, Notification = notification };

            var findings = ParameterSetName == FindingSet ? given : Assess(planner, standing);
            var failed = findings.Where(f => f.Status == FindingStatus.Fail
                                             && (CheckId == null || CheckId.Contains(f.CheckId, StringComparer.OrdinalIgnoreCase))).ToList();
            if (failed.Count == 0)
            {
                WriteInformation(new HostInformationMessage { Message = "No failed finding to repair." }, new[] { "PSHOST" });
                return;
            }

            var decisions = RepairSelection.Decide(failed.Select(f => (f.AccountId, f.CheckId)), standing,
                new RepairInputs { HasSecurityContact = contact != null, HasNotificationTarget = notification.IsGiven });
            var run = new RepairRun();
            foreach (var account in decisions.Select(d => d.AccountId).Distinct().ToList())
            {
                RepairAccount(planner, account, decisions.Where(d => d.AccountId == account).ToList(), failed, run);
            }
        }

        // One account: every fix planned first (reads only), then each confirmed and applied in turn; the first failure is
        // the account's one error and stops its changes. Then the repaired checks are assessed again and the results written.
        private void RepairAccount(RepairPlanner planner, string account, IReadOnlyList<RepairDecision> decisions, IReadOnlyList<Finding> failed, RepairRun run)
        {
            var results = new List<(RepairDecision Decision, RepairAction Action, string Message, IReadOnlyList<ResourceChange> Changes)>();
            var plans = new List<(RepairDecision Decision, FixPlan Plan)>();
            try
            {
                foreach (var decision in decisions)
                {
                    switch (decision.Disposition)
                    {
                        case RepairDisposition.Manual:
                            results.Add((decision, RepairAction.Manual, decision.Message, Array.Empty<ResourceChange>()));
                            continue;
                        case RepairDisposition.MissingParameters:
                            WriteWarning(decision.Message);
                            results.Add((decision, RepairAction.Skipped, decision.Message, Array.Empty<ResourceChange>()));
                            continue;
                        case RepairDisposition.Refused:
                            WriteError(ErrorRecords.From(decision.Refusal!, account));
                            continue;
                    }

                    var plan = Try(ct => planner.PlanAsync(decision, ct), out var failure);
                    if (plan != null)
                    {
                        plans.Add((decision, plan));
                    }
                    else if (failure!.ErrorId == ErrorIds.CentralRootAccessRequired && run.CentralRootAccessPending)
                    {
                        // This run planned RG.ROOT.8's fix but did not apply it (-WhatIf or declined): the credentials cannot be listed yet.
                        var message = $"The RootCredentials fix in account {account} waits for centralized root access, whose fix this run did not apply. {failure.RecommendedAction}";
                        WriteWarning(message);
                        results.Add((decision, RepairAction.Skipped, message, Array.Empty<ResourceChange>()));
                    }
                    else
                    {
                        WriteError(ErrorRecords.From(failure, account));
                        plans.Clear();
                        break;
                    }
                }

                foreach (var (decision, plan) in plans)
                {
                    var outcome = Apply(decision, plan, run);
                    if (outcome == null)
                    {
                        break;
                    }

                    results.Add((decision, outcome.Value.Action, outcome.Value.Message, outcome.Value.Changes));
                }
            }
            finally
            {
                foreach (var (_, plan) in plans)
                {
                    plan.Dispose();
                }
            }

            // Every check a fix touches is assessed again, not only the failed ones: deleting root's MFA also changes RG.ROOT.2's verdict.
            var repaired = results.Where(r => r.Action == RepairAction.Repaired).SelectMany(r => RepairCatalog.ChecksOf(r.Decision.Fix!.Value)).ToList();
            var reassessed = new Dictionary<string, Finding>(StringComparer.OrdinalIgnoreCase);
            if (repaired.Count > 0)
            {
                var report = Try(ct => planner.AssessAsync(account, repaired, ct), out var failure);
                foreach (var result in report?.Results ?? Array.Empty<CheckResult>())
                {
                    reassessed[result.CheckId] = new Finding(result, report!.Context.AccountId);
                }

                if (failure != null)
                {
                    WriteWarning($"Account {account} was repaired, but assessing it again failed ({failure.Message}); run Test-RootAccountSecurity to see its status.");
                }
            }

            foreach (var (decision, action, message, changes) in results)
            {
                var findings = action == RepairAction.Repaired && reassessed.Count > 0
                    ? RepairCatalog.ChecksOf(decision.Fix!.Value).Where(reassessed.ContainsKey).Select(id => reassessed[id]).ToList()
                    : decision.CheckIds.Select(id => failed.FirstOrDefault(f => f.CheckId == id
                                                                                 && (f.AccountId == decision.AccountId || decision.Fix == RootFix.CentralRootAccess)))
                        .Where(f => f != null).Select(f => f!).ToList();
                WriteObject(new RepairResult(account, decision.Fix?.ToString() ?? "Manual", decision.CheckIds, action, message, changes, findings));
            }
        }

        // Ask, then apply. Null when the account's repair must stop here (its one error was written).
        private (RepairAction Action, string Message, IReadOnlyList<ResourceChange> Changes)? Apply(RepairDecision decision, FixPlan plan, RepairRun run)
        {
            var account = decision.AccountId;
            var fix = decision.Fix!.Value;
            foreach (var note in plan.Warnings)
            {
                WriteWarning($"{account}: {note}");
            }

            if (!plan.HasChanges)
            {
                var unchanged = plan.Changes.Select(c => new ResourceChange(c.ResourceType, c.ResourceName, ResourceChangeKind.Unchanged, c.Description)).ToList();
                return (RepairAction.Unchanged, $"Nothing to change: {string.Join("; ", plan.Changes.Select(c => c.Description))}.", unchanged);
            }

            var changes = plan.Describe();
            if (!ShouldProcess($"{fix} in account {account}:{Environment.NewLine}{changes}",
                    $"Make these changes in account {account}?{Environment.NewLine}{changes}", $"Repair {fix} in account {account}", out var reason))
            {
                run.CentralRootAccessPending |= fix == RootFix.CentralRootAccess;
                var whatIf = reason == ShouldProcessReason.WhatIf;
                var planned = plan.Changes.Where(c => c.IsMutating)
                    .Select(c => new ResourceChange(c.ResourceType, c.ResourceName, ResourceChangeKind.Skipped, c.Description)).ToList();
                return (whatIf ? RepairAction.WhatIf : RepairAction.Declined,
                    whatIf ? $"Would make {planned.Count} change(s)." : "Declined: nothing was changed.", planned);
            }

            IReadOnlyList<AppliedChange> applied;
            try
            {
                // The fix was confirmed as a whole, so its steps are not asked about again one by one.
                applied = PlanExecutor.Execute(plan.Changes, _ => true, CancellationToken);
            }
            catch (RootGuardException e)
            {
                WriteError(ErrorRecords.From(e, account));
                return null;
            }

            var made = applied.Select(ResourceChange.From).ToList();
            return (RepairAction.Repaired, string.Join("; ", made.Where(c => c.Change != ResourceChangeKind.Unchanged).Select(c => c.Description)) + ".", made);
        }

        // Without piped findings: the caller's account, or each -AccountId through -RoleName; an account that cannot be
        // assessed is one error and the others go on.
        private List<Finding> Assess(RepairPlanner planner, CallerStanding standing)
        {
            var checks = CheckId ?? AssessmentCatalog.Ids.ToArray();
            var findings = new List<Finding>();
            foreach (var account in AccountId?.Distinct().ToList() ?? new List<string> { standing.AccountId })
            {
                var report = Try(ct => planner.AssessAsync(account, checks, ct), out var failure);
                if (report == null)
                {
                    WriteError(ErrorRecords.From(failure!, account));
                    continue;
                }

                findings.AddRange(report.Results.Select(r => new Finding(r, report.Context.AccountId)));
            }

            return findings;
        }

        private SecurityContactDetails? ReadSecurityContact()
        {
            if (SecurityContact == null)
            {
                return null;
            }

            var values = SecurityContact.Cast<DictionaryEntry>().ToDictionary(e => e.Key?.ToString() ?? string.Empty, e => e.Value?.ToString(),
                StringComparer.OrdinalIgnoreCase);
            var unknown = values.Keys.Where(k => !SecurityContactDetails.Keys.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
            if (unknown.Count > 0)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument(ErrorIds.InvalidSecurityContact,
                    $"-SecurityContact: unknown key(s) {string.Join(", ", unknown)}; it takes {string.Join(", ", SecurityContactDetails.Keys)}.",
                    nameof(SecurityContact), "Pass -SecurityContact @{ Name = ...; Title = ...; EmailAddress = ...; PhoneNumber = ... }."));
            }

            string? Value(string key) => values.TryGetValue(key, out var v) ? v : null;
            var contact = new SecurityContactDetails(Value("Name"), Value("Title"), Value("EmailAddress"), Value("PhoneNumber"));
            try
            {
                contact.Validate();
            }
            catch (RootGuardException invalid)
            {
                ThrowTerminating(invalid);
            }

            return contact;
        }

        // Await ends the whole call on failure; inside the per-account loop a failure is that account's one error instead.
        private T? Try<T>(Func<System.Threading.CancellationToken, System.Threading.Tasks.Task<T>> call, out RootGuardException? failure) where T : class
        {
            failure = null;
            try
            {
                return call(CancellationToken).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (Exception e)
            {
                failure = AwsErrorTranslator.Translate(e);
                return null;
            }
        }

        /// <summary>What one fix means for later ones in the same run.</summary>
        private sealed class RepairRun
        {
            /// <summary>RG.ROOT.8's fix was planned but not applied (-WhatIf or declined).</summary>
            public bool CentralRootAccessPending { get; set; }
        }
    }
}
