using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using RootGuard.PowerShell.Tests.Harness;
using RootGuard.Testing;
using Xunit;
using static RootGuard.PowerShell.Tests.SignInAlert.SignInAlertScenario;

namespace RootGuard.PowerShell.Tests.SignInAlert
{
    /// <summary>New-RootSignInAlert as a user runs it against an account: creation, convergence, -WhatIf, output.</summary>
    [Collection(ModuleBackendCollection.Name)]
    public sealed class NewRootSignInAlertTests
    {
        private const string Run = "New-RootSignInAlert @aws -EmailAddress security@example.com, oncall@example.com -Confirm:$false";
        private readonly ModuleBackend backend;

        public NewRootSignInAlertTests(ModuleBackend backend)
        {
            this.backend = backend;
            backend.Reset();
        }

        [Fact]
        public void A_fresh_account_gets_topic_rule_target_policy_and_tags_and_the_recorded_calls_match_the_plan()
        {
            using var session = backend.NewSession();

            var result = session.Run(Run + " -Tag @{ CostCenter = 'security' }").ThrowIfErrors();

            var state = Read(backend);
            var rule = state.GetProperty("rule");
            Assert.Equal("ENABLED", rule.GetProperty("State").GetString());
            using (var pattern = JsonDocument.Parse(rule.GetProperty("EventPattern").GetString()!))
            {
                Assert.Equal("AWS Console Sign In via CloudTrail", pattern.RootElement.GetProperty("detail-type")[0].GetString());
                Assert.Equal("Root", pattern.RootElement.GetProperty("detail").GetProperty("userIdentity").GetProperty("type")[0].GetString());
                // Success and failure alike: no condition on the outcome.
                Assert.False(pattern.RootElement.GetProperty("detail").TryGetProperty("responseElements", out _));
            }

            var target = Assert.Single(state.GetProperty("targets").EnumerateArray());
            Assert.Equal("RootGuard-SNS", target.GetProperty("Id").GetString());
            Assert.Equal(TopicArn, target.GetProperty("Arn").GetString());
            var transformer = target.GetProperty("InputTransformer");
            var paths = transformer.GetProperty("InputPathsMap");
            Assert.Equal("$.detail.responseElements.ConsoleLogin", paths.GetProperty("outcome").GetString());
            Assert.Equal("$.detail.additionalEventData.MFAUsed", paths.GetProperty("mfaUsed").GetString());
            Assert.Equal("$.detail.sourceIPAddress", paths.GetProperty("sourceIp").GetString());
            var template = transformer.GetProperty("InputTemplate").GetString()!;
            Assert.All(template.Split('\n'), line => Assert.Matches("^\".*\"$", line));
            Assert.Contains("https://us-east-1.console.aws.amazon.com/cloudtrailv2/home?region=us-east-1#/events/<eventId>", template);

            var statement = state.GetProperty("policy").GetProperty("Statement").EnumerateArray()
                .Single(s => s.GetProperty("Sid").GetString() == StatementSid);
            Assert.Equal("events.amazonaws.com", statement.GetProperty("Principal").GetProperty("Service").GetString());
            Assert.Equal(RuleArn, statement.GetProperty("Condition").GetProperty("ArnEquals").GetProperty("aws:SourceArn").GetString());
            Assert.Contains("__default_statement_ID", StatementSids(state));

            foreach (var tags in new[] { state.GetProperty("topicTags"), state.GetProperty("ruleTags") })
            {
                Assert.Equal("RootGuard", tags.GetProperty("ManagedBy").GetString());
                Assert.Equal("SignInAlert", tags.GetProperty("RootGuard:Component").GetString());
                Assert.Equal("security", tags.GetProperty("CostCenter").GetString());
            }

            Assert.Equal(new[] { "oncall@example.com", "security@example.com" }, state.GetProperty("subscriptions").EnumerateArray().Select(e => e.GetString()));

            // The calls made are the plan's steps, in the plan's order, and nothing else.
            Assert.Equal(new[]
                {
                    "Created SNS topic", "Created EventBridge rule", "Created EventBridge target", "Created SNS e-mail subscription",
                    "Created SNS e-mail subscription",
                },
                Changes(session, result));
            Assert.Equal(new[] { "sns:CreateTopic", "events:PutRule", "events:PutTargets", "sns:Subscribe", "sns:Subscribe" },
                backend.Handler.MutatingCalls.Select(c => c.Service + ":" + c.Operation));
        }

        /// <summary>"Change ResourceType" per entry of the output's Changes.</summary>
        private static List<string> Changes(PowerShellSession session, ScriptResult result) =>
            session.Run("param($a) $a.Changes | ForEach-Object { \"$($_.Change) $($_.ResourceType)\" }",
                new Dictionary<string, object?> { ["a"] = result.Output.Single() }).ThrowIfErrors().Output.Select(o => o.ToString()).ToList();

