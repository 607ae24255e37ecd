using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Assessment.Checks;
using RootGuard.Core.Aws;
using RootGuard.Core.Aws.Iam.Model;
using RootGuard.Core.Aws.Organizations;
using RootGuard.Core.Aws.Organizations.Model;
using RootGuard.Core.Planning;

namespace RootGuard.Core.Repair
{
    /// <summary>
    /// RG.ROOT.8's fix, in the management account: trusted access for IAM in Organizations, then IAM's two organization
    /// root features. Each is read first and turned on only when off, so a second run changes nothing.
    /// </summary>
    public sealed class CentralRootAccessPlanner
    {
        public const string IamServicePrincipal = "iam.amazonaws.com";
        public const string TrustedAccessResourceType = "Organizations trusted access";
        public const string FeatureResourceType = "IAM organization root feature";

        /// <summary>The IAM actions this fix needs (reads and changes).</summary>
        public static IReadOnlyList<string> Permissions { get; } = new[]
        {
            "organizations:DescribeOrganization", "organizations:ListAWSServiceAccessForOrganization", "organizations:EnableAWSServiceAccess",
            "iam:ListOrganizationsFeatures", "iam:EnableOrganizationsRootCredentialsManagement", "iam:EnableOrganizationsRootSessions",
        };

        private readonly AwsClientFactory clients;

        public CentralRootAccessPlanner(AwsClientFactory clients) => this.clients = clients ?? throw new ArgumentNullException(nameof(clients));

        public async Task<FixPlan> PlanAsync(CallerStanding caller, CancellationToken cancellationToken)
        {
            if (!caller.IsManagementAccount)
                throw new RootGuardException(ErrorIds.NotManagementAccount, FailureKind.InvalidOperation,
                    $"Centralized root access is turned on from the organization's management account; the caller is in account {caller.AccountId}.",
                    "Run Repair-RootAccountSecurity with credentials of the management account.", caller.AccountId);
            if (!string.Equals(caller.FeatureSet, "ALL", StringComparison.OrdinalIgnoreCase))
                throw new RootGuardException(ErrorIds.AllFeaturesRequired, FailureKind.InvalidOperation,
                    $"Organization {caller.OrganizationId} uses consolidated billing only; centralized root access needs all features enabled.",
                    "Enable all features in the Organizations console (every member account must accept), then run the repair again.", caller.AccountId);

            var organizations = clients.CreateOrganizations();
            var iam = clients.CreateIam();
            var trusted = await Read(() => organizations.ListAWSServiceAccessForOrganizationAllAsync(null, cancellationToken),
                "organizations:ListAWSServiceAccessForOrganization").ConfigureAwait(false);
            var enabled = await ReadFeaturesAsync(iam, cancellationToken).ConfigureAwait(false);

            var changes = new List<PlannedChange>();
            changes.Add(trusted.Any(s => s.ServicePrincipal == IamServicePrincipal)
                ? new PlannedChange(TrustedAccessResourceType, IamServicePrincipal, ChangeAction.Unchanged, "Trusted access for IAM is on")
                : new PlannedChange(TrustedAccessResourceType, IamServicePrincipal, ChangeAction.Create, "Turn on trusted access for IAM in Organizations",
                    ct => organizations.EnableAWSServiceAccessAsync(new EnableAWSServiceAccessRequest { ServicePrincipal = IamServicePrincipal }, ct),
                    null, "organizations:EnableAWSServiceAccess"));
            changes.Add(Feature(enabled, CentralRootAccessCheck.RootCredentialsManagement, "Turn on root credentials management for member accounts",
                ct => iam.EnableOrganizationsRootCredentialsManagementAsync(new EnableOrganizationsRootCredentialsManagementRequest(), ct),
                "iam:EnableOrganizationsRootCredentialsManagement"));
            changes.Add(Feature(enabled, CentralRootAccessCheck.RootSessions, "Turn on privileged root sessions (sts:AssumeRoot) in member accounts",
                ct => iam.EnableOrganizationsRootSessionsAsync(new EnableOrganizationsRootSessionsRequest(), ct),
                "iam:EnableOrganizationsRootSessions"));
            return new FixPlan(caller.AccountId, RootFix.CentralRootAccess, changes, new[]
            {
                "Centralized root access does not delete existing root credentials: the RootCredentials fix removes them per member account.",
            });
        }

        /// <summary>
        /// The organization's enabled root features. While trusted access for IAM is off, IAM answers
        /// ServiceAccessNotEnabledException: that means none is on, not a failure.
        /// </summary>
        public static async Task<IReadOnlyList<string>> ReadFeaturesAsync(Aws.Iam.IIamClient iam, CancellationToken cancellationToken)
        {
            try
            {
                return (await iam.ListOrganizationsFeaturesAsync(new ListOrganizationsFeaturesRequest(), cancellationToken).ConfigureAwait(false)).EnabledFeatures;
            }
            catch (Exception e) when (AwsErrorTranslator.ErrorCodeOf(e) == "ServiceAccessNotEnabledException")
            {
                return Array.Empty<string>();
            }
            catch (Exception e) when (AwsErrorTranslator.ErrorCodeOf(e) == "AccountNotManagementOrDelegatedAdministratorException")
            {
                throw new RootGuardException(ErrorIds.NotManagementAccount, FailureKind.InvalidOperation,
                    "IAM answered that the caller is neither the organization's management account nor a delegated administrator for IAM.",
                    "Run Repair-RootAccountSecurity with credentials of the management account.", null, e);
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                throw AwsErrorTranslator.Translate(e, new[] { "iam:ListOrganizationsFeatures" });
            }
        }

        private static PlannedChange Feature(IReadOnlyList<string> enabled, string feature, string description,
            Func<CancellationToken, Task> enable, string permission) =>
            enabled.Contains(feature)
                ? new PlannedChange(FeatureResourceType, feature, ChangeAction.Unchanged, feature + " is on")
                : new PlannedChange(FeatureResourceType, feature, ChangeAction.Create, description, enable, null, permission);

        private static async Task<T> Read<T>(Func<Task<T>> read, string permission)
        {
            try
            {
                return await read().ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                throw AwsErrorTranslator.Translate(e, new[] { permission });
            }
        }
    }
}
