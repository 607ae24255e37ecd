using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using RootGuard.Core;
using RootGuard.Core.Assessment;
using RootGuard.Core.Aws;
using RootGuard.Core.Connection;
using RootGuard.Core.Fleet;
using RootGuard.PowerShell.Attributes;

namespace RootGuard.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Assesses the AWS root user's security posture, in one account or across an organization, and returns one finding per check.</para>
    /// <para type="description">Runs the RootGuard root user checks RG.ROOT.1 to RG.ROOT.8 (root access keys, MFA, hardware MFA, recent root use, the root sign-in alert, the CIS root usage metric filter and alarm, the security contact, and centralized root access in AWS Organizations) and returns a RootGuard.Finding for each, with its CIS and AWS Foundational Security Best Practices ids, the evidence, and the fix. Independent AWS reads run concurrently. A denied or failed read makes only the checks that needed it Error, naming the missing IAM permission (the minimal policy is docs/iam-assessment-policy.json); a monitor link RootGuard cannot prove, such as a topic key policy it may not read or a policy condition it cannot evaluate, is a Warning, never a Pass. Failures sort first. With -Quiet it returns only $true when every check passed or does not apply, $false otherwise (a Warning or an Error is not a pass).</para>
    /// <para type="description">With -Organization it assesses every ACTIVE account of the caller's organization (run it from the management account or a delegated administrator); with -AccountId, or account ids or objects with an Id or AccountId property piped in, the accounts named. The caller's own account is assessed with the caller's credentials, every other one by assuming -RoleName (with -ExternalId when its trust policy asks for one), -ThrottleLimit accounts at a time. Each account's findings are written as soon as that account is done, so the next command in the pipeline starts at once; Write-Progress shows accounts done, accounts that could not be assessed and the time left. An account that cannot be reached is one error record whose target is the account id; the others go on. Each finding says whether its account is the management account and whether root credentials are managed centrally there. -Summary writes one RootGuard.AccountSummary row per account instead.</para>
    /// </summary>
    /// <example>
    ///   <code>Test-RootAccountSecurity -ProfileName prod</code>
    ///   <para>Assesses the account behind the prod profile and shows a table of Status, CheckId, Severity and Title, failures first.</para>
    /// </example>
    /// <example>
    ///   <code>if (-not (Test-RootAccountSecurity -Quiet)) { throw 'The root user is not locked down.' }</code>
    ///   <para>Fails a runbook or CI job unless every check passed or does not apply.</para>
    /// </example>
    /// <example>
    ///   <code>Test-RootAccountSecurity -CheckId RG.ROOT.5, RG.ROOT.6 | Where-Object Status -ne 'Pass' | Format-List CheckId, Reason, Remediation</code>
    ///   <para>Checks only the two monitors and explains what to fix.</para>
    /// </example>
    /// <example>
    ///   <code>Test-RootAccountSecurity -ExcludeCheckId RG.ROOT.4 -UsageWindowDays 30</code>
    ///   <para>Skips the credential report (the slowest read) and otherwise judges with a 30-day window.</para>
    /// </example>
    /// <example>
    ///   <code>Test-RootAccountSecurity -Organization -ProfileName org-management -ThrottleLimit 16 | Export-Csv -Path root-findings.csv</code>
    ///   <para>Assesses every active account of the organization, sixteen at a time: the management account with the profile's own credentials, the members through OrganizationAccountAccessRole. Rows reach the CSV file as each account completes.</para>
    /// </example>
    /// <example>
    ///   <code>Test-RootAccountSecurity -Organization -Summary | Where-Object Failed -gt 0</code>
    ///   <para>One row per account with its counts of passed, failed, warning and error checks; shows the accounts with a failure.</para>
    /// </example>
    /// <example>
    ///   <code>Get-ORGAccountList | Where-Object Name -like 'prod-*' | Test-RootAccountSecurity -RoleName SecurityAudit -ExternalId 7f3a9c</code>
    ///   <para>Assesses the accounts AWS Tools lists (their Id property binds to -AccountId) through a role of your own that asks for an external id.</para>
    /// </example>
    [Cmdlet(VerbsDiagnostic.Test, "RootAccountSecurity", DefaultParameterSetName = CallerSet)]
    [OutputType(typeof(Finding), typeof(AccountSummary), typeof(bool))]
    public sealed class TestRootAccountSecurityCommand : RootGuardAwsCmdlet
    {
        private const string CallerSet = "Caller";
        private const string AccountSet = "AccountId";
        private const string OrganizationSet = "Organization";
        private const int ProgressActivityId = 1;

        /// <summary>The checks to run (default: all), for example RG.ROOT.1. Tab completion lists the ids.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(CheckIdCompleter))]
        [ValidateCheckId]
        [ValidateNotNullOrEmpty]
        public string[]? CheckId { get; set; }

        /// <summary>Checks to leave out, for example RG.ROOT.4 to skip generating the credential report.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(CheckIdCompleter))]
        [ValidateCheckId]
        [ValidateNotNullOrEmpty]
        public string[]? ExcludeCheckId { get; set; }

        /// <summary>RG.ROOT.4 fails when the root user was used within this many days (default 90, as CIS).</summary>
        [Parameter]
        [ValidateRange(AssessmentCatalog.MinUsageWindowDays, AssessmentCatalog.MaxUsageWindowDays)]
        public int UsageWindowDays { get; set; } = AssessmentCatalog.DefaultUsageWindowDays;

        /// <summary>Return only $true (every check of every account Pass or NotApplicable) or $false (any Fail, Warning or Error, or an account that could not be assessed), for runbooks.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        /// <summary>Write one RootGuard.AccountSummary row per account (counts of passed, failed, warning and error checks) instead of every finding.</summary>
        [Parameter]
        public SwitchParameter Summary { get; set; }

        /// <summary>Assess these accounts instead of the caller's, by assuming -RoleName in each (the caller's own account, if named, with its own credentials). Takes ids, or objects with an Id or AccountId property, from the pipeline. An id typed without quotes keeps its leading zeros.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AccountSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [AccountIdTransformation]
        [ValidatePattern(AssumedRoleConnector.AccountIdPattern)]
        public string[]? AccountId { get; set; }

        /// <summary>Assess every ACTIVE account of the caller's AWS Organization (from Organizations ListAccounts): run it from the management account, which is assessed with the caller's own credentials, or from a delegated administrator.</summary>
        [Parameter(Mandatory = true, ParameterSetName = OrganizationSet)]
        public SwitchParameter Organization { get; set; }

        /// <summary>The role to assume in each account but the caller's. Default: OrganizationAccountAccessRole, which AWS Organizations creates in the member accounts it creates.</summary>
        [Parameter(ParameterSetName = AccountSet)]
        [Parameter(ParameterSetName = OrganizationSet)]
        [ValidatePattern(AssumedRoleConnector.RoleNamePattern)]
        public string RoleName { get; set; } = AssumedRoleConnector.DefaultRoleName;

        /// <summary>The external id the role's trust policy asks for (its sts:ExternalId condition), passed to every AssumeRole.</summary>
        [Parameter(ParameterSetName = AccountSet)]
        [Parameter(ParameterSetName = OrganizationSet)]
        [ValidatePattern(@"^[\w+=,.@:/-]{2,1224}$")]
        public string? ExternalId { get; set; }

        /// <summary>How many accounts are assessed at once (1 to 32, default 4).</summary>
        [Parameter(ParameterSetName = AccountSet)]
        [Parameter(ParameterSetName = OrganizationSet)]
        [ValidateRange(1, 32)]
        public int ThrottleLimit { get; set; } = 4;

        private readonly List<string> accounts = new List<string>();
        private readonly HashSet<string> seen = new HashSet<string>(StringComparer.Ordinal);
        private IReadOnlyList<RootCheck> checks = Array.Empty<RootCheck>();

        protected override void BeginProcessing()
        {
            // The common parameters (-Region, -EndpointUrl…) first, as every RootGuard cmdlet checks them.
            base.BeginProcessing();
            if (Quiet && Summary)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument(ErrorIds.QuietWithSummary,
                    "-Quiet returns one boolean and -Summary one row per account: give one of them.", nameof(Summary),
                    "Use -Quiet for a runbook's yes or no, -Summary for a per-account table."));
            }

            checks = AssessmentCatalog.Select(CheckId, ExcludeCheckId);
            if (checks.Count == 0)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument(ErrorIds.NoCheckSelected,
                    "-CheckId and -ExcludeCheckId leave no check to run.", nameof(ExcludeCheckId),
                    "Exclude fewer checks, or name at least one check with -CheckId that is not excluded."));
            }
        }

        protected override void ProcessRecord()
        {
            foreach (var id in AccountId ?? Array.Empty<string>())
            {
                if (seen.Add(id))
                {
                    accounts.Add(id);
                }
            }
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName == CallerSet)
            {
                AssessCaller();
            }
            else
            {
                AssessFleet();
            }
        }

        private void AssessCaller()
        {
            AssessmentReport report;
            using (var clients = new AwsClientFactory(Connection))
            {
                report = Await(ct => new RootAccountAssessment(clients).RunAsync(checks, UsageWindowDays, ct));
            }

            // Written here, on the pipeline thread, after the concurrent reads have all finished.
            WriteReport(report, AccountStanding.From(report), fleet: false);
            if (Quiet)
            {
                WriteObject(report.AllPassed);
            }
        }

        // Every account in its own session, ThrottleLimit at a time. The outcomes are taken here, on the pipeline thread,
        // as each account completes: nothing is written from another thread and no report waits for the others.
        private void AssessFleet()
        {
            if (!Organization && accounts.Count == 0)
            {
                WriteWarning("No account id was given, so no account was assessed.");
                if (Quiet)
                {
                    WriteObject(false);
                }

                return;
            }

            using var caller = new AwsClientFactory(Connection);
            var roster = Await(ct => OrganizationRosterReader.ReadAsync(caller, listAccounts: Organization, ct));
            var targets = Organization ? roster.Accounts.Select(a => a.Id).ToList() : accounts;
            WriteVerbose($"Caller account {roster.CallerAccountId}" + (roster.OrganizationId != null
                ? $", organization {roster.OrganizationId} (management account {roster.ManagementAccountId})" : ", in no readable organization")
                + $"; assessing {targets.Count} accounts, {ThrottleLimit} at a time, members through role {RoleName}.");

            var fleet = new FleetAssessment(caller, roster, new FleetOptions { RoleName = RoleName, ExternalId = ExternalId, Concurrency = ThrottleLimit });
            var activity = $"Assessing the root user in {targets.Count} accounts";
            var watch = Stopwatch.StartNew();
            int done = 0, failed = 0;
            WriteProgress(new ProgressRecord(ProgressActivityId, activity, new FleetProgress(targets.Count, 0, 0, TimeSpan.Zero).Describe()));
            // Ctrl+C: the accounts in flight are cancelled with the token, and the call stops.
            var allPassed = RunStoppable(token =>
            {
                var passed = true;
                foreach (var outcome in fleet.Run(targets, checks, UsageWindowDays, token))
                {
                    done++;
                    if (outcome.Report == null)
                    {
                        failed++;
                        passed = false;
                        WriteError(ErrorRecords.From(outcome.Failure!, outcome.AccountId));
                    }
                    else
                    {
                        passed &= outcome.Report.AllPassed;
                        WriteReport(outcome.Report, outcome.Standing, fleet: true);
                    }

                    WriteProgress(activity, new FleetProgress(targets.Count, done, failed, watch.Elapsed), outcome.AccountId);
                }

                return passed;
            });

            WriteProgress(new ProgressRecord(ProgressActivityId, activity, new FleetProgress(targets.Count, done, failed, watch.Elapsed).Describe())
            {
                RecordType = ProgressRecordType.Completed,
            });
            if (Quiet)
            {
                WriteObject(allPassed);
            }
        }

        private void WriteReport(AssessmentReport report, AccountStanding standing, bool fleet)
        {
            var accountId = report.Context.AccountId;
            var prefix = fleet ? accountId + " " : string.Empty;
            if (Quiet)
            {
                // The runbook sees only the boolean; -Verbose still says which checks made it false.
                foreach (var result in report.Results.Where(r => !r.CountsAsPassed))
                {
                    WriteVerbose($"{prefix}{result.CheckId} {result.Status}: {result.Reason}");
                }
            }
            else if (Summary)
            {
                WriteObject(new AccountSummary(report, standing));
            }
            else
            {
                foreach (var result in report.Results)
                {
                    WriteObject(new Finding(result, accountId, standing));
                }
            }
        }

        // A new record each time: hosts may keep the records they are given.
        private void WriteProgress(string activity, FleetProgress progress, string lastAccountId) =>
            WriteProgress(new ProgressRecord(ProgressActivityId, activity, progress.Describe())
            {
                CurrentOperation = "Last done: " + lastAccountId,
                PercentComplete = progress.PercentComplete,
                SecondsRemaining = progress.Remaining is { } left ? (int)Math.Ceiling(left.TotalSeconds) : -1,
            });
    }
}
