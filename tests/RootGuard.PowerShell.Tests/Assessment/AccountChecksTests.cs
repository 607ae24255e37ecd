using System.Net;
using RootGuard.PowerShell.Tests.Harness;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.PowerShell.Tests.Assessment
{
    /// <summary>RG.ROOT.7 and RG.ROOT.8: the security contact and centralized root access.</summary>
    [Collection(ModuleBackendCollection.Name)]
    public sealed class AccountChecksTests : AssessmentTestBase
    {
        public AccountChecksTests(ModuleBackend backend) : base(backend)
        {
            AssessmentScenario.StubRootFacts(backend);
        }

        [Fact]
        public void A_registered_security_contact_passes_RG_ROOT_7()
        {
            var finding = Finding("RG.ROOT.7");
            Assert.Equal("Pass", Status(finding));
            Assert.Contains("security@example.com", Reason(finding));
            Assert.Equal(new[] { "CIS 1.2", "FSBP Account.1" }, (string[])finding.Properties["Compliance"].Value);
        }

        [Fact]
        public void No_security_contact_fails_RG_ROOT_7()
        {
            Backend.Handler.Stub("account", "GetAlternateContact", RootFactStubs.AlternateContactNotFound());
            var finding = Finding("RG.ROOT.7");
            Assert.Equal("Fail", Status(finding));
            Assert.Contains("No security alternate contact", Reason(finding));
        }

        [Fact]
        public void A_denied_contact_read_makes_RG_ROOT_7_Error()
        {
            Backend.Handler.On("account", "GetAlternateContact").Fail("AccessDeniedException", HttpStatusCode.Forbidden);
            AssertError(Finding("RG.ROOT.7"), "account:GetAlternateContact");
        }

        [Fact]
        public void Centralized_root_access_in_the_management_account_passes_RG_ROOT_8()
        {
            var finding = Finding("RG.ROOT.8");
            Assert.Equal("Pass", Status(finding));
            Assert.Equal(true, Evidence(finding, "IsManagementAccount"));
        }

        [Fact]
        public void An_organization_without_root_credentials_management_fails_RG_ROOT_8()
        {
            Backend.Handler.Stub("iam", "ListOrganizationsFeatures", RootFactStubs.OrganizationsFeatures("o-exampleorg1"));
            var finding = Finding("RG.ROOT.8");
            Assert.Equal("Fail", Status(finding));
            Assert.Contains("RootCredentialsManagement is not enabled", Reason(finding));
        }

        [Fact]
        public void A_member_account_that_cannot_read_the_features_is_not_applicable_not_failed()
        {
            Backend.Handler.Stub("organizations", "DescribeOrganization", RootFactStubs.Organization(managementAccountId: "111111111111"));
            Backend.Handler.Stub("iam", "ListOrganizationsFeatures", RootFactStubs.OrganizationsFeaturesError("AccessDenied"));
            var finding = Finding("RG.ROOT.8");
            Assert.Equal("NotApplicable", Status(finding));
            Assert.Contains("member account", Reason(finding));
            Assert.Contains("111111111111", Reason(finding));
        }

        [Fact]
        public void A_member_account_told_it_is_not_the_management_account_is_not_applicable()
        {
            Backend.Handler.Stub("organizations", "DescribeOrganization", RootFactStubs.Organization(managementAccountId: "111111111111"));
            Backend.Handler.Stub("iam", "ListOrganizationsFeatures", RootFactStubs.OrganizationsFeaturesError("AccountNotManagementOrDelegatedAdministratorException"));
            Assert.Equal("NotApplicable", Status(Finding("RG.ROOT.8")));
        }

        [Fact]
        public void An_account_in_no_organization_is_not_applicable_for_RG_ROOT_8()
        {
            Backend.Handler.Stub("organizations", "DescribeOrganization", RootFactStubs.NotInOrganization());
            var finding = Finding("RG.ROOT.8");
            Assert.Equal("NotApplicable", Status(finding));
            Assert.Contains("not in an AWS Organization", Reason(finding));
        }

        [Fact]
        public void A_denied_DescribeOrganization_makes_RG_ROOT_8_Error()
        {
            Backend.Handler.On("organizations", "DescribeOrganization").Fail("AccessDeniedException", HttpStatusCode.BadRequest);
            AssertError(Finding("RG.ROOT.8"), "organizations:DescribeOrganization");
        }

        [Fact]
        public void The_management_account_denied_the_features_is_an_Error_naming_the_permission()
        {
            Backend.Handler.Stub("iam", "ListOrganizationsFeatures", RootFactStubs.OrganizationsFeaturesError("AccessDenied"));
            AssertError(Finding("RG.ROOT.8"), "iam:ListOrganizationsFeatures");
        }
    }
}