        [Fact]
        public void Every_request_conforms_to_the_published_AWS_models()
        {
            backend.Seeder.CreateTrailWithLogs();
            backend.Seeder.RunBoto3("""
kms = client("kms")
for alias in ["alias/rootguard", "alias/rootguard-2"]:
    kms.create_alias(AliasName=alias, TargetKeyId=kms.create_key()["KeyMetadata"]["KeyId"])
""");
            using var session = backend.NewSession();
            session.Run(Run + " -KmsMasterKeyId alias/rootguard").ThrowIfErrors();
            session.Run("New-RootSignInAlert @aws -EmailAddress security@example.com, new@example.com -MessageFormat Chatbot -KmsMasterKeyId alias/rootguard-2 -Tag @{ Team = 'sec' } -Confirm:$false")
                .ThrowIfErrors();

            var calls = backend.Handler.Calls;
            Assert.Contains(calls, c => c.Is("sns", "SetTopicAttributes"));
            Assert.Contains(calls, c => c.Is("events", "TagResource"));
            Assert.All(calls, call => Assert.True(ServiceModelContract.Check(call).Count == 0,
                $"{call}: {string.Join("; ", ServiceModelContract.Check(call))}"));
        }

        [Fact]
        public void The_output_describes_the_alert_and_binds_by_name()
        {
            using var session = backend.NewSession();

            var result = session.Run(Run).ThrowIfErrors();

            var alert = Assert.Single(result.Output);
            Assert.Equal("RootGuard.SignInAlert", alert.TypeNames[0]);
            Assert.Equal("us-east-1", result.Property("Region"));
            Assert.Equal("RootGuard-RootSignIn", result.Property("RuleName"));
            Assert.Equal(RuleArn, result.Property("RuleArn"));
            Assert.Equal("ENABLED", result.Property("State"));
            Assert.Equal(TopicArn, result.Property("TopicArn"));
            Assert.Equal(false, result.Property("Encrypted"));
            Assert.Equal("Readable", result.Property("MessageFormat"));
            Assert.Contains("\"Root\"", (string)result.Property("EventPattern")!);
            var statuses = session.Run("param($a) $a.Subscriptions | ForEach-Object { \"$($_.Endpoint)=$($_.Status)\" }",
                new Dictionary<string, object?> { ["a"] = alert }).Output.Select(o => o.ToString());
            Assert.Equal(new[] { "security@example.com=PendingConfirmation", "oncall@example.com=PendingConfirmation" }, statuses);
            Assert.Contains(result.Warnings, w => w.Message.Contains("confirmed from the inbox"));
        }

        [Fact]
        public void A_second_run_makes_no_mutating_call_and_says_so()
        {
            using var session = backend.NewSession();
            session.Run(Run).ThrowIfErrors();
            backend.Handler.Clear();

            var result = session.Run(Run).ThrowIfErrors();

            Assert.Empty(backend.Handler.MutatingCalls);
            Assert.Contains(result.Information, i => i.MessageData.ToString()!.Contains("nothing was changed"));
            Assert.All(Changes(session, result), c => Assert.StartsWith("Unchanged ", c));
        }

        [Fact]
        public void A_changed_email_list_makes_exactly_one_Subscribe()
        {
            using var session = backend.NewSession();
            session.Run(Run).ThrowIfErrors();
            backend.Handler.Clear();

            session.Run("New-RootSignInAlert @aws -EmailAddress security@example.com, oncall@example.com, cso@example.com -Confirm:$false").ThrowIfErrors();

            var call = Assert.Single(backend.Handler.MutatingCalls);
            Assert.True(call.Is("sns", "Subscribe"));
            Assert.Equal("cso@example.com", call.FormParameters["Endpoint"]);
        }

        [Fact]
        public void A_changed_message_format_corrects_the_target_in_place()
        {
            using var session = backend.NewSession();
            session.Run(Run).ThrowIfErrors();
            backend.Handler.Clear();

            session.Run(Run + " -MessageFormat Chatbot").ThrowIfErrors();

            var call = Assert.Single(backend.Handler.MutatingCalls);
            Assert.True(call.Is("events", "PutTargets"));
            var template = Read(backend).GetProperty("targets")[0].GetProperty("InputTransformer").GetProperty("InputTemplate").GetString()!;
            Assert.Contains("\"version\":\"1.0\",\"source\":\"custom\"", template);
            Assert.Contains("\"textType\":\"client-markdown\"", template);

            session.Run(Run + " -MessageFormat Raw").ThrowIfErrors();
            Assert.False(Read(backend).GetProperty("targets")[0].TryGetProperty("InputTransformer", out _));
        }

        [Fact]
        public void SuccessOnly_narrows_the_pattern_and_a_rerun_without_it_widens_it_again()
        {
            using var session = backend.NewSession();
            session.Run(Run + " -SuccessOnly").ThrowIfErrors();
            Assert.Contains("\"ConsoleLogin\":[\"Success\"]", Read(backend).GetProperty("rule").GetProperty("EventPattern").GetString()!.Replace(" ", ""));
            backend.Handler.Clear();

            session.Run(Run).ThrowIfErrors();

            Assert.Equal(new[] { "events:PutRule" }, backend.Handler.MutatingCalls.Select(c => c.Service + ":" + c.Operation));
            Assert.DoesNotContain("ConsoleLogin", Read(backend).GetProperty("rule").GetProperty("EventPattern").GetString()!);
        }

