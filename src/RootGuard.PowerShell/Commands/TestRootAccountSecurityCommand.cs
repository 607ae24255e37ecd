using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RootGuard.Core;
using RootGuard.Core.Assessment;
using RootGuard.Core.Aws;
using RootGuard.Core.Connection;
using RootGuard.PowerShell.Attributes;

namespace RootGuard.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Assesses the AWS root user's security posture and returns one finding per check.</para>
    /// <para type="description">Runs the RootGuard root user checks RG.ROOT.1 to RG.ROOT.8 (root access keys, MFA, hardware MFA, recent root use, the root sign-in alert, the CIS root usage metric filter and alarm, the security contact, and centralized root access in AWS Organizations) and returns a RootGuard.Finding for each, with its CIS and AWS Foundational Security Best Practices ids, the evidence, and the fix. Independent AWS reads run concurrently. A denied or failed read makes only the checks that needed it Error, naming the missing IAM permission (the minimal policy is docs/iam-assessment-policy.json); a monitor link RootGuard cannot prove, such as a topic key policy it may not read or a policy condition it cannot evaluate, is a Warning, never a Pass. Failures sort first. With -Quiet it returns only $true when every check passed or does not apply, $false otherwise (a Warning or an Error is not a pass).</para>
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
    ///   <code>Test-RootAccountSecurity -AccountId 111111111111, 222222222222 -ThrottleLimit 8 -ProfileName org-management</code>
    ///   <para>Assesses two member accounts from the management account, assuming OrganizationAccountAccessRole in each, eight accounts at a time; each finding carries its AccountId, and an account whose role cannot be assumed is one error record while the others are still assessed.</para>
    /// </example>
    [Cmdlet(VerbsDiagnostic.Test, "RootAccountSecurity")]
    [OutputType(typeof(Finding), typeof(bool))]
    public sealed class TestRootAccountSecurityCommand : RootGuardAwsCmdlet
    {
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

        /// <summary>Return only $true (every check Pass or NotApplicable) or $false (any Fail, Warning or Error), for runbooks.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        /// <summary>Assess these accounts instead of the caller's, by assuming -RoleName in each (for example every member account of an organization).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidatePattern("^[0-9]{12}$")]
        public string[]? AccountId { get; set; }

        /// <summary>The role to assume in each -AccountId. Default: OrganizationAccountAccessRole, which AWS Organizations creates in member accounts.</summary>
        [Parameter]
        [ValidatePattern(@"^[\w+=,.@-]{1,64}$")]
        public string RoleName { get; set; } = AssumedRoleConnector.DefaultRoleName;

        /// <summary>How many accounts are assessed at once (1 to 32, default 4).</summary>
        [Parameter]
        [ValidateRange(1, 32)]
        public int ThrottleLimit { get; set; } = 4;

        private readonly List<string> accounts = new List<string>();

        protected override void ProcessRecord()
        {
            if (AccountId != null)
            {
                accounts.AddRange(AccountId.Where(a => !accounts.Contains(a)));
            }
        }

        protected override void EndProcessing()
        {
            var checks = AssessmentCatalog.Select(CheckId, ExcludeCheckId);
            if (checks.Count == 0)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument(ErrorIds.NoCheckSelected,
                    "-CheckId and -ExcludeCheckId leave no check to run.", nameof(ExcludeCheckId),
                    "Exclude fewer checks, or name at least one check with -CheckId that is not excluded."));
            }

            if (accounts.Count > 0)
            {
                AssessAccounts(checks);
                return;
            }

            AssessmentReport report;
            using (var clients = new AwsClientFactory(Connection))
            {
                try
                {
                    report = Await(ct => new RootAccountAssessment(clients).RunAsync(checks, UsageWindowDays, ct));
                }
                catch (RootGuardException e)
                {
                    ThrowTerminating(e);
                    return;
                }
            }

            // Written here, on the pipeline thread, after the concurrent reads have all finished.
            if (Quiet)
            {
                // The runbook sees only the boolean; -Verbose still says which checks made it false.
                foreach (var result in report.Results.Where(r => !r.CountsAsPassed))
                {
                    WriteVerbose($"{result.CheckId} {result.Status}: {result.Reason}");
                }

                WriteObject(report.AllPassed);
                return;
            }

            foreach (var result in report.Results)
            {
                WriteObject(new Finding(result, report.Context.AccountId));
            }
        }

        // Each account in its own session (assumed role), ThrottleLimit at a time; results are written here, on the
        // pipeline thread, in the order the accounts were given. An account that cannot be reached is one error record.
        private void AssessAccounts(IReadOnlyList<RootCheck> checks)
        {
            using var caller = new AwsClientFactory(Connection);
            var outcomes = Await(ct => AssumedRoleConnector.ForEachAccountAsync(accounts, ThrottleLimit, async (accountId, token) =>
            {
                var connection = await AssumedRoleConnector.AssumeAsync(caller, accountId, RoleName, token).ConfigureAwait(false);
                using var clients = new AwsClientFactory(connection);
                return await new RootAccountAssessment(clients).RunAsync(checks, UsageWindowDays, token).ConfigureAwait(false);
            }, ct));

            var allPassed = true;
            foreach (var (accountId, report, failure) in outcomes)
            {
                if (failure != null || report == null)
                {
                    allPassed = false;
                    WriteError(ErrorRecords.From(failure ?? new RootGuardException(ErrorIds.AssessmentFailed, FailureKind.InvalidOperation,
                        $"Account {accountId} could not be assessed."), accountId));
                    continue;
                }

                allPassed &= report.AllPassed;
                if (!Quiet)
                {
                    foreach (var result in report.Results)
                    {
                        WriteObject(new Finding(result, report.Context.AccountId));
                    }
                }
                else
                {
                    foreach (var result in report.Results.Where(r => !r.CountsAsPassed))
                    {
                        WriteVerbose($"{accountId} {result.CheckId} {result.Status}: {result.Reason}");
                    }
                }
            }

            if (Quiet)
            {
                WriteObject(allPassed);
            }
        }
    }
}
