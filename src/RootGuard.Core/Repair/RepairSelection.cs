using System;
using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Assessment;

namespace RootGuard.Core.Repair
{
    /// <summary>
    /// Decides, for each failed finding, which fix repairs it, in which account, or why it is not repaired. Pure: the
    /// planner gives the failed findings, the caller's standing and what was given.
    /// </summary>
    public static class RepairSelection
    {
        public static IReadOnlyList<RepairDecision> Decide(IEnumerable<(string AccountId, string CheckId)> failed, CallerStanding caller, RepairInputs inputs)
        {
            // Accounts in the order first seen, the caller's own first: the organization's features are turned on before members need them.
            var findings = failed.Distinct().ToList();
            var accounts = findings.Select(f => f.AccountId).Distinct().OrderBy(a => a == caller.AccountId ? 0 : 1).ToList();
            var decisions = new List<RepairDecision>();
            var organizationFixed = false;
            foreach (var account in accounts)
            {
                var checks = findings.Where(f => f.AccountId == account).Select(f => f.CheckId).Distinct(StringComparer.OrdinalIgnoreCase)
                    .OrderBy(c => c, StringComparer.Ordinal).ToList();
                foreach (var fix in RepairCatalog.Order)
                {
                    var covered = checks.Where(c => RepairCatalog.FixFor(c) == fix).ToList();
                    if (covered.Count == 0) continue;
                    if (fix == RootFix.CentralRootAccess)
                    {
                        // One organization, one switch: every account's RG.ROOT.8 failure is fixed once, in the management account.
                        if (organizationFixed) continue;
                        organizationFixed = true;
                    }

                    decisions.Add(Decide(account, fix, covered, caller, inputs));
                }

                decisions.AddRange(checks.Where(c => RepairCatalog.FixFor(c) == null).Select(c =>
                    new RepairDecision(account, null, new[] { c }, RepairDisposition.Manual, ManualStep(c))));
            }

            return decisions;
        }

        private static RepairDecision Decide(string account, RootFix fix, IReadOnlyList<string> checks, CallerStanding caller, RepairInputs inputs)
        {
            switch (fix)
            {
                case RootFix.CentralRootAccess:
                    if (!caller.IsManagementAccount)
                        return Refuse(account, fix, checks, NotManagement(caller, "Centralized root access is turned on"));
                    return new RepairDecision(caller.AccountId, fix, checks, RepairDisposition.Fix,
                        "Turn on trusted access for IAM and centralized root access (root credentials management, privileged root sessions) for the organization.");

                case RootFix.SecurityContact:
                    return inputs.HasSecurityContact
                        ? new RepairDecision(account, fix, checks, RepairDisposition.Fix, "Register the SECURITY alternate contact.")
                        : Missing(account, fix, checks, "SecurityContact");

                case RootFix.RootCredentials:
                    if (!caller.InOrganization)
                        return new RepairDecision(account, null, checks, RepairDisposition.Manual,
                            "The account is in no AWS Organization, so only its root user can remove its credentials: " + ManualStep(checks[0]));
                    if (caller.IsManagement(account))
                        return Refuse(account, fix, checks, ManagementAccountRoot(account));
                    if (account == caller.AccountId)
                        return Refuse(account, fix, checks, NotManagement(caller, "A member account's root credentials are removed"));
                    return new RepairDecision(account, fix, checks, RepairDisposition.Fix,
                        "Delete the root user's credentials through a privileged root session (sts:AssumeRoot, IAMDeleteRootUserCredentials).");

                default:
                    return inputs.HasNotificationTarget
                        ? new RepairDecision(account, fix, checks, RepairDisposition.Fix,
                            fix == RootFix.SignInAlert ? "Create or repair the root sign-in alert." : "Create or repair the CIS root usage filter and alarm.")
                        : Missing(account, fix, checks, "EmailAddress", "TopicArn");
            }
        }

        /// <summary>The refusal for the management account's own root credentials.</summary>
        public static RootGuardException ManagementAccountRoot(string accountId) =>
            new RootGuardException(ErrorIds.ManagementAccountRoot, FailureKind.InvalidOperation,
                $"Account {accountId} is the organization's management account: sts:AssumeRoot cannot target it, so RootGuard cannot remove its root user's credentials.",
                "Sign in as the management account's root user, delete its access keys and signing certificates, and give it a hardware MFA device (FIDO key or TOTP token); keep the password in a safe.",
                accountId);

        private static RootGuardException NotManagement(CallerStanding caller, string what) =>
            new RootGuardException(ErrorIds.NotManagementAccount, FailureKind.InvalidOperation,
                caller.InOrganization
                    ? $"{what} from the organization's management account ({caller.ManagementAccountId}); the caller is in account {caller.AccountId}."
                    : $"{what} from an organization's management account; the caller's account {caller.AccountId} is in no organization.",
                caller.InOrganization
                    ? $"Run Repair-RootAccountSecurity with credentials of the management account {caller.ManagementAccountId}."
                    : "Create an AWS Organization with all features, or sign in as this account's root user and fix it in the console.",
                caller.AccountId);

        private static RepairDecision Refuse(string account, RootFix fix, IReadOnlyList<string> checks, RootGuardException refusal) =>
            new RepairDecision(account, fix, checks, RepairDisposition.Refused, refusal.Message, refusal: refusal);

        private static RepairDecision Missing(string account, RootFix fix, IReadOnlyList<string> checks, params string[] parameters) =>
            new RepairDecision(account, fix, checks, RepairDisposition.MissingParameters,
                $"The {fix} fix for {string.Join(", ", checks)} in account {account} was skipped: it needs -{string.Join(" or -", parameters)}.", parameters);

        /// <summary>What a person must do for a check no API fixes.</summary>
        public static string ManualStep(string checkId) =>
            RepairCatalog.ManualSteps.TryGetValue(checkId, out var step)
                ? step
                : AssessmentCatalog.All.First(c => string.Equals(c.Id, checkId, StringComparison.OrdinalIgnoreCase)).Remediation;
    }
}
