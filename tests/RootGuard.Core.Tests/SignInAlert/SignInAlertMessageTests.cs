using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using RootGuard.Core.MonitorDefinitions;
using RootGuard.Core.SignInAlert;
using Xunit;

namespace RootGuard.Core.Tests.SignInAlert
{
    /// <summary>What people receive: the transformers rendered against AWS-shaped sign-in events.</summary>
    public sealed class SignInAlertMessageTests
    {
        private static string Readable(RootMonitorSample sample, string region = "us-east-1") =>
            InputTransformerPreview.Render(SignInAlertMessages.TransformerFor(SignInAlertMessageFormat.Readable, region)!, sample.Json);

        private static string Line(string message, string label) => message.Split('\n').Single(l => l.StartsWith(label, StringComparison.Ordinal));

        [Fact]
        public void A_successful_sign_in_with_MFA_reads_as_a_success_with_every_field_and_a_CloudTrail_link()
        {
            var message = Readable(RootMonitorSamples.RootSignInSuccessWithMfa);

            Assert.StartsWith("AWS root user console sign-in: Success\n", message);
            Assert.Equal("Account:     111122223333", Line(message, "Account:"));
            Assert.Equal("Time (UTC):  2026-11-20T09:12:44Z", Line(message, "Time (UTC):"));
            Assert.Equal("Source IP:   198.51.100.24", Line(message, "Source IP:"));
            Assert.StartsWith("User agent:  Mozilla/5.0", Line(message, "User agent:"));
            Assert.Equal("MFA used:    Yes", Line(message, "MFA used:"));
            Assert.Equal("Event id:    a1b2c3d4-e5f6-4a7b-8c9d-EXAMPLE00000", Line(message, "Event id:"));
            Assert.Equal("Region:      us-east-1", Line(message, "Region:"));
            Assert.Contains("CloudTrail event: https://us-east-1.console.aws.amazon.com/cloudtrailv2/home?region=us-east-1#/events/a1b2c3d4-e5f6-4a7b-8c9d-EXAMPLE00000", message);
            Assert.Contains("EventBridge rule RootGuard-RootSignIn", message);
        }

        [Fact]
        public void MFA_written_in_capitals_is_shown_as_AWS_wrote_it()
        {
            Assert.Equal("MFA used:    YES", Line(Readable(RootMonitorSamples.RootSignInSuccessWithMfaUpperCase), "MFA used:"));
        }

        [Fact]
        public void A_failed_sign_in_reads_as_a_failure_with_its_error()
        {
            var message = Readable(RootMonitorSamples.RootSignInFailure);

            Assert.StartsWith("AWS root user console sign-in: Failure\n", message);
            Assert.Equal("Error:       Failed authentication", Line(message, "Error:"));
            Assert.Equal("MFA used:    No", Line(message, "MFA used:"));
        }

        [Fact]
        public void A_field_missing_from_the_event_leaves_its_line_empty_and_the_message_whole()
        {
            // A success carries no errorMessage; this one also lacks additionalEventData altogether.
            var trimmed = JsonNode.Parse(RootMonitorSamples.RootSignInSuccessWithoutMfa.Json)!;
            trimmed["detail"]!.AsObject().Remove("additionalEventData");
            var transformer = SignInAlertMessages.TransformerFor(SignInAlertMessageFormat.Readable, "us-east-1")!;

            var message = InputTransformerPreview.Render(transformer, trimmed.ToJsonString());

            Assert.Equal("Error:", Line(message, "Error:").TrimEnd());
            Assert.Equal("MFA used:", Line(message, "MFA used:").TrimEnd());
            Assert.DoesNotContain("<errorMessage>", message);
            Assert.DoesNotContain("<mfaUsed>", message);
            Assert.Equal(transformer.InputTemplate!.Split('\n').Length, message.Split('\n').Length);
        }

        public static IEnumerable<object[]> RootSignIns() => RootMonitorSamples.RootSignIns.Select(s => new object[] { s.Name });

        [Theory]
        [MemberData(nameof(RootSignIns))]
        public void Every_root_sign_in_renders_as_AWS_Chatbot_custom_notification_JSON(string sampleName)
        {
            var sample = RootMonitorSamples.RootSignIns.Single(s => s.Name == sampleName);

            var json = InputTransformerPreview.Render(SignInAlertMessages.TransformerFor(SignInAlertMessageFormat.Chatbot, "us-east-1")!, sample.Json);

            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            Assert.Equal("1.0", root.GetProperty("version").GetString());
            Assert.Equal("custom", root.GetProperty("source").GetString());
            var content = root.GetProperty("content");
            Assert.Equal("client-markdown", content.GetProperty("textType").GetString());
            Assert.Contains("111122223333", content.GetProperty("title").GetString());
            var description = content.GetProperty("description").GetString()!;
            Assert.Contains("*Source IP:* 198.51.100.24", description);
            Assert.Contains("\n", description);
            Assert.Contains("#/events/a1b2c3d4-e5f6-4a7b-8c9d-EXAMPLE00000", description);
        }

        [Fact]
        public void Raw_sends_the_event_without_a_transformer()
        {
            Assert.Null(SignInAlertMessages.TransformerFor(SignInAlertMessageFormat.Raw, "us-east-1"));
        }

        [Theory]
        [InlineData("us-east-1", "https://us-east-1.console.aws.amazon.com/cloudtrailv2/home?region=us-east-1#/events/E1")]
        [InlineData("cn-north-1", "https://cn-north-1.console.amazonaws.cn/cloudtrailv2/home?region=cn-north-1#/events/E1")]
        [InlineData("us-gov-west-1", "https://us-gov-west-1.console.amazonaws-us-gov.com/cloudtrailv2/home?region=us-gov-west-1#/events/E1")]
        public void The_CloudTrail_link_points_at_the_partitions_console(string region, string link)
        {
            Assert.Equal(link, SignInAlertMessages.CloudTrailEventLink(region, "E1"));
            Assert.Contains(SignInAlertMessages.CloudTrailEventLink(region, "<eventId>"), SignInAlertMessages.ReadableTemplate(region));
        }

        [Fact]
        public void The_readable_template_is_one_quoted_string_per_line()
        {
            Assert.All(SignInAlertMessages.ReadableTemplate("us-east-1").Split('\n'), line =>
            {
                Assert.StartsWith("\"", line);
                Assert.EndsWith("\"", line);
            });
        }

        [Fact]
        public void The_preview_inserts_values_as_JSON_outside_strings_and_as_text_inside_and_keeps_unknown_placeholders()
        {
            var paths = new Dictionary<string, string> { ["acct"] = "$.account", ["ids"] = "$.resources", ["first"] = "$.list[1]" };
            const string evt = """{"account":"1234","resources":["a","b"],"list":["x","y"]}""";

            Assert.Equal("""{"a":"1234","b":"account 1234","c":["a","b"],"d":"y"}""",
                InputTransformerPreview.Render(paths, """{"a":<acct>,"b":"account <acct>","c":<ids>,"d":"<first>"}""", evt));
            Assert.Equal("keep <other> and 1234", InputTransformerPreview.Render(paths, "\"keep <other> and <acct>\"", evt));
        }

        [Fact]
        public void A_value_that_breaks_a_quoted_line_is_reported_rather_than_shown_wrongly()
        {
            var paths = new Dictionary<string, string> { ["agent"] = "$.detail.userAgent" };

            Assert.Throws<FormatException>(() => InputTransformerPreview.Render(paths, "\"Agent: <agent>\"", """{"detail":{"userAgent":"say \"hi\""}}"""));
        }
    }
}
