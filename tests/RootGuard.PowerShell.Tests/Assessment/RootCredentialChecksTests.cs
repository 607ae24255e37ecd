using System;
using System.Linq;
using System.Net;
using RootGuard.PowerShell.Tests.Harness;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.PowerShell.Tests.Assessment
{
    /// <summary>RG.ROOT.1 to RG.ROOT.4: the root user's own credentials and use.</summary>
    [Collection(ModuleBackendCollection.Name)]
    public sealed class RootCredentialChecksTests : AssessmentTestBase
    {
        private const string RootMfaSerial = "arn:aws:iam::123456789012:mfa/root-account-mfa-device";

        public RootCredentialChecksTests(ModuleBackend backend) : base(backend)
        {
            AssessmentScenario.StubRootFacts(backend);
        }

        [Fact]
        public void Root_access_keys_fail_RG_ROOT_1()
        {
            Backend.Handler.Stub("iam", "GetAccountSummary", RootFactStubs.AccountSummary(accessKeysPresent: true));
            var finding = Finding("RG.ROOT.1");
            Assert.Equal("Fail", Status(finding));
            Assert.Contains("AccountAccessKeysPresent is 1", Reason(finding));
            Assert.Equal(new[] { "CIS 1.4", "FSBP IAM.4" }, (string[])finding.Properties["Compliance"].Value);
            Assert.Equal("Critical", finding.Properties["Severity"].Value.ToString());
            Assert.Equal(AssessmentScenario.AccountId, finding.Properties["AccountId"].Value);
        }

        [Fact]
        public void No_root_access_keys_pass_RG_ROOT_1()
        {
            var finding = Finding("RG.ROOT.1");
            Assert.Equal("Pass", Status(finding));
            Assert.Equal(0, Evidence(finding, "AccountAccessKeysPresent"));
        }

        [Fact]
        public void A_denied_account_summary_makes_only_the_checks_that_need_it_Error_naming_the_permission()
        {
            Backend.Handler.On("iam", "GetAccountSummary").Fail("AccessDenied", HttpStatusCode.Forbidden, "not authorized to perform: iam:GetAccountSummary");
            var result = Assess("-CheckId RG.ROOT.1, RG.ROOT.2, RG.ROOT.3, RG.ROOT.7");
            Assert.Empty(result.Errors);
            var findings = ById(result);
            foreach (var id in new[] { "RG.ROOT.1", "RG.ROOT.2", "RG.ROOT.3" }) AssertError(findings[id], "iam:GetAccountSummary");
            Assert.Equal("Pass", Status(findings["RG.ROOT.7"]));
        }

        [Fact]
        public void Root_without_MFA_fails_RG_ROOT_2_and_RG_ROOT_3()
        {
            Backend.Handler.Stub("iam", "GetAccountSummary", RootFactStubs.AccountSummary(mfaEnabled: false));
            var findings = ById(Assess("-CheckId RG.ROOT.2, RG.ROOT.3"));
            Assert.Equal("Fail", Status(findings["RG.ROOT.2"]));
            Assert.Contains("AccountMFAEnabled is 0", Reason(findings["RG.ROOT.2"]));
            Assert.Equal("Fail", Status(findings["RG.ROOT.3"]));
            Assert.Contains("no MFA device at all", Reason(findings["RG.ROOT.3"]));
        }

        [Fact]
        public void A_root_user_without_any_credentials_passes_RG_ROOT_1_and_makes_MFA_not_applicable()
        {
            Backend.Handler.Stub("iam", "GetAccountSummary",
                RootFactStubs.AccountSummary(mfaEnabled: false, accessKeysPresent: false, passwordPresent: false, signingCertificatesPresent: false));
            var findings = ById(Assess("-CheckId RG.ROOT.1, RG.ROOT.2, RG.ROOT.3"));
            Assert.Equal("Pass", Status(findings["RG.ROOT.1"]));
            Assert.Equal("NotApplicable", Status(findings["RG.ROOT.2"]));
            Assert.Equal("NotApplicable", Status(findings["RG.ROOT.3"]));
            Assert.All(findings.Values, f => Assert.Contains("no credentials at all", Reason(f)));
        }

        [Fact]
        public void A_summary_key_left_out_is_unknown_and_excuses_nothing()
        {
            Backend.Handler.Stub("iam", "GetAccountSummary",
                RootFactStubs.AccountSummary(mfaEnabled: null, accessKeysPresent: false, passwordPresent: false, signingCertificatesPresent: false));
            var findings = ById(Assess("-CheckId RG.ROOT.2, RG.ROOT.3"));
            Assert.Equal("Warning", Status(findings["RG.ROOT.2"]));
            Assert.Contains("did not report AccountMFAEnabled", Reason(findings["RG.ROOT.2"]));
            Assert.Equal("Warning", Status(findings["RG.ROOT.3"]));
        }

        [Fact]
        public void A_virtual_MFA_device_on_root_fails_RG_ROOT_3()
        {
            Backend.Handler.Stub("iam", "ListVirtualMFADevices", StubResponse.QueryResult("iam", "ListVirtualMFADevices",
                $"<VirtualMFADevices><member><SerialNumber>{RootMfaSerial}</SerialNumber><User><Arn>arn:aws:iam::123456789012:root</Arn>" +
                "<UserId>123456789012</UserId><UserName></UserName><Path>/</Path><CreateDate>2020-01-01T00:00:00Z</CreateDate></User>" +
                "<EnableDate>2020-01-02T00:00:00Z</EnableDate></member></VirtualMFADevices><IsTruncated>false</IsTruncated>"));
            var finding = Finding("RG.ROOT.3");
            Assert.Equal("Fail", Status(finding));
            Assert.Contains(RootMfaSerial, Reason(finding));
        }

        [Fact]
        public void A_virtual_MFA_device_of_an_IAM_user_named_rootadmin_is_not_taken_for_root()
        {
            Backend.Seeder.RunBoto3("""
iam = client("iam")
iam.create_user(UserName="rootadmin")
d = iam.create_virtual_mfa_device(VirtualMFADeviceName="rootadmin")["VirtualMFADevice"]
iam.enable_mfa_device(UserName="rootadmin", SerialNumber=d["SerialNumber"], AuthenticationCode1="123456", AuthenticationCode2="654321")
""");
            var finding = Finding("RG.ROOT.3");
            Assert.Equal("Pass", Status(finding));
            Assert.Equal(1, Evidence(finding, "AssignedVirtualMfaDevices"));
        }

        [Fact]
        public void A_denied_virtual_MFA_listing_makes_RG_ROOT_3_Error()
        {
            Backend.Handler.On("iam", "ListVirtualMFADevices").Fail("AccessDenied", HttpStatusCode.Forbidden);
            AssertError(Finding("RG.ROOT.3"), "iam:ListVirtualMFADevices");
        }

        [Fact]
        public void Root_used_recently_by_its_second_access_key_fails_RG_ROOT_4_though_the_password_is_old()
        {
            Backend.Handler.Stub("iam", "GetCredentialReport", RootFactStubs.CredentialReport(new CredentialReportRootRow
            {
                PasswordLastUsed = DateTimeOffset.UtcNow.AddDays(-400),
                AccessKey1Active = true,
                AccessKey1LastUsedDate = DateTimeOffset.UtcNow.AddDays(-300),
                AccessKey2Active = true,
                AccessKey2LastUsedDate = DateTimeOffset.UtcNow.AddDays(-10),
            }));
            var finding = Finding("RG.ROOT.4");
            Assert.Equal("Fail", Status(finding));
            Assert.Contains("access key 2", Reason(finding));
            Assert.Contains("10 day(s) ago", Reason(finding));
        }

        [Fact]
        public void Root_used_long_ago_passes_RG_ROOT_4_and_a_shorter_window_is_honoured()
        {
            Backend.Handler.Stub("iam", "GetCredentialReport",
                RootFactStubs.CredentialReport(new CredentialReportRootRow { PasswordLastUsed = DateTimeOffset.UtcNow.AddDays(-45) }));
            Assert.Equal("Fail", Status(Finding("RG.ROOT.4")));
            var finding = Assert.Single(Assess("-CheckId RG.ROOT.4 -UsageWindowDays 30").Output);
            Assert.Equal("Pass", Status(finding));
            Assert.Contains("not within the last 30 days", Reason(finding));
        }

        [Fact]
        public void A_credential_report_without_a_root_row_is_no_evidence_and_never_a_pass()
        {
            Backend.Handler.Stub("iam", "GetCredentialReport", RootFactStubs.CredentialReport(null, "alice"));
            var finding = Finding("RG.ROOT.4");
            Assert.Equal("Warning", Status(finding));
            Assert.Contains("no <root_account> row", Reason(finding));
        }

        [Fact]
        public void A_denied_credential_report_makes_RG_ROOT_4_Error()
        {
            Backend.Handler.On("iam", "GetCredentialReport").Fail("AccessDenied", HttpStatusCode.Forbidden);
            AssertError(Finding("RG.ROOT.4"), "iam:GetCredentialReport");
        }

        [Fact]
        public void A_fresh_credential_report_is_reused_without_generating_one()
        {
            Finding("RG.ROOT.4");
            Assert.Empty(Backend.Handler.CallsTo("iam", "GenerateCredentialReport"));
            Assert.Single(Backend.Handler.CallsTo("iam", "GetCredentialReport"));
        }

        [Fact]
        public void A_missing_credential_report_is_generated_and_polled_until_complete()
        {
            var gets = 0;
            Backend.Handler.Stub("iam", "GetCredentialReport", _ => ++gets == 1
                ? StubResponse.Error("ReportNotPresent", HttpStatusCode.Gone, "Credential report not present.")
                : RootFactStubs.CredentialReport(new CredentialReportRootRow()));
            var generates = 0;
            Backend.Handler.Stub("iam", "GenerateCredentialReport", _ => RootFactStubs.GenerateCredentialReport(++generates < 3 ? "STARTED" : "COMPLETE"));
            var finding = Finding("RG.ROOT.4");
            Assert.Equal("Pass", Status(finding));
            Assert.Equal(3, Backend.Handler.CallsTo("iam", "GenerateCredentialReport").Count);
            Assert.Equal(false, Evidence(finding, "ReportReused"));
        }

        [Fact]
        public void The_credential_report_is_not_touched_when_RG_ROOT_4_is_not_selected()
        {
            var result = Assess("-ExcludeCheckId RG.ROOT.4");
            Assert.Empty(result.Errors);
            Assert.Equal(7, result.Output.Count);
            Assert.DoesNotContain(Backend.Handler.Calls, c => c.Operation.Contains("CredentialReport", StringComparison.Ordinal));
        }
    }
}