        [Fact]
        public void WhatIf_makes_no_mutating_call()
        {
            using var session = backend.NewSession();
            var before = Snapshot(backend);

            var result = session.Run("New-RootSignInAlert @aws -EmailAddress security@example.com -WhatIf");

            Assert.Empty(result.Errors);
            Assert.Empty(result.Output);
            Assert.Empty(backend.Handler.MutatingCalls);
            Assert.Equal(before, Snapshot(backend));
            var whatIf = session.HostLines.Where(l => l.StartsWith("What if:")).ToList();
            Assert.Contains(whatIf, l => l.Contains("RootGuard-RootSignIn") && l.Contains("topic", System.StringComparison.OrdinalIgnoreCase));
            Assert.Contains(whatIf, l => l.Contains("RootGuard-RootSignIn") && l.Contains("rule", System.StringComparison.OrdinalIgnoreCase));
            Assert.Contains(whatIf, l => l.Contains("security@example.com"));
        }

        [Fact]
        public void Confirm_asks_per_change_naming_the_resource()
        {
            using var session = backend.NewSession();
            session.Host.Recorder.ConfirmAnswers.Enqueue("Yes");
            session.Host.Recorder.ConfirmAnswers.Enqueue("No to All");

            session.Run("New-RootSignInAlert @aws -EmailAddress security@example.com -Confirm");

            Assert.True(session.Host.Recorder.Prompts.Count >= 2, string.Join(" / ", session.Host.Recorder.Prompts));
            Assert.Contains(session.Host.Recorder.Prompts, p => p.Contains("RootGuard-RootSignIn"));
        }

        [Fact]
        public void An_existing_topic_with_a_foreign_policy_keeps_its_statements_and_ours_is_added_once()
        {
            var topicArn = SeedTopicWithForeignPolicy(backend);
            using var session = backend.NewSession();
            var run = $"New-RootSignInAlert @aws -TopicArn {topicArn} -EmailAddress team@example.com, security@example.com -Confirm:$false";

            session.Run(run).ThrowIfErrors();
            session.Run(run).ThrowIfErrors();

            var state = Read(backend, topicArn);
            var sids = StatementSids(state);
            Assert.Contains("__default_statement_ID", sids);
            Assert.Contains("AllowBudgets", sids);
            Assert.Single(sids, s => s == StatementSid);
            Assert.Equal(3, sids.Length);
            // RootGuard does not mark a topic it did not create as its own, so it will never delete it.
            Assert.False(state.GetProperty("topicTags").TryGetProperty("ManagedBy", out _));
            Assert.Equal(new[] { "security@example.com", "team@example.com" }, state.GetProperty("subscriptions").EnumerateArray().Select(e => e.GetString()));
            Assert.Single(backend.Handler.CallsTo("sns", "SetTopicAttributes"));
            Assert.Empty(backend.Handler.CallsTo("sns", "CreateTopic"));
            Assert.Empty(backend.Handler.CallsTo("sns", "TagResource"));
        }

        [Fact]
        public void No_trail_recording_management_events_gives_a_warning_that_the_alert_stays_silent()
        {
            using var session = backend.NewSession();

            var result = session.Run(Run).ThrowIfErrors();

            Assert.Contains(result.Warnings, w => w.Message.Contains("stay silent") && w.Message.Contains("create-trail"));
        }

        [Fact]
        public void A_multi_region_logging_trail_gives_no_CloudTrail_warning_and_a_denied_read_only_a_softer_one()
        {
            backend.Seeder.CreateTrailWithLogs();
            using var session = backend.NewSession();

            var covered = session.Run(Run).ThrowIfErrors();
            backend.Handler.On("cloudtrail", "DescribeTrails").Fail("AccessDeniedException");
            var denied = session.Run(Run).ThrowIfErrors();

            Assert.DoesNotContain(covered.Warnings, w => w.Message.Contains("CloudTrail"));
            Assert.Contains(denied.Warnings, w => w.Message.Contains("could not check CloudTrail") && w.Message.Contains("denied"));
        }

        [Fact]
        public void Force_allows_another_region_with_a_warning_about_missed_events()
        {
            using var session = backend.NewSession("eu-west-1");

            var result = session.Run(Run + " -Force").ThrowIfErrors();

            Assert.Equal("eu-west-1", result.Property("Region"));
            Assert.Contains(result.Warnings, w => w.Message.Contains("us-east-1") && w.Message.Contains("miss"));
            Assert.All(backend.Handler.MutatingCalls, c => Assert.Equal("eu-west-1", c.Region));
        }
    }
}
