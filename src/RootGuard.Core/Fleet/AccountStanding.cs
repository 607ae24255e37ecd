using System;
using System.Linq;
using RootGuard.Core.Assessment;
using RootGuard.Core.Assessment.Checks;

namespace RootGuard.Core.Fleet
{
    /// <summary>
    /// An account's place in its organization, beside its findings: management account or member, and whether root
    /// credentials are managed centrally there. Null means not known (the facts were not read, or could not be).
    /// </summary>
    public sealed class AccountStanding
    {
        public static readonly AccountStanding Unknown = new AccountStanding(null, null);

        public AccountStanding(bool? isManagementAccount, bool? rootCredentialsCentrallyManaged)
        {
            IsManagementAccount = isManagementAccount;
            RootCredentialsCentrallyManaged = rootCredentialsCentrallyManaged;
        }

        /// <summary>True for the organization's management account, false for a member or an account in no organization.</summary>
        public bool? IsManagementAccount { get; }

        /// <summary>True when the account's organization has RootCredentialsManagement enabled (RG.ROOT.8's evidence).</summary>
        public bool? RootCredentialsCentrallyManaged { get; }

        /// <summary>
        /// From the account's own evidence (RG.ROOT.8's reads: DescribeOrganization and ListOrganizationsFeatures) first;
        /// what the account cannot read about itself (a member cannot read its organization's features) from the roster the
        /// caller read, when the account is in the caller's organization.
        /// </summary>
        public static AccountStanding From(AssessmentReport report, OrganizationRoster? roster = null)
        {
            if (report == null) throw new ArgumentNullException(nameof(report));
            var accountId = report.Context.AccountId;
            bool? isManagement = null;
            bool? central = null;
            string? organizationId = null;

            var organization = report.Evidence?.Organization;
            if (organization != null && organization.Succeeded)
            {
                var org = organization.Value;
                if (org == null)
                {
                    // In no organization: neither a management account nor centrally managed.
                    return new AccountStanding(false, false);
                }

                organizationId = org.Id;
                isManagement = string.Equals(org.MasterAccountId, accountId, StringComparison.Ordinal);
                if (string.Equals(org.FeatureSet, "CONSOLIDATED_BILLING", StringComparison.OrdinalIgnoreCase))
                {
                    central = false;
                }
            }

            var features = report.Evidence?.OrganizationsFeatures;
            if (central == null && features != null && features.Succeeded)
            {
                central = features.Value!.OrganizationErrorCode switch
                {
                    null => features.Value.EnabledFeatures.Contains(CentralRootAccessCheck.RootCredentialsManagement),
                    "ServiceAccessNotEnabledException" => false,
                    "OrganizationNotInAllFeaturesModeException" => false,
                    _ => null,
                };
            }

            var sameOrganization = roster != null && roster.OrganizationId != null
                && (organizationId == null || string.Equals(organizationId, roster.OrganizationId, StringComparison.Ordinal));
            if (sameOrganization)
            {
                isManagement ??= roster!.ManagementAccountId == null ? (bool?)null : string.Equals(roster.ManagementAccountId, accountId, StringComparison.Ordinal);
                central ??= roster!.RootCredentialsCentrallyManaged;
            }

            return new AccountStanding(isManagement, central);
        }

        /// <summary>From the roster alone, for an account that could not be assessed.</summary>
        public static AccountStanding From(string accountId, OrganizationRoster? roster) =>
            roster?.ManagementAccountId == null
                ? Unknown
                : new AccountStanding(string.Equals(roster.ManagementAccountId, accountId, StringComparison.Ordinal), roster.RootCredentialsCentrallyManaged);
    }
}
