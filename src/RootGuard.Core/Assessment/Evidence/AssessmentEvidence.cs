using System.Collections.Generic;
using RootGuard.Core.Aws.Account.Model;
using RootGuard.Core.Aws.Iam.Model;
using RootGuard.Core.Aws.Organizations.Model;

namespace RootGuard.Core.Assessment.Evidence
{
    /// <summary>
    /// Everything the selected checks read from AWS, gathered once and concurrently. A source left null was not
    /// needed by any selected check; a failed source carries the IAM action that failed.
    /// </summary>
    public sealed class AssessmentEvidence
    {
        /// <summary>IAM GetAccountSummary's SummaryMap; a key AWS left out is unknown, not 0.</summary>
        public SourceResult<IReadOnlyDictionary<string, int>>? AccountSummary { get; set; }

        /// <summary>IAM ListVirtualMFADevices (Assigned).</summary>
        public SourceResult<IReadOnlyList<VirtualMFADevice>>? VirtualMfaDevices { get; set; }

        public SourceResult<CredentialReportSnapshot>? CredentialReport { get; set; }

        /// <summary>Account GetAlternateContact SECURITY; a null value means none is registered.</summary>
        public SourceResult<AlternateContact?>? SecurityContact { get; set; }

        /// <summary>Organizations DescribeOrganization; a null value means the account is in no organization.</summary>
        public SourceResult<Organization?>? Organization { get; set; }

        public SourceResult<OrganizationsFeaturesFact>? OrganizationsFeatures { get; set; }

        public SignInMonitorEvidence? SignInMonitor { get; set; }

        public UsageMonitorEvidence? UsageMonitor { get; set; }
    }
}
