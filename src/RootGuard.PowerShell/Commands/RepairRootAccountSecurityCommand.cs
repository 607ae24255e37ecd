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
    /// <para type="description">Each fix is planned (its current state read) before anything changes, and what will be deleted is exactly what was listed. -WhatIf shows every change per account and makes none; -Confirm (the default, as the impact is High) asks once per account and fix; -Force skips that question (an explicit -Confirm still asks). A fix whose parameters were not given is skipped with a warning naming them; checks no API can fix (recent root use) are returned with the manual step. The management account's own root credentials cannot be reached by sts:AssumeRoot and are refused with an error, as is a member account while centralized root access is off. One account's failure is one error record and the other accounts go on. After the fixes, the repaired checks are assessed again and each RootGuard.RepairResult carries their new status.</para>
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

        /// <summary>The accounts to assess and repair (through -RoleName in each); by default the caller's own account. An id typed without quotes keeps its leading zeros.</summary>
        [Parameter(ParameterSetName = AssessSet)]
        [AccountIdTransformation]
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

        /// <summary>Repair without the confirmation asked by default. -WhatIf (or $WhatIfPreference) still only lists the changes, and -Confirm or a $ConfirmPreference of Medium or Low still asks.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        private readonly List<Finding> given = new List<Finding>();

        // This run planned RG.ROOT.8's fix and did not apply it (-WhatIf or declined): a member's credentials fix waits for it.
        private bool centralRootAccessPending;

        protected override void ProcessRecord()
        {
            if (Finding != null)
            {
                given.AddRange(Finding.Where(f => f != null));
            }
        }

        protected override void EndProcessing()
        {
            var request = BuildRequest();
            try
            {
                // Every input is checked before credentials are resolved and before any AWS call.
                request.Validate();
            }
            catch (RootGuardException e)
            {
                ThrowTerminating(e);
            }

            using var clients = new AwsClientFactory(Connection);
            using var planner = new RepairPlanner(clients);
            var scope = Await(ct => planner.ReadScopeAsync(request, ct));
            foreach (var (account, failure) in scope.AssessmentFailures)
            {
                // An account that cannot be assessed is one error; the others go on.
                WriteError(ErrorRecords.From(failure, account));
            }

            var findings = ParameterSetName == FindingSet ? given : scope.Assessed.Select(a => new Finding(a.Result, a.AccountId)).ToList();
            var failed = findings.Where(f => f.Status == FindingStatus.Fail && scope.Failed.Contains((f.AccountId, f.CheckId))).ToList();
            if (scope.Failed.Count == 0)
            {
                WriteInformation(new HostInformationMessage { Message = "No failed finding to repair." }, new[] { "PSHOST" });
                return;
            }

            foreach (var account in scope.Accounts)
            {
                // Planned only now: a member's credentials can be listed once the organization's fix, earlier in this run, is applied.
                RepairAccount(planner, scope.For(account, centralRootAccessPending), failed);
            }
        }

        private RepairRequest BuildRequest() => new RepairRequest
        {
            FailedChecks = ParameterSetName == FindingSet
                ? given.Where(f => f.Status == FindingStatus.Fail).Select(f => (f.AccountId, f.CheckId)).ToList()
                : null,
            AccountIds = AccountId,
            CheckIds = CheckId,
            SecurityContact = SecurityContact == null
                ? null
                : SecurityContactDetails.FromValues(SecurityContact.Cast<DictionaryEntry>()
                    .Select(e => new KeyValuePair<string, string?>(e.Key?.ToString() ?? string.Empty, e.Value?.ToString()))),
            Notification = new MonitorNotification { EmailAddresses = EmailAddress ?? Array.Empty<string>(), TopicArn = TopicArn },
            RoleName = RoleName,
        };

        // One account: its fixes planned (reads only), then each confirmed and applied in turn; the first failure is the
        // account's one error and stops its changes. Then the repaired checks are assessed again and the results written.
        private void RepairAccount(RepairPlanner planner, AccountRepair request, IReadOnlyList<Finding> failed)
        {
            var account = request.AccountId;
            using var plan = Try(ct => planner.PlanAsync(request, ct), out var planningFailure);
            if (plan == null)
            {
                WriteError(ErrorRecords.From(planningFailure!, account));
                return;
            }

            foreach (var refusal in plan.Refusals)
            {
                WriteError(ErrorRecords.From(refusal, account));
            }

            WriteWarnings(plan);
            var results = plan.Skipped
                .Select(s => (s.Decision, Action: s.IsManual ? RepairAction.Manual : RepairAction.Skipped, s.Message, Changes: (IReadOnlyList<ResourceChange>)Array.Empty<ResourceChange>()))
                .ToList();
            if (plan.Failure != null)
            {
                WriteError(ErrorRecords.From(plan.Failure, account));
            }

            foreach (var fix in plan.Fixes)
            {
                var outcome = Apply(fix);
                if (outcome == null)
                {
                    break;
                }

                results.Add((fix.Decision, outcome.Value.Action, outcome.Value.Message, outcome.Value.Changes));
            }

            // Every check a fix touches is assessed again, not only the failed ones: deleting root's MFA also changes RG.ROOT.2's verdict.
            var repaired = results.Where(r => r.Action == RepairAction.Repaired).SelectMany(r => RepairCatalog.ChecksOf(r.Decision.Fix!.Value)).ToList();
            var reassessed = new Dictionary<string, Finding>(StringComparer.OrdinalIgnoreCase);
            if (repaired.Count > 0)
            {
                var report = Try(ct => planner.AssessAsync(request, repaired, ct), out var failure);
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

        // Ask once for the whole fix, then apply it. Null when the account's repair must stop here (its one error was written).
        private (RepairAction Action, string Message, IReadOnlyList<ResourceChange> Changes)? Apply(PlannedFix fix)
        {
            var account = fix.Decision.AccountId;
            var name = fix.Decision.Fix!.Value;
            var plan = fix.Plan;
            if (!plan.HasChanges)
            {
                var unchanged = plan.Changes.Select(c => new ResourceChange(c.ResourceType, c.ResourceName, ResourceChangeKind.Unchanged, c.Description)).ToList();
                return (RepairAction.Unchanged, $"Nothing to change: {string.Join("; ", plan.Changes.Select(c => c.Description))}.", unchanged);
            }

            var changes = plan.Describe();
            var answer = Confirm($"{name} in account {account}:{Environment.NewLine}{changes}",
                $"Make these changes in account {account}?{Environment.NewLine}{changes}", $"Repair {name} in account {account}", Force.IsPresent);
            if (answer != StepDecision.Apply)
            {
                centralRootAccessPending |= name == RootFix.CentralRootAccess;
                var whatIf = answer == StepDecision.Preview;
                var planned = plan.Changes.Where(c => c.IsMutating)
                    .Select(c => new ResourceChange(c.ResourceType, c.ResourceName, ResourceChangeKind.Skipped, c.Description)).ToList();
                return (whatIf ? RepairAction.WhatIf : RepairAction.Declined,
                    whatIf ? $"Would make {planned.Count} change(s)." : "Declined: nothing was changed.", planned);
            }

            IReadOnlyList<AppliedChange> applied;
            try
            {
                // The fix was confirmed as a whole, so its steps are not asked about again one by one.
                // Ctrl+C mid-fix: the fix's steps made so far are undone where they can be, and the call stops.
                applied = RunStoppable(token => PlanExecutor.Execute(plan.Changes, _ => true, token));
            }
            catch (RootGuardException e)
            {
                WriteError(ErrorRecords.From(e, account));
                return null;
            }

            var made = applied.Select(ResourceChange.From).ToList();
            return (RepairAction.Repaired, string.Join("; ", made.Where(c => c.Change != ResourceChangeKind.Unchanged).Select(c => c.Description)) + ".", made);
        }

        // Await ends the whole call on failure; inside the per-account loop a failure is that account's one error instead.
        private T? Try<T>(Func<System.Threading.CancellationToken, System.Threading.Tasks.Task<T>> call, out RootGuardException? failure) where T : class
        {
            failure = null;
            try
            {
                return RunStoppable(call);
            }
            catch (Exception e) when (!(e is PipelineStoppedException))
            {
                failure = AwsErrorTranslator.Translate(e);
                return null;
            }
        }
    }
}
