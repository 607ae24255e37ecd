using System;
using System.Globalization;
using System.Linq;
using System.Net;
using RootGuard.PowerShell.Tests.Harness;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.PowerShell.Tests.Assessment
{
    /// <summary>
    /// RG.ROOT.6 through the module on a CloudWatch alarm mute rule. moto 5.2.1 has no mute rules (the test servers answer
    /// an empty list, see MOTO-NOTES.md), so a rule is stubbed with AWS's documented ListAlarmMuteRules answer over moto's
    /// seeded account.
    /// </summary>
    [Collection(ModuleBackendCollection.Name)]
    public sealed class AlarmMuteRuleTests : AssessmentTestBase
    {
        private const string AlarmName = "RootGuard-RootAccountUsage";

        public AlarmMuteRuleTests(ModuleBackend backend) : base(backend)
        {
        }

        [Fact]
        public void An_active_mute_rule_on_the_usage_alarm_fails_RG_ROOT_6_with_the_command_that_deletes_it()
        {
            AssessmentScenario.Seed(Backend);
            var expires = DateTime.UtcNow.AddDays(5);
            Backend.Handler.Stub("monitoring", "ListAlarmMuteRules", StubResponse.QueryResult("monitoring", "ListAlarmMuteRules",
                "<AlarmMuteRuleSummaries><member>"
                + $"<AlarmMuteRuleArn>arn:aws:cloudwatch:us-east-1:{AssessmentScenario.AccountId}:alarm-mute-rule:maintenance</AlarmMuteRuleArn>"
                + $"<ExpireDate>{expires.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}</ExpireDate>"
                + "<Status>ACTIVE</Status><MuteType>ONE_TIME</MuteType>"
                + $"<LastUpdatedTimestamp>{DateTime.UtcNow.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}</LastUpdatedTimestamp>"
                + "</member></AlarmMuteRuleSummaries>"));

            var finding = Finding("RG.ROOT.6");

            Assert.True("Fail" == Status(finding), Reason(finding));
            Assert.Equal("ALARM_ACTIONS_MUTED", Evidence(finding, "ReasonCode"));
            Assert.Contains($"CloudWatch alarm {AlarmName} is muted by alarm mute rule(s) maintenance (one-time, until {expires.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC)", Reason(finding));
            Assert.Contains("aws cloudwatch delete-alarm-mute-rule --alarm-mute-rule-name maintenance --region us-east-1", (string)finding.Properties["Remediation"].Value);
            // One read for the judged alarm, filtered by its name, in its region.
            var read = Assert.Single(Backend.Handler.Calls, c => c.Operation == "ListAlarmMuteRules");
            Assert.Equal(AlarmName, read.FormParameters["AlarmName"]);
            Assert.Equal("us-east-1", read.Region);
            AssertStubsAreAwsShaped();
        }

        [Fact]
        public void A_denied_mute_rule_read_turns_the_working_chain_into_a_warning_naming_the_action()
        {
            AssessmentScenario.Seed(Backend);
            Backend.Handler.On("monitoring", "ListAlarmMuteRules").Fail("AccessDenied", HttpStatusCode.Forbidden);

            var finding = Finding("RG.ROOT.6");

            Assert.True("Warning" == Status(finding), Reason(finding));
            Assert.Equal("ALARM_MUTE_RULES_NOT_VERIFIABLE", Evidence(finding, "ReasonCode"));
            Assert.Contains("cloudwatch:ListAlarmMuteRules", Reason(finding));
        }

        [Fact]
        public void With_no_mute_rule_the_seeded_chain_still_passes()
        {
            AssessmentScenario.Seed(Backend);

            var finding = Finding("RG.ROOT.6");

            Assert.True("Pass" == Status(finding), Reason(finding));
            Assert.Contains(Backend.Handler.Calls, c => c.Operation == "ListAlarmMuteRules");
        }

        private void AssertStubsAreAwsShaped()
        {
            foreach (var call in Backend.Handler.Calls)
                Assert.True(ServiceModelContract.Check(call).Count == 0, $"{call.Service} {call.Operation}: {string.Join("; ", ServiceModelContract.Check(call))}");
        }
    }
}
