using System;
using System.Collections.Generic;
using RootGuard.Core.Assessment;
using RootGuard.Core.Assessment.Checks;
using RootGuard.Core.Assessment.Evidence;
using RootGuard.Core.Aws.Iam.Model;
using RootGuard.Testing;
using Xunit;
using static RootGuard.Core.Tests.Assessment.Facts;

namespace RootGuard.Core.Tests.Assessment
{
    public sealed class RootCredentialCheckTests
    {
        private static AssessmentEvidence WithSummary(SourceResult<IReadOnlyDictionary<string, int>> summary, params VirtualMFADevice[] devices) => new AssessmentEvidence
        {
            AccountSummary = summary,
            VirtualMfaDevices = Ok<IReadOnlyList<VirtualMFADevice>>(devices),
        };

        [Theory]
        [InlineData(0, FindingStatus.Pass)]
        [InlineData(1, FindingStatus.Fail)]
        [InlineData(null, FindingStatus.Warning)]
        public void RG_ROOT_1_follows_AccountAccessKeysPresent_and_treats_a_missing_key_as_unknown(int? keys, FindingStatus expected) =>
            Assert.Equal(expected, Evaluate(new NoRootAccessKeysCheck(), WithSummary(Summary(keys: keys))).Status);

        [Theory]
        [InlineData(1, FindingStatus.Pass)]
        [InlineData(0, FindingStatus.Fail)]
        [InlineData(null, FindingStatus.Warning)]
        public void RG_ROOT_2_follows_AccountMFAEnabled(int? mfa, FindingStatus expected) =>
            Assert.Equal(expected, Evaluate(new RootMfaEnabledCheck(), WithSummary(Summary(mfa: mfa))).Status);

        [Fact]
        public void Root_without_any_credential_passes_RG_ROOT_1_and_makes_RG_ROOT_2_and_3_not_applicable_saying_why()
        {
            var evidence = WithSummary(Summary(mfa: 0, keys: 0, password: 0, certificates: 0));
            var one = Evaluate(new NoRootAccessKeysCheck(), evidence);
            var two = Evaluate(new RootMfaEnabledCheck(), evidence);
            var three = Evaluate(new RootHardwareMfaCheck(), evidence);
            Assert.Equal(FindingStatus.Pass, one.Status);
            Assert.Equal(FindingStatus.NotApplicable, two.Status);
            Assert.Equal(FindingStatus.NotApplicable, three.Status);
            Assert.All(new[] { one, two, three }, r => Assert.Contains("no credentials at all", r.Reason));
        }

        [Theory]
        [InlineData(null, 0, 0, 0)]
        [InlineData(0, null, 0, 0)]
        [InlineData(0, 0, null, 0)]
        [InlineData(0, 0, 0, null)]
        public void A_missing_summary_key_never_excuses_the_MFA_checks(int? mfa, int? keys, int? password, int? certificates)
        {
            var result = Evaluate(new RootMfaEnabledCheck(), WithSummary(Summary(mfa, keys, password, certificates)));
            Assert.NotEqual(FindingStatus.NotApplicable, result.Status);
        }

        [Fact]
        public void Existing_root_credentials_are_not_excused_by_the_missing_password_alone()
        {
            var result = Evaluate(new RootMfaEnabledCheck(), WithSummary(Summary(mfa: 0, keys: 1, password: 0, certificates: 0)));
            Assert.Equal(FindingStatus.Fail, result.Status);
        }

        [Fact]
        public void A_denied_summary_is_an_Error_naming_the_action()
        {
            var result = Evaluate(new NoRootAccessKeysCheck(), WithSummary(Denied<IReadOnlyDictionary<string, int>>("iam:GetAccountSummary")));
            Assert.Equal(FindingStatus.Error, result.Status);
            Assert.Contains("iam:GetAccountSummary", result.Reason);
            Assert.Contains("iam:GetAccountSummary", result.Remediation);
        }

        private static VirtualMFADevice Device(string userArn) => new VirtualMFADevice { SerialNumber = "arn:aws:iam::123456789012:mfa/x", User = new User { Arn = userArn } };

