using System.Collections.Generic;
using System.Linq;
using RootGuard.PowerShell.Tests.Harness;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.PowerShell.Tests.Deploy
{
    /// <summary>
    /// New-RootSignInAlert then New-RootUsageAlarm in one session, without the pipe, as a runbook runs them: one topic
    /// per region, no read asked twice, and a second run that only reads.
    /// </summary>
    [Collection(ModuleBackendCollection.Name)]
    public sealed class BothMonitorsTests
    {
        private const string SignIn = "New-RootSignInAlert @aws -EmailAddress security@example.com -Confirm:$false";
        private const string Usage = "New-RootUsageAlarm @aws -EmailAddress security@example.com -Confirm:$false";
        private readonly ModuleBackend backend;

        public BothMonitorsTests(ModuleBackend backend)
        {
            this.backend = backend;
            backend.Reset();
        }

        [Fact]
        public void Without_the_pipe_the_usage_alarm_reuses_the_sign_in_alerts_topic_and_says_so()
        {
            backend.Seeder.CreateTrailWithLogs();
            using var session = backend.NewSession();

            var alert = session.Run(SignIn).ThrowIfErrors().Output.Single();
            var usage = session.Run(Usage).ThrowIfErrors();

            var topicArn = (string)alert.Properties["TopicArn"].Value;
            Assert.Equal("arn:aws:sns:us-east-1:123456789012:RootGuard-RootSignIn", topicArn);
            Assert.Equal(topicArn, usage.Output.Single().Properties["TopicArn"].Value);
            Assert.Single(backend.Handler.CallsTo("sns", "CreateTopic"));
            // The address was subscribed once, so it gets one confirmation e-mail.
            Assert.Single(backend.Handler.CallsTo("sns", "Subscribe"));
            Assert.Contains(usage.Warnings, w => w.Message.Contains("RootGuard-RootSignIn") && w.Message.Contains("reused"));
            var topics = backend.Seeder.RunBoto3Json("""out([t["TopicArn"] for t in client("sns").list_topics()["Topics"]])""");
            Assert.Equal(new[] { topicArn }, topics.EnumerateArray().Select(t => t.GetString()));
        }

        [Fact]
        public void The_sign_in_alert_reuses_the_usage_alarms_topic_when_that_came_first()
        {
            backend.Seeder.CreateTrailWithLogs();
            using var session = backend.NewSession();

            var usage = session.Run(Usage).ThrowIfErrors().Output.Single();
            var alert = session.Run(SignIn).ThrowIfErrors();

            Assert.Equal(usage.Properties["TopicArn"].Value, alert.Output.Single().Properties["TopicArn"].Value);
            Assert.Single(backend.Handler.CallsTo("sns", "CreateTopic"));
            Assert.Contains(alert.Warnings, w => w.Message.Contains("RootGuard-RootAccountUsage") && w.Message.Contains("reused"));
        }

        [Fact]
        public void Neither_command_repeats_a_read_and_the_second_does_not_ask_again_what_the_first_read()
        {
            // -WhatIf: the reads a plan is made from, without the reads a change makes when it is applied (a topic policy
            // is read again right before it is written, on purpose, so that another writer's statement is kept).
            backend.Seeder.CreateTrailWithLogs();
            using var session = backend.NewSession();

            backend.Handler.Clear();
            session.Run(SignIn + " -WhatIf").ThrowIfErrors();
            var signInReads = Reads();
            session.Run(SignIn).ThrowIfErrors();
            backend.Handler.Clear();
            session.Run(Usage + " -WhatIf").ThrowIfErrors();
            var usageReads = Reads();

            AssertNoRepeat(signInReads);
            AssertNoRepeat(usageReads);
            // The account id and the trails were read by the first command; the second reuses them.
            Assert.Contains(signInReads, r => r.StartsWith("sts:GetCallerIdentity"));
            Assert.DoesNotContain(usageReads, r => r.StartsWith("sts:GetCallerIdentity"));
            Assert.Contains(signInReads, r => r.StartsWith("cloudtrail:DescribeTrails"));
            Assert.DoesNotContain(usageReads, r => r.StartsWith("cloudtrail:"));
        }

        [Fact]
        public void A_second_run_of_both_only_reads_and_neither_command_reads_anything_twice()
        {
            backend.Seeder.CreateTrailWithLogs();
            using (var first = backend.NewSession())
            {
                first.Run(SignIn).ThrowIfErrors();
                first.Run(Usage).ThrowIfErrors();
            }

            // A new session: nothing kept from the first run.
            using var session = backend.NewSession();
            backend.Handler.Clear();
            session.Run(SignIn).ThrowIfErrors();
            var signInReads = Reads();
            backend.Handler.Clear();
            session.Run(Usage).ThrowIfErrors();
            var usageReads = Reads();

            Assert.Empty(backend.Handler.MutatingCalls);
            AssertNoRepeat(signInReads);
            AssertNoRepeat(usageReads);
            Assert.DoesNotContain(usageReads, r => r.StartsWith("sts:") || r.StartsWith("cloudtrail:"));
            // The no-op re-run's call count bench/RESULTS.md reports: a read added to either plan shows here first.
            Assert.True(signInReads.Count + usageReads.Count == 22, $"{signInReads.Count} + {usageReads.Count} reads: " + string.Join("; ", signInReads.Concat(usageReads)));
        }

        [Fact]
        public void A_trail_fixed_after_the_first_command_is_read_again_before_the_second_refuses()
        {
            // The kept trails say "not logging"; the usage alarm reads again before it refuses, and finds it logging.
            backend.Seeder.CreateTrailWithLogs(startLogging: false);
            using var session = backend.NewSession();
            session.Run(SignIn).ThrowIfErrors();
            backend.Seeder.RunBoto3("""client("cloudtrail").start_logging(Name="rootguard-trail")""");

            var usage = session.Run(Usage).ThrowIfErrors();

            Assert.Equal("rootguard-trail", usage.Output.Single().Properties["TrailName"].Value);
        }

        [Fact]
        public void A_trail_deleted_after_the_first_command_is_read_again_and_refused_not_built_on()
        {
            backend.Seeder.CreateTrailWithLogs();
            using var session = backend.NewSession();
            session.Run(SignIn).ThrowIfErrors();
            backend.Seeder.RunBoto3("""
client("cloudtrail").delete_trail(Name="rootguard-trail")
client("logs").delete_log_group(logGroupName="rootguard-cloudtrail")
""");

            var usage = session.Run(Usage);

            Assert.Equal("RootGuard.NoSuitableTrail", ScriptResult.ErrorIdOf(usage.SingleError()));
            Assert.Empty(backend.Handler.CallsTo("logs", "PutMetricFilter"));
        }

        /// <summary>Every read as "service:Operation region body", so the same question asked twice shows as a repeat.</summary>
        private List<string> Reads() =>
            backend.Handler.Calls.Where(c => !c.IsMutating).Select(c => $"{c.Service}:{c.Operation} {c.Region} {c.RequestBody}").ToList();

        private static void AssertNoRepeat(List<string> reads)
        {
            var repeated = reads.GroupBy(r => r).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(repeated.Count == 0, "Read more than once: " + string.Join("; ", repeated));
        }
    }
}
