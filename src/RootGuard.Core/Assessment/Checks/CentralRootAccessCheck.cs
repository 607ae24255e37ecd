using System;
using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Assessment.Evidence;

namespace RootGuard.Core.Assessment.Checks
{
    /// <summary>RG.ROOT.8: the organization manages root credentials centrally (CIS v7 2.1.1).</summary>
    public sealed class CentralRootAccessCheck : RootCheck
    {
        public const string RootCredentialsManagement = "RootCredentialsManagement";
        public const string RootSessions = "RootSessions";

        public override string Id => "RG.ROOT.8";
        public override string Title => "Organization manages root credentials centrally";
        public override FindingSeverity Severity => FindingSeverity.Medium;
        public override IReadOnlyList<string> Compliance { get; } = new[] { "CIS v7 2.1.1" };
        public override string Remediation =>
            "In the management account: aws organizations enable-aws-service-access --service-principal iam.amazonaws.com, then aws iam enable-organizations-root-credentials-management and aws iam enable-organizations-root-sessions (IAM console > Root access management). Enabling it does not delete existing root credentials: remove them per account.";
        public override EvidenceSources Sources => EvidenceSources.Organization | EvidenceSources.OrganizationsFeatures;
        public override IReadOnlyList<string> RequiredActions { get; } = new[] { "organizations:DescribeOrganization", "iam:ListOrganizationsFeatures" };

        public override CheckResult Evaluate(AssessmentEvidence evidence, AssessmentContext context)
        {
            var region = context.HomeRegion;
            var organization = Require(evidence.Organization, nameof(evidence.Organization));
            var features = Require(evidence.OrganizationsFeatures, nameof(evidence.OrganizationsFeatures));
            if (!organization.Succeeded) return ErrorFrom(organization.Failure!, "the account's organization", region);
            var org = organization.Value;
            if (org == null)
                return Result(FindingStatus.NotApplicable, region,
                    "The account is not in an AWS Organization, so root credentials cannot be managed centrally; the per-account root checks apply instead.",
                    ("InOrganization", false));

            var isManagement = string.Equals(org.MasterAccountId, context.AccountId, StringComparison.Ordinal);
            var orgFacts = new List<(string, object?)>
            {
                ("InOrganization", true), ("OrganizationId", org.Id), ("ManagementAccountId", org.MasterAccountId),
                ("IsManagementAccount", isManagement), ("FeatureSet", org.FeatureSet),
            };
            if (string.Equals(org.FeatureSet, "CONSOLIDATED_BILLING", StringComparison.OrdinalIgnoreCase))
                return Result(FindingStatus.Fail, region,
                    $"Organization {org.Id} uses consolidated billing only; centralized root access needs all features enabled.", orgFacts.ToArray());

            var memberReason =
                $"This is a member account of organization {org.Id}; only the management account ({org.MasterAccountId}) or a delegated administrator can read whether root access is managed centrally. Run this check there.";
            if (!features.Succeeded)
            {
                // A member account cannot read the organization's features: that is the expected answer, not a finding.
                if (features.Failure!.AccessDenied && !isManagement)
                    return Result(FindingStatus.NotApplicable, region, memberReason, orgFacts.ToArray());
                return ErrorFrom(features.Failure!, "the organization's root access features", region, orgFacts.ToArray());
            }

            var fact = features.Value!;
            switch (fact.OrganizationErrorCode)
            {
                case null:
                    break;
                case "AccountNotManagementOrDelegatedAdministratorException":
                    return Result(FindingStatus.NotApplicable, region, memberReason, orgFacts.ToArray());
                case "ServiceAccessNotEnabledException":
                    return Result(FindingStatus.Fail, region,
                        $"Organization {org.Id} has not enabled trusted access for IAM, so root credentials are not managed centrally.", orgFacts.ToArray());
                case "OrganizationNotInAllFeaturesModeException":
                    return Result(FindingStatus.Fail, region,
                        $"Organization {org.Id} does not have all features enabled, which centralized root access needs.", orgFacts.ToArray());
                default:
                    return Result(FindingStatus.Warning, region,
                        $"IAM answered {fact.OrganizationErrorCode} when asked for the organization's root access features, although the account is in organization {org.Id}.", orgFacts.ToArray());
            }

            var enabled = fact.EnabledFeatures;
            orgFacts.Add(("EnabledFeatures", enabled.ToArray()));
            var credentials = enabled.Contains(RootCredentialsManagement);
            var sessions = enabled.Contains(RootSessions);
            if (credentials && sessions)
                return Result(FindingStatus.Pass, region,
                    $"Organization {org.Id} manages root credentials centrally ({RootCredentialsManagement}) and allows privileged root sessions ({RootSessions}).", orgFacts.ToArray());
            if (credentials)
                return Result(FindingStatus.Warning, region,
                    $"Organization {org.Id} manages root credentials centrally, but {RootSessions} is off, so root-only tasks in member accounts still need root credentials.", orgFacts.ToArray());
            return Result(FindingStatus.Fail, region,
                $"Organization {org.Id} does not manage root credentials centrally ({RootCredentialsManagement} is not enabled" + (sessions ? ")." : $", nor {RootSessions})."),
                orgFacts.ToArray());
        }
    }
}