        [Theory]
        [InlineData("arn:aws:iam::123456789012:root", "aws", FindingStatus.Fail)]
        [InlineData("arn:aws:iam::123456789012:user/rootadmin", "aws", FindingStatus.Pass)]
        [InlineData("arn:aws:iam::123456789012:user/root", "aws", FindingStatus.Pass)]
        [InlineData("arn:aws:iam::999999999999:root", "aws", FindingStatus.Pass)]
        [InlineData("arn:aws-cn:iam::123456789012:root", "aws-cn", FindingStatus.Fail)]
        [InlineData("arn:aws:iam::123456789012:root", "aws-cn", FindingStatus.Pass)]
        public void RG_ROOT_3_fails_only_for_a_virtual_device_whose_user_is_exactly_the_root_ARN(string userArn, string partition, FindingStatus expected) =>
            Assert.Equal(expected, Evaluate(new RootHardwareMfaCheck(), WithSummary(Summary(), Device(userArn)), Context(partition)).Status);

        [Fact]
        public void RG_ROOT_3_fails_a_root_user_without_any_MFA()
        {
            var result = Evaluate(new RootHardwareMfaCheck(), WithSummary(Summary(mfa: 0)));
            Assert.Equal(FindingStatus.Fail, result.Status);
        }

        private static AssessmentEvidence Report(CredentialReportRootRow? root) => new AssessmentEvidence
        {
            CredentialReport = Ok(CredentialReportSnapshot.Parse(RootFactStubs.CredentialReportCsv(root, "alice"), Now.AddHours(-1), reused: true)),
        };

        [Fact]
        public void RG_ROOT_4_takes_the_latest_of_all_three_dates_not_the_first_found()
        {
            var result = Evaluate(new RootNotRecentlyUsedCheck(), Report(new CredentialReportRootRow
            {
                PasswordLastUsed = Now.AddDays(-300), AccessKey1Active = true, AccessKey1LastUsedDate = Now.AddDays(-200),
                AccessKey2Active = true, AccessKey2LastUsedDate = Now.AddDays(-5),
            }));
            Assert.Equal(FindingStatus.Fail, result.Status);
            Assert.Contains("access key 2", result.Reason);
            Assert.Equal(Now.AddDays(-5), Evidence(result, "LastUsed"));
        }

        [Fact]
        public void RG_ROOT_4_reads_NA_and_no_information_as_never_used()
        {
            var result = Evaluate(new RootNotRecentlyUsedCheck(), Report(new CredentialReportRootRow()));
            Assert.Equal(FindingStatus.Pass, result.Status);
            Assert.Equal("no_information", Evidence(result, "password_last_used"));
            Assert.Equal("N/A", Evidence(result, "access_key_1_last_used_date"));
        }

        [Theory]
        [InlineData(89, FindingStatus.Fail)]
        [InlineData(91, FindingStatus.Pass)]
        public void RG_ROOT_4_judges_by_the_usage_window(int daysAgo, FindingStatus expected) =>
            Assert.Equal(expected, Evaluate(new RootNotRecentlyUsedCheck(), Report(new CredentialReportRootRow { PasswordLastUsed = Now.AddDays(-daysAgo) })).Status);

        [Fact]
        public void RG_ROOT_4_without_a_root_row_is_no_evidence_never_a_pass()
        {
            var result = Evaluate(new RootNotRecentlyUsedCheck(), Report(null));
            Assert.Equal(FindingStatus.Warning, result.Status);
            Assert.False(result.CountsAsPassed);
        }

        [Fact]
        public void The_credential_report_parser_finds_the_root_row_with_CRLF_line_ends()
        {
            var csv = RootFactStubs.CredentialReportCsv(new CredentialReportRootRow { PasswordLastUsed = Now.AddDays(-3) }, "bob").Replace("\n", "\r\n");
            var report = CredentialReportSnapshot.Parse(csv, null, false);
            Assert.NotNull(report.RootRow);
            Assert.Equal(Now.AddDays(-3), report.DateOf("password_last_used"));
            Assert.Null(report.DateOf("access_key_1_last_used_date"));
        }
    }
}
