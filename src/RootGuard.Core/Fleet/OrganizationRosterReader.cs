using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.SecurityToken.Model;
using RootGuard.Core.Assessment.Checks;
using RootGuard.Core.Aws;
using RootGuard.Core.Aws.Iam.Model;
using RootGuard.Core.Aws.Organizations;
using RootGuard.Core.Aws.Organizations.Model;

namespace RootGuard.Core.Fleet
{
    /// <summary>Reads the <see cref="OrganizationRoster"/> with the caller's own credentials, its calls side by side.</summary>
    public static class OrganizationRosterReader
    {
        /// <summary>
        /// Who the caller is (required: without it nothing can be told apart), its organization and whether root credentials
        /// are managed centrally there (best effort: null when not readable), and with <paramref name="listAccounts"/> every
        /// ACTIVE account (required: the management account or a delegated administrator can list them).
        /// </summary>
        public static async Task<OrganizationRoster> ReadAsync(AwsClientFactory caller, bool listAccounts, CancellationToken cancellationToken)
        {
            if (caller == null) throw new ArgumentNullException(nameof(caller));
            var ct = cancellationToken;
            var identity = caller.CreateSts().GetCallerIdentityAsync(new GetCallerIdentityRequest(), ct);
            var organization = DescribeOrganizationAsync(caller.CreateOrganizations(), required: listAccounts, ct);
            var features = ReadCentralRootManagementAsync(caller, ct);
            var accounts = listAccounts ? ListActiveAccountsAsync(caller.CreateOrganizations(), ct) : Task.FromResult<IReadOnlyList<FleetAccount>>(Array.Empty<FleetAccount>());

            string callerAccountId;
            try
            {
                callerAccountId = (await identity.ConfigureAwait(false)).Account;
            }
            catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
            {
                throw AwsErrorTranslator.Translate(e, new[] { "sts:GetCallerIdentity" });
            }

            var org = await organization.ConfigureAwait(false);
            var listed = await accounts.ConfigureAwait(false);
            var central = org == null ? false : string.Equals(org.FeatureSet, "CONSOLIDATED_BILLING", StringComparison.OrdinalIgnoreCase) ? false : await features.ConfigureAwait(false);

            // The management account first: it is assessed with the caller's own credentials when the caller is it, and
            // its findings (the organization-wide ones) are the ones a reader looks for first.
            var ordered = listed.OrderBy(a => string.Equals(a.Id, org?.MasterAccountId, StringComparison.Ordinal) ? 0 : 1).ToList();
            return new OrganizationRoster(callerAccountId, org?.Id, org?.MasterAccountId, central, ordered);
        }

        /// <summary>ACTIVE in the account's State (or, from older endpoints, Status); suspended, closed and pending accounts cannot be assessed.</summary>
        public static bool IsActive(Account account) =>
            string.Equals(account.State ?? account.Status, "ACTIVE", StringComparison.OrdinalIgnoreCase);

        private static async Task<Organization?> DescribeOrganizationAsync(IOrganizationsClient organizations, bool required, CancellationToken ct)
        {
            try
            {
                return (await organizations.DescribeOrganizationAsync(new DescribeOrganizationRequest(), ct).ConfigureAwait(false)).Organization;
            }
            catch (Exception e) when (AwsErrorTranslator.ErrorCodeOf(e) == "AWSOrganizationsNotInUseException")
            {
                if (required)
                    throw new RootGuardException(ErrorIds.NotInOrganization, FailureKind.InvalidOperation,
                        "-Organization needs an AWS Organization, and the caller's account is in none.",
                        "Run it with credentials of the organization's management account or a delegated administrator, or name the accounts with -AccountId.",
                        null, e) { AwsErrorCode = AwsErrorTranslator.ErrorCodeOf(e) };
                return null;
            }
            catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
            {
                if (required) throw AwsErrorTranslator.Translate(e, new[] { "organizations:DescribeOrganization" });
                return null;
            }
        }

        private static async Task<IReadOnlyList<FleetAccount>> ListActiveAccountsAsync(IOrganizationsClient organizations, CancellationToken ct)
        {
            try
            {
                // 20 is the most a page may hold: fewer round trips for a large organization.
                var accounts = await organizations.ListAccountsAllAsync(new ListAccountsRequest { MaxResults = 20 }, ct).ConfigureAwait(false);
                return accounts.Where(IsActive).Where(a => a.Id != null).Select(a => new FleetAccount(a.Id!, a.Name)).ToList();
            }
            catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
            {
                var translated = AwsErrorTranslator.Translate(e, new[] { "organizations:ListAccounts" });
                if (AwsErrorTranslator.IsAccessDenied(e) || translated.AwsErrorCode == "AWSOrganizationsNotInUseException")
                    throw new RootGuardException(ErrorIds.CannotListAccounts, translated.Kind,
                        "The caller cannot list the organization's accounts: " + translated.Message,
                        "Run -Organization with credentials of the management account or of a delegated administrator for an AWS service (allowed organizations:ListAccounts), or name the accounts with -AccountId.",
                        null, e) { AwsErrorCode = translated.AwsErrorCode, RequestId = translated.RequestId };
                throw translated;
            }
        }

        // Organization-wide, and readable only from the management account or a delegated administrator: a member's
        // own RG.ROOT.8 cannot tell, so the caller's answer is given to every account of the organization.
        private static async Task<bool?> ReadCentralRootManagementAsync(AwsClientFactory caller, CancellationToken ct)
        {
            try
            {
                var answer = await caller.CreateIam().ListOrganizationsFeaturesAsync(new ListOrganizationsFeaturesRequest(), ct).ConfigureAwait(false);
                return answer.EnabledFeatures.Contains(CentralRootAccessCheck.RootCredentialsManagement);
            }
            catch (Exception e) when (AwsErrorTranslator.ErrorCodeOf(e) is "ServiceAccessNotEnabledException" or "OrganizationNotInAllFeaturesModeException")
            {
                return false;
            }
            catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
            {
                return null;
            }
        }
    }
}
