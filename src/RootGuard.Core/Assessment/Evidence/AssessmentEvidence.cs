using System;
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

    /// <summary>Who and where the assessment runs, and the clock it judges dates by.</summary>
    public sealed class AssessmentContext
    {
        public AssessmentContext(string accountId, string partition, string region, DateTimeOffset now, int usageWindowDays)
        {
            AccountId = accountId;
            Partition = partition;
            Region = region;
            HomeRegion = Connection.AwsPartitions.HomeRegion(partition);
            Now = now;
            UsageWindowDays = usageWindowDays;
        }

        public string AccountId { get; }
        public string Partition { get; }

        /// <summary>The region the caller asked for: where the usage alarm chain is looked for.</summary>
        public string Region { get; }

        /// <summary>The partition's home region: where IAM, Account and Organizations answer and sign-in events arrive.</summary>
        public string HomeRegion { get; }

        public DateTimeOffset Now { get; }
        public int UsageWindowDays { get; }

        /// <summary>The root user's ARN, compared exactly (a substring match would take an IAM user named "rootadmin" for root).</summary>
        public string RootArn => $"arn:{Partition}:iam::{AccountId}:root";
    }

    /// <summary>IAM ListOrganizationsFeatures: the enabled features, or the organization error AWS answered with.</summary>
    public sealed class OrganizationsFeaturesFact
    {
        public OrganizationsFeaturesFact(IReadOnlyList<string> enabledFeatures, string? organizationErrorCode = null)
        {
            EnabledFeatures = enabledFeatures;
            OrganizationErrorCode = organizationErrorCode;
        }

        public IReadOnlyList<string> EnabledFeatures { get; }

        /// <summary>
        /// An answer that is a fact about the organization rather than a failure to read it:
        /// AccountNotManagementOrDelegatedAdministratorException, ServiceAccessNotEnabledException,
        /// OrganizationNotInAllFeaturesModeException, OrganizationNotFoundException.
        /// </summary>
        public string? OrganizationErrorCode { get; }
    }
}
