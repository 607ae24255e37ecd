using System.Collections.Generic;
using System.Linq;
using Amazon.Runtime;
using RootGuard.Core.Aws;
using RootGuard.Core.Connection;
using RootGuard.Core.Monitoring;
using Xunit;

namespace RootGuard.Core.Tests.Monitoring
{
    public sealed class RemovalPlannerTests
    {
        private static readonly AwsClientFactory Factory = new AwsClientFactory(
            new AwsConnection(new BasicAWSCredentials("a", "b"), "test", "us-east-1", "test", new System.Uri("http://127.0.0.1:9")));

        private const string SignInTopic = "arn:aws:sns:us-east-1:123456789012:RootGuard-RootSignIn";
        private const string SharedTopic = "arn:aws:sns:us-east-1:123456789012:RootGuard-Shared";
        private const string TeamTopic = "arn:aws:sns:us-east-1:123456789012:team";

        private static RootGuardResources Account() => new RootGuardResources(
            new[] { new ManagedRule("us-east-1", "RootGuard-RootSignIn", "arn:aws:events:us-east-1:123456789012:rule/RootGuard-RootSignIn", "SignInAlert", new[] { "RootGuard-SNS" }, new[] { SharedTopic }) },
            new[] { new ManagedTopic("us-east-1", SharedTopic, "SignInAlert"), new ManagedTopic("us-east-1", SignInTopic, "SignInAlert") },
            new[] { new ManagedAlarm("us-east-1", "RootGuard-RootAccountUsage", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:RootGuard-RootAccountUsage", "UsageAlarm", new[] { SharedTopic }, null) },
            new[] { new ForeignTopicGrant("us-east-1", TeamTopic, new[] { "RootGuardSignInAlertRootGuardRootSignIn", "RootGuardUsageAlarmRootGuardRootAccountUsage" }) });

        private static string[] Steps(RemovalPlan plan) => plan.Changes.Select(c => c.ResourceType + "|" + c.ResourceName).ToArray();

        [Fact]
        public void Removing_everything_disables_a_rule_before_its_targets_go_and_removes_topics_last()
        {
            var selection = new RemovalSelection();
            foreach (var c in RemovalSelection.AllComponents) selection.Components.Add(c);
            var plan = RemovalPlanner.Decide(Account(), selection, Factory);
            var steps = Steps(plan);

            Assert.Equal("Disable EventBridge rule before removing it", plan.Changes[0].Description);
            Assert.Equal(new[]
            {
                "EventBridge rule|RootGuard-RootSignIn",
                "EventBridge targets|RootGuard-RootSignIn",
                "EventBridge rule|RootGuard-RootSignIn",
                "CloudWatch alarm|RootGuard-RootAccountUsage",
                "Topic policy statement|" + TeamTopic,
                "SNS topic|" + SharedTopic,
                "SNS topic|" + SignInTopic,
            }, steps);
        }

        [Fact]
        public void A_rule_that_keeps_someone_elses_targets_is_neither_disabled_nor_deleted()
        {
            var shared = new RootGuardResources(
                new[] { new ManagedRule("us-east-1", "RootGuard-RootSignIn", "arn:aws:events:us-east-1:123456789012:rule/RootGuard-RootSignIn", "SignInAlert", new[] { "RootGuard-SNS" }, new[] { SignInTopic }, 1) },
                new[] { new ManagedTopic("us-east-1", SignInTopic, "SignInAlert") }, new ManagedAlarm[0], new ForeignTopicGrant[0]);
            var selection = new RemovalSelection();
            selection.Components.Add("SignInAlert");
            var plan = RemovalPlanner.Decide(shared, selection, Factory);

            Assert.Equal(new[] { "EventBridge targets|RootGuard-RootSignIn" }, Steps(plan));
            Assert.Contains(plan.Warnings, k => k.Contains("RootGuard did not add"));
        }

        [Fact]
        public void A_topic_still_used_by_a_monitor_that_stays_is_kept_with_a_reason()
        {
            var selection = new RemovalSelection();
            selection.Components.Add("SignInAlert");
            var plan = RemovalPlanner.Decide(Account(), selection, Factory);

            Assert.DoesNotContain("SNS topic|" + SharedTopic, Steps(plan));
            Assert.Contains("SNS topic|" + SignInTopic, Steps(plan));
            Assert.Contains(plan.Warnings, k => k.Contains(SharedTopic));
            Assert.DoesNotContain("CloudWatch alarm|RootGuard-RootAccountUsage", Steps(plan));
        }

        [Fact]
        public void Every_step_names_only_IAM_actions_the_documented_removal_policy_has()
        {
            var selection = new RemovalSelection();
            foreach (var c in RemovalSelection.AllComponents) selection.Components.Add(c);
            var subscriptions = new[] { new RecordedSubscription(TeamTopic, TeamTopic + ":id-1", "a@example.com", "RootGuard:Subscription:id-1") };
            var keptRule = new ManagedRule("us-east-1", "kept", "arn:aws:events:us-east-1:123456789012:rule/kept", "SignInAlert", new[] { "RootGuard-SNS" },
                new[] { TeamTopic }, foreignTargetCount: 1, subscriptions);
            var withFilter = new RootGuardResources(Account().Rules.Append(keptRule).ToList(), Account().Topics,
                new[] { new ManagedAlarm("us-east-1", "a", "arn:a", "UsageAlarm", new List<string>(), ("group", "filter"), subscriptions) }, Account().ForeignGrants);
            var named = RemovalPlanner.Decide(withFilter, selection, Factory).Changes.SelectMany(c => c.Permissions).Distinct();

            Assert.Empty(named.Except(InventoryPermissions.RemoveActions));
        }

        [Fact]
        public void Subscriptions_RootGuard_recorded_on_an_alarm_are_unsubscribed_before_the_alarm_goes_and_only_those()
        {
            var ours = new RecordedSubscription(TeamTopic, TeamTopic + ":id-1", "a@example.com", "RootGuard:Subscription:id-1");
            var alarm = new ManagedAlarm("us-east-1", "RootGuard-RootAccountUsage", "arn:alarm", "UsageAlarm", new[] { TeamTopic }, null, new[] { ours });
            var found = new RootGuardResources(new ManagedRule[0], new ManagedTopic[0], new[] { alarm },
                new[] { new ForeignTopicGrant("us-east-1", TeamTopic, new[] { "RootGuardUsageAlarmRootGuardRootAccountUsage" }) });
            var selection = new RemovalSelection();
            selection.Components.Add("UsageAlarm");

            var plan = RemovalPlanner.Decide(found, selection, Factory);

            Assert.Equal(new[]
            {
                "SNS e-mail subscription|a@example.com",
                "CloudWatch alarm|RootGuard-RootAccountUsage",
                "Topic policy statement|" + TeamTopic,
            }, Steps(plan));
            Assert.Contains(TeamTopic, plan.Changes[0].Description);
            Assert.DoesNotContain(plan.Changes, c => c.ResourceType == "SNS topic");
        }

        [Fact]
        public void A_rule_kept_for_someone_elses_targets_loses_the_record_of_the_subscriptions_it_no_longer_has()
        {
            var ours = new RecordedSubscription(TeamTopic, TeamTopic + ":id-1", null, "RootGuard:Subscription:id-1");
            var rule = new ManagedRule("us-east-1", "alert", "arn:aws:events:us-east-1:123456789012:rule/alert", "SignInAlert", new[] { "RootGuard-SNS" },
                new[] { TeamTopic }, foreignTargetCount: 1, new[] { ours });
            var selection = new RemovalSelection();
            selection.Components.Add("SignInAlert");

            var plan = RemovalPlanner.Decide(new RootGuardResources(new[] { rule }, new ManagedTopic[0], new ManagedAlarm[0], new ForeignTopicGrant[0]), selection, Factory);

            Assert.Equal(new[] { "EventBridge targets|alert", "SNS e-mail subscription|" + TeamTopic + ":id-1", "EventBridge rule tags|alert" }, Steps(plan));
            Assert.Contains(plan.Warnings, k => k.Contains("'alert'"));
        }

        [Fact]
        public void A_filter_the_alarm_names_that_no_longer_proves_to_be_RootGuards_is_kept_with_the_reason()
        {
            var alarm = new ManagedAlarm("us-east-1", "RootGuard-RootAccountUsage", "arn:alarm", "UsageAlarm", new string[0], null,
                unprovenMetricFilter: ("trail-logs", "RootAccountUsage"));
            var selection = new RemovalSelection();
            selection.Components.Add("UsageAlarm");

            var plan = RemovalPlanner.Decide(new RootGuardResources(new ManagedRule[0], new ManagedTopic[0], new[] { alarm }, new ForeignTopicGrant[0]), selection, Factory);

            Assert.DoesNotContain(plan.Changes, c => c.ResourceType == "CloudWatch Logs metric filter");
            Assert.Contains(plan.Warnings, k => k.Contains("'RootAccountUsage'") && k.Contains("no longer publishes"));
        }
    }
}
