using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using RootGuard.Core.Assessment;
using RootGuard.Core.Assessment.Checks;
using RootGuard.Core.Assessment.Evidence;
using Organization = RootGuard.Core.Aws.Organizations.Model.Organization;
using Xunit;
using static RootGuard.Core.Tests.Assessment.Facts;

namespace RootGuard.Core.Tests.Assessment
{
    public sealed class CatalogAndOrganizationTests
    {
        [Fact]
        public void The_checks_have_the_documented_ids_and_compliance_references()
        {
            var expected = new[]
            {
                ("RG.ROOT.1", new[] { "CIS 1.4", "FSBP IAM.4" }),
                ("RG.ROOT.2", new[] { "CIS 1.5", "FSBP IAM.9" }),
                ("RG.ROOT.3", new[] { "CIS 1.6", "FSBP IAM.6" }),
                ("RG.ROOT.4", new[] { "CIS 1.7" }),
                ("RG.ROOT.5", Array.Empty<string>()),
                ("RG.ROOT.6", new[] { "CIS 4.3 (v1.4/v3.0; 3.3 in v1.2)", "FSBP CloudWatch.1" }),
                ("RG.ROOT.7", new[] { "CIS 1.2", "FSBP Account.1" }),
                ("RG.ROOT.8", new[] { "CIS v7 2.1.1" }),
            };
            Assert.Equal(expected.Select(e => e.Item1), AssessmentCatalog.Ids);
            foreach (var (id, refs) in expected) Assert.Equal(refs, AssessmentCatalog.All.Single(c => c.Id == id).Compliance);
        }

        [Fact]
        public void The_monitor_checks_name_the_RootGuard_command_that_fixes_them()
        {
            Assert.Contains("New-RootSignInAlert", new RootSignInAlertCheck().Remediation);
            Assert.Contains("New-RootUsageAlarm", new RootUsageAlarmCheck().Remediation);
        }

        [Fact]
        public void Selecting_an_unknown_id_is_refused_and_ids_are_case_insensitive()
        {
            Assert.Throws<ArgumentException>(() => AssessmentCatalog.Select(new[] { "RG.ROOT.9" }, null));
            Assert.Equal(new[] { "RG.ROOT.1" }, AssessmentCatalog.Select(new[] { "rg.root.1", "RG.ROOT.2" }, new[] { "rg.root.2" }).Select(c => c.Id));
        }

        [Fact]
        public void Every_IAM_action_a_check_needs_is_in_the_assessment_policy()
        {
            using var policy = JsonDocument.Parse(AssessmentPermissions.PolicyJson);
            var allowed = policy.RootElement.GetProperty("Statement").EnumerateArray()
                .SelectMany(s => s.GetProperty("Action").EnumerateArray()).Select(a => a.GetString()).ToHashSet();
            var needed = AssessmentCatalog.All.SelectMany(c => c.RequiredActions).Distinct().ToList();
            Assert.All(needed, action => Assert.Contains(action, allowed));
            Assert.Equal(needed.OrderBy(a => a, StringComparer.Ordinal), allowed.OrderBy(a => a, StringComparer.Ordinal));
            Assert.Equal(allowed.OrderBy(a => a, StringComparer.Ordinal), AssessmentPermissions.Actions);
        }

        [Fact]
        public void The_documented_policy_file_is_the_policy_in_Core()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "RootGuard.PowerShell.sln"))) dir = dir.Parent;
            Assert.NotNull(dir);
            Assert.Equal(AssessmentPermissions.PolicyJson.Replace("\r\n", "\n"), File.ReadAllText(Path.Combine(dir!.FullName, "docs", "iam-assessment-policy.json")).Replace("\r\n", "\n"));
        }

        [Fact]
        public void Failures_sort_first_then_the_most_severe()
        {
            var context = Context();
            var results = CheckResult.Order(new[]
            {
                new NoRootAccessKeysCheck().Evaluate(new AssessmentEvidence { AccountSummary = Summary() }, context),
                new SecurityContactCheck().Evaluate(new AssessmentEvidence { SecurityContact = Ok<RootGuard.Core.Aws.Account.Model.AlternateContact?>(null) }, context),
                new RootMfaEnabledCheck().Evaluate(new AssessmentEvidence { AccountSummary = Summary(mfa: 0) }, context),
            });
            Assert.Equal(new[] { "RG.ROOT.2", "RG.ROOT.7", "RG.ROOT.1" }, results.Select(r => r.CheckId));
        }

        private static CheckResult Org(Organization? org, OrganizationsFeaturesFact? features = null, bool featuresDenied = false) =>
            new CentralRootAccessCheck().Evaluate(new AssessmentEvidence
            {
                Organization = Ok(org),
                OrganizationsFeatures = featuresDenied
                    ? Denied<OrganizationsFeaturesFact>("iam:ListOrganizationsFeatures")
                    : Ok(features ?? new OrganizationsFeaturesFact(new[] { "RootCredentialsManagement", "RootSessions" })),
            }, Context());

        private static Organization Organization(string management = Account, string featureSet = "ALL") =>
            new Organization { Id = "o-abc", MasterAccountId = management, FeatureSet = featureSet };

        [Fact]
        public void RG_ROOT_8_cases()
        {
            Assert.Equal(FindingStatus.Pass, Org(Organization()).Status);
            Assert.Equal(FindingStatus.NotApplicable, Org(null).Status);
            Assert.Equal(FindingStatus.Fail, Org(Organization(featureSet: "CONSOLIDATED_BILLING")).Status);
            Assert.Equal(FindingStatus.Warning, Org(Organization(), new OrganizationsFeaturesFact(new[] { "RootCredentialsManagement" })).Status);
            Assert.Equal(FindingStatus.Fail, Org(Organization(), new OrganizationsFeaturesFact(new[] { "RootSessions" })).Status);
            Assert.Equal(FindingStatus.Fail, Org(Organization(), new OrganizationsFeaturesFact(Array.Empty<string>(), "ServiceAccessNotEnabledException")).Status);
            Assert.Equal(FindingStatus.NotApplicable, Org(Organization("111111111111"), featuresDenied: true).Status);
            Assert.Equal(FindingStatus.Error, Org(Organization(), featuresDenied: true).Status);
        }
    }
}

namespace RootGuard.Core.Tests.Assessment
{
    public sealed class AssessmentDocumentationTests
    {
        [Fact]
        public void The_assessment_page_documents_every_check_and_every_monitor_reason_code()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "RootGuard.PowerShell.sln"))) dir = dir.Parent;
            var page = File.ReadAllText(Path.Combine(dir!.FullName, "docs", "assessment.md"));
            Assert.All(AssessmentCatalog.All, c => Assert.Contains($"| {c.Id} | {c.Title} | {c.Severity} |", page));
            var codes = RootUsageAlarmCheck.ReasonCodes.Concat(RootUsageAlarmCheck.WarningCodes)
                .Concat(RootSignInAlertCheck.ReasonCodes).Concat(RootSignInAlertCheck.WarningCodes);
            // Each code has its own row: what is judged, and from which AWS documentation.
            Assert.All(codes, code => Assert.Contains($"| `{code}` |", page));
        }
    }
}
