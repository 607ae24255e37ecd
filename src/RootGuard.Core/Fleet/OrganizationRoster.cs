using System.Collections.Generic;

namespace RootGuard.Core.Fleet
{
    /// <summary>
    /// What the caller's own credentials say about the fleet, read once before any account is assessed: who the caller
    /// is, the organization's management account, whether the organization manages root credentials centrally (an
    /// organization-wide setting that member accounts cannot read themselves) and, for -Organization, its active accounts.
    /// </summary>
    public sealed class OrganizationRoster
    {
        public OrganizationRoster(string callerAccountId, string? organizationId, string? managementAccountId,
            bool? rootCredentialsCentrallyManaged, IReadOnlyList<FleetAccount> accounts)
        {
            CallerAccountId = callerAccountId;
            OrganizationId = organizationId;
            ManagementAccountId = managementAccountId;
            RootCredentialsCentrallyManaged = rootCredentialsCentrallyManaged;
            Accounts = accounts;
        }

        /// <summary>The account of the caller's credentials: assessed with those credentials, never through a role.</summary>
        public string CallerAccountId { get; }

        /// <summary>The caller's organization, or null when it is in none (or DescribeOrganization was denied).</summary>
        public string? OrganizationId { get; }

        public string? ManagementAccountId { get; }

        /// <summary>
        /// True when the organization has RootCredentialsManagement enabled, false when it has not (or cannot: no trusted
        /// access for IAM, or consolidated billing only), null when the caller could not read it.
        /// </summary>
        public bool? RootCredentialsCentrallyManaged { get; }

        /// <summary>The organization's ACTIVE accounts, management account first; empty unless they were listed.</summary>
        public IReadOnlyList<FleetAccount> Accounts { get; }
    }
}
