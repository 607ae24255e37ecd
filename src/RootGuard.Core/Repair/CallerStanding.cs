using System;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Aws;
using RootGuard.Core.Aws.Organizations.Model;
using RootGuard.Core.Connection;

namespace RootGuard.Core.Repair
{
    /// <summary>Who runs the repair: the caller's account and its organization, read once before anything is planned.</summary>
    public sealed class CallerStanding
    {
        public CallerStanding(string accountId, string partition, string? organizationId, string? managementAccountId, string? featureSet)
        {
            AccountId = accountId ?? throw new ArgumentNullException(nameof(accountId));
            Partition = partition ?? throw new ArgumentNullException(nameof(partition));
            OrganizationId = organizationId;
            ManagementAccountId = managementAccountId;
            FeatureSet = featureSet;
        }

        public string AccountId { get; }
        public string Partition { get; }

        /// <summary>Null when the caller's account is in no organization.</summary>
        public string? OrganizationId { get; }

        public string? ManagementAccountId { get; }

        /// <summary>ALL or CONSOLIDATED_BILLING.</summary>
        public string? FeatureSet { get; }

        public bool InOrganization => OrganizationId != null;

        public bool IsManagementAccount => InOrganization && string.Equals(ManagementAccountId, AccountId, StringComparison.Ordinal);

        public bool IsManagement(string accountId) => InOrganization && string.Equals(ManagementAccountId, accountId, StringComparison.Ordinal);

        /// <summary>sts:GetCallerIdentity and organizations:DescribeOrganization (an account in no organization is an answer, not a failure).</summary>
        public static async Task<CallerStanding> ReadAsync(AwsClientFactory clients, CancellationToken cancellationToken)
        {
            var region = clients.Connection.Region;
            var accountId = await CallerAccount.ReadIdAsync(clients, region, cancellationToken).ConfigureAwait(false);
            Organization? organization;
            try
            {
                organization = (await clients.CreateOrganizations().DescribeOrganizationAsync(new DescribeOrganizationRequest(), cancellationToken).ConfigureAwait(false))
                    .Organization;
            }
            catch (Exception e) when (AwsErrorTranslator.ErrorCodeOf(e) == "AWSOrganizationsNotInUseException")
            {
                organization = null;
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                throw AwsErrorTranslator.Translate(e, new[] { "organizations:DescribeOrganization" });
            }

            return new CallerStanding(accountId, clients.Connection.Partition, organization?.Id, organization?.MasterAccountId, organization?.FeatureSet);
        }
    }
}
