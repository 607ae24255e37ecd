using System;
using System.Linq;
using System.Text.Json;
using RootGuard.Core.Aws.EventBridge.Model;
using RootGuard.Core.MonitorDefinitions;
using RootGuard.Core.Monitoring;
using RootGuard.Core.Patterns;
using RootGuard.Core.SignInAlert;
using Xunit;

namespace RootGuard.Core.Tests.Monitoring
{
    public sealed class TestMessagesTests
    {
        private static readonly DateTimeOffset Time = new DateTimeOffset(2026, 11, 30, 8, 15, 0, TimeSpan.Zero);
        private const string RuleArn = "arn:aws:events:us-east-1:123456789012:rule/RootGuard-RootSignIn";

        private static string Event(string partition = "aws", string region = "us-east-1") =>
            RootMonitorSamples.InAccount(RootMonitorSamples.RootSignInSuccessWithMfa, "123456789012", partition, region, Time);

        private static Target Target(SignInAlertMessageFormat format) =>
            new Target { Id = "RootGuard-SNS", Arn = "arn:aws:sns:us-east-1:123456789012:t", InputTransformer = SignInAlertMessages.TransformerFor(format, "us-east-1") };

        [Fact]
        public void A_readable_alert_is_the_rules_own_rendering_under_a_first_line_that_says_it_is_a_test()
        {
            var target = Target(SignInAlertMessageFormat.Readable);
            var message = TestMessages.SignInAlert(target, Event(), "RootGuard-RootSignIn", RuleArn);

            var lines = message.Split('\n');
            Assert.Equal(TestMessages.TestLine, lines[0]);
            Assert.Equal(InputTransformerPreview.Render(target.InputTransformer!, Event(), "RootGuard-RootSignIn", RuleArn), string.Join("\n", lines.Skip(2)));
            Assert.Contains("Account:     123456789012", lines);
            Assert.Contains("Time (UTC):  2026-11-30T08:15:00Z", lines);
        }

        [Fact]
        public void A_Chatbot_alert_stays_the_JSON_Chatbot_reads_with_the_test_in_its_title()
        {
            var target = Target(SignInAlertMessageFormat.Chatbot);
            var real = JsonDocument.Parse(InputTransformerPreview.Render(target.InputTransformer!, Event(), "RootGuard-RootSignIn", RuleArn)).RootElement;
            var test = JsonDocument.Parse(TestMessages.SignInAlert(target, Event(), "RootGuard-RootSignIn", RuleArn)).RootElement;

            Assert.Equal(TestMessages.TitlePrefix + real.GetProperty("content").GetProperty("title").GetString(), test.GetProperty("content").GetProperty("title").GetString());
            Assert.Equal(real.GetProperty("content").GetProperty("description").GetString(), test.GetProperty("content").GetProperty("description").GetString());
        }

        [Fact]
        public void A_raw_event_is_sent_as_the_event_under_the_test_line_so_no_parser_takes_it_for_a_real_sign_in()
        {
            var message = TestMessages.SignInAlert(new Target { Id = "raw", Arn = "arn:aws:sns:us-east-1:123456789012:t" }, Event(), "r", RuleArn);
            Assert.StartsWith(TestMessages.TestLine + "\n\n{", message);
            Assert.Equal(Event(), message.Substring(TestMessages.TestLine.Length + 2));
        }

        [Fact]
        public void An_InputPath_target_sends_the_part_it_selects()
        {
            var message = TestMessages.SignInAlert(new Target { Id = "p", Arn = "arn:aws:sns:us-east-1:123456789012:t", InputPath = "$.detail.userIdentity" }, Event(), "r", RuleArn);
            Assert.Equal("Root", JsonDocument.Parse(message.Substring(TestMessages.TestLine.Length + 2)).RootElement.GetProperty("type").GetString());
        }

        [Fact]
        public void The_alarm_reason_names_the_test_and_its_time()
        {
            Assert.Equal("TEST from RootGuard (Send-RootMonitoringTest) at 2026-11-30 08:15:00 UTC: no root activity occurred. The alarm returns to its real state at its next evaluation.",
                TestMessages.AlarmReason(Time));
        }

        [Theory]
        [InlineData("aws", "us-east-1")]
        [InlineData("aws-cn", "cn-north-1")]
        public void A_sample_put_in_an_account_carries_its_account_partition_region_and_time_and_still_matches_RootGuards_pattern(string partition, string region)
        {
            foreach (var sample in new[] { RootMonitorSamples.RootSignInSuccessWithMfa, RootMonitorSamples.RootSignInFailure })
            {
                var json = RootMonitorSamples.InAccount(sample, "210987654321", partition, region, Time);
                Assert.DoesNotContain("111122223333", json);
                var root = JsonDocument.Parse(json).RootElement;
                Assert.Equal("210987654321", root.GetProperty("account").GetString());
                Assert.Equal(region, root.GetProperty("region").GetString());
                Assert.Equal("2026-11-30T08:15:00Z", root.GetProperty("time").GetString());
                Assert.Equal($"arn:{partition}:iam::210987654321:root", root.GetProperty("detail").GetProperty("userIdentity").GetProperty("arn").GetString());
                Assert.True(EventPatternMatcher.Matches(RootMonitorDefinitions.BuildSignInEventPattern(), json), sample.Name);
            }
        }
    }
}
