using System.Collections.Generic;
using System.Linq;
using Amazon.Runtime;
using RootGuard.Core.Aws;
using RootGuard.Core.Connection;
using RootGuard.Core.Monitoring;
using RootGuard.Core.Planning;
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
        public void A_named_topic_keeps_the_statement_a_staying_rule_publishes_through()
        {
            var account = new RootGuardResources(
                new[] { new ManagedRule("us-east-1", "RootGuard-RootSignIn", "arn:aws:events:us-east-1:123456789012:rule/RootGuard-RootSignIn", "SignInAlert", new[] { "RootGuard-SNS" }, new[] { TeamTopic }) },
                new ManagedTopic[0],
                new[] { new ManagedAlarm("us-east-1", "RootGuard-RootAccountUsage", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:RootGuard-RootAccountUsage", "UsageAlarm", new[] { TeamTopic }, null) },
                new[] { new ForeignTopicGrant("us-east-1", TeamTopic, new[] { "RootGuardSignInAlertRootGuardRootSignIn", "RootGuardUsageAlarmRootGuardRootAccountUsage" }) });
            var selection = new RemovalSelection();
            selection.AddTopicArn(TeamTopic);
            selection.AlarmNames.Add("RootGuard-RootAccountUsage");

            var plan = RemovalPlanner.Decide(account, selection, Factory);

            // The alarm goes and so does its statement; the rule stays, and without its statement it would alert no one.
            var statement = Assert.Single(plan.Changes, c => c.ResourceType == "Topic policy statement");
            Assert.Contains("RootGuardUsageAlarmRootGuardRootAccountUsage", statement.Description);
            Assert.DoesNotContain("RootGuardSignInAlert", statement.Description);
            Assert.DoesNotContain(plan.Changes, c => c.ResourceType.StartsWith("EventBridge", System.StringComparison.Ordinal));
            Assert.Contains(plan.Warnings, w => w.Contains("RootGuardSignInAlertRootGuardRootSignIn") && w.Contains("EventBridge rule 'RootGuard-RootSignIn'"));
        }

        [Fact]
        public void A_stack_rule_keeps_its_statement_when_every_component_is_removed()
        {
            var account = new RootGuardResources(
                new[] { new ManagedRule("us-east-1", "RootGuard-RootSignIn", "arn:aws:events:us-east-1:123456789012:rule/RootGuard-RootSignIn", "SignInAlert", new[] { "RootGuard-SNS" }, new[] { TeamTopic }) { StackDeployed = true } },
                new ManagedTopic[0], new ManagedAlarm[0],
                new[] { new ForeignTopicGrant("us-east-1", TeamTopic, new[] { "RootGuardSignInAlertRootGuardRootSignIn" }) });
            var selection = new RemovalSelection();
            foreach (var c in RemovalSelection.AllComponents) selection.Components.Add(c);

            var plan = RemovalPlanner.Decide(account, selection, Factory);

            Assert.Empty(plan.Changes);
            Assert.Contains(plan.Warnings, w => w.Contains("RootGuardSignInAlertRootGuardRootSignIn") && w.Contains("still publishes"));
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
        public void Subscriptions_RootGuard_recorded_on_an_alarm_are_unsubscribed_only_once_the_alarm_is_deleted_and_only_those()
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
                "CloudWatch alarm|RootGuard-RootAccountUsage",
                "SNS e-mail subscription|a@example.com",
                "Topic policy statement|" + TeamTopic,
            }, Steps(plan));
            // An alarm that cannot be deleted keeps its subscribers, and the record of them; the step names what it removes.
            Assert.Equal(new[] { plan.Changes[0] }, plan.Changes[1].DependsOn);
            Assert.Contains(TeamTopic, plan.Changes[1].Description);
            Assert.Contains(TeamTopic + ":id-1", plan.Changes[1].Description);
            Assert.DoesNotContain(plan.Changes, c => c.ResourceType == "SNS topic");
        }

        [Fact]
        public void Subscriptions_RootGuard_recorded_on_a_rule_are_unsubscribed_only_once_the_rule_is_deleted()
        {
            var ours = new RecordedSubscription(TeamTopic, TeamTopic + ":id-1", "a@example.com", "RootGuard:Subscription:id-1");
            var rule = new ManagedRule("us-east-1", "alert", "arn:aws:events:us-east-1:123456789012:rule/alert", "SignInAlert", new[] { "RootGuard-SNS" },
                new[] { TeamTopic }, foreignTargetCount: 0, new[] { ours });
            var selection = new RemovalSelection();
            selection.Components.Add("SignInAlert");

            var plan = RemovalPlanner.Decide(new RootGuardResources(new[] { rule }, new ManagedTopic[0], new ManagedAlarm[0], new ForeignTopicGrant[0]), selection, Factory);

            Assert.Equal(new[] { "EventBridge rule|alert", "EventBridge targets|alert", "EventBridge rule|alert", "SNS e-mail subscription|a@example.com" }, Steps(plan));
            Assert.Equal(new[] { plan.Changes[2] }, plan.Changes[3].DependsOn);
        }

        [Fact]
        public void A_removal_reports_each_resource_once_and_a_rule_disabled_but_not_deleted_as_changed()
        {
            var selection = new RemovalSelection();
            foreach (var c in RemovalSelection.AllComponents) selection.Components.Add(c);
            var plan = RemovalPlanner.Decide(Account(), selection, Factory);
            var disable = plan.Changes[0];
            var ruleDeletion = plan.Changes.Single(c => c.ResourceType == "EventBridge rule" && c.Action == ChangeAction.Delete);

            var allDone = plan.Changes.Select(c => new AppliedChange(c, ChangeOutcome.Applied)).ToList();
            var reported = plan.Reported(allDone);
            Assert.Equal(plan.Changes.Where(c => !ReferenceEquals(c, disable)), reported.Select(r => r.Change));

            var deletionFailed = plan.Changes.Select(c => new AppliedChange(c, ReferenceEquals(c, ruleDeletion) ? ChangeOutcome.Failed : ChangeOutcome.Applied)).ToList();
            Assert.Equal(plan.Changes, plan.Reported(deletionFailed).Select(r => r.Change));

            var disableDeclined = plan.Changes.Select(c => new AppliedChange(c, ReferenceEquals(c, disable) ? ChangeOutcome.SkippedByUser
                : c.DependsOn.Contains(disable) || ReferenceEquals(c, ruleDeletion) ? ChangeOutcome.SkippedForDependency : ChangeOutcome.Applied)).ToList();
            Assert.Equal(plan.Changes, plan.Reported(disableDeclined).Select(r => r.Change));
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
