using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.NotificationTopic;
using RootGuard.Core.Ownership;
using Xunit;

namespace RootGuard.Core.Tests.Ownership
{
    /// <summary>What proves a metric filter or an e-mail subscription to be RootGuard's, where the resource itself cannot carry a tag.</summary>
    public sealed class RootGuardOwnershipTests
    {
        private static readonly (string?, string?)[] UsageMetric = { ("CloudTrailMetrics", "RootAccountUsageCount") };

        private static List<KeyValuePair<string, string>> Tags(bool managed = true, string? filterTag = "trail-logs:RootAccountUsage")
        {
            var tags = new List<KeyValuePair<string, string>>();
            if (managed)
            {
                tags.Add(new("ManagedBy", "RootGuard"));
                tags.Add(new("RootGuard:Component", "UsageAlarm"));
            }

            if (filterTag != null) tags.Add(new(RootGuardOwnership.CreatedMetricFilterTagKey, filterTag));
            return tags;
        }

        [Fact]
        public void A_RootGuard_alarm_that_names_the_filter_and_watches_its_metric_proves_it()
        {
            Assert.True(RootGuardOwnership.ProvesMetricFilter(Tags(), "CloudTrailMetrics", "RootAccountUsageCount", "trail-logs", "RootAccountUsage", UsageMetric));
        }

        [Theory]
        [InlineData(false, "trail-logs:RootAccountUsage", "CloudTrailMetrics", "RootAccountUsageCount", "RootAccountUsage")] // not RootGuard's alarm
        [InlineData(true, null, "CloudTrailMetrics", "RootAccountUsageCount", "RootAccountUsage")]                         // no tag naming it
        [InlineData(true, "other-group:RootAccountUsage", "CloudTrailMetrics", "RootAccountUsageCount", "RootAccountUsage")]  // another log group
        [InlineData(true, "trail-logs:RootAccountUsage", "Other", "RootAccountUsageCount", "RootAccountUsage")]             // the alarm watches another metric
        [InlineData(true, "trail-logs:RootAccountUsage", "CloudTrailMetrics", "RootAccountUsageCount", "Theirs")]           // another filter
        public void A_tag_alone_a_foreign_alarm_or_another_metric_proves_nothing(bool managed, string? filterTag, string alarmNamespace, string alarmMetric,
            string filterName)
        {
            Assert.False(RootGuardOwnership.ProvesMetricFilter(Tags(managed, filterTag), alarmNamespace, alarmMetric, "trail-logs", filterName, UsageMetric));
        }

        [Fact]
        public void A_filter_recreated_under_the_same_name_for_another_metric_is_not_RootGuards()
        {
            Assert.False(RootGuardOwnership.ProvesMetricFilter(Tags(), "CloudTrailMetrics", "RootAccountUsageCount", "trail-logs", "RootAccountUsage",
                new (string?, string?)[] { ("Team", "Logins") }));
        }

        [Fact]
        public void A_subscription_is_recorded_as_one_tag_keyed_by_its_id_and_read_back_as_its_ARN()
        {
            const string topic = "arn:aws:sns:us-east-1:123456789012:team-alerts";
            const string subscription = topic + ":4c1b1c1e-7a0b-4f43-9d2e-3e7f0f6a1b2c";

            var tag = RootGuardOwnership.SubscriptionTag(topic, subscription)!.Value;

            Assert.Equal("RootGuard:Subscription:4c1b1c1e-7a0b-4f43-9d2e-3e7f0f6a1b2c", tag.Key);
            Assert.Equal(topic, tag.Value);
            Assert.True(tag.Key.Length <= 128);
            var read = RootGuardOwnership.RecordedSubscriptions(new[] { tag, new KeyValuePair<string, string>("Team", "Sec") });
            Assert.Equal((topic, subscription, tag.Key), Assert.Single(read));
        }

        [Theory]
        [InlineData(null)]
        [InlineData("PendingConfirmation")]
        [InlineData("arn:aws:sns:us-east-1:123456789012:other-topic:4c1b1c1e-7a0b-4f43-9d2e-3e7f0f6a1b2c")]
        public void Something_that_is_not_a_subscription_of_the_topic_cannot_be_recorded(string? subscriptionArn)
        {
            Assert.Null(RootGuardOwnership.SubscriptionTag("arn:aws:sns:us-east-1:123456789012:team-alerts", subscriptionArn));
        }

        [Theory]
        [InlineData("RootGuard:MetricFilter")]
        [InlineData("RootGuard:Subscription:4c1b1c1e-7a0b-4f43-9d2e-3e7f0f6a1b2c")]
        [InlineData("ManagedBy")]
        public void A_user_tag_cannot_forge_a_record_of_ownership(string key)
        {
            var e = Assert.Throws<RootGuardException>(() => NotificationInputRules.ValidateTags(new Dictionary<string, string> { [key] = "x" }));
            Assert.Equal(ErrorIds.ReservedTagKey, e.ErrorId);
        }
    

        private const string Ours = "arn:aws:sns:us-east-1:123456789012:RootGuard-RootSignIn";
        private const string Theirs = "arn:aws:sns:us-east-1:123456789012:team-pager";

        [Fact]
        public void An_alarm_with_one_topic_and_nothing_else_has_no_action_RootGuard_did_not_set()
        {
            // One topic is RootGuard's even when nothing proves it (a topic of another account, whose policy cannot be read).
            Assert.Empty(RootGuardOwnership.ForeignAlarmActions(new[] { "arn:aws:sns:us-east-1:210987654321:central" }, new string[0], new string[0], _ => false));
        }

        [Fact]
        public void Of_several_topics_the_one_RootGuard_recognises_is_its_own_and_every_OK_or_INSUFFICIENT_DATA_action_is_someone_elses()
        {
            var foreign = RootGuardOwnership.ForeignAlarmActions(new[] { Ours, Theirs }, new[] { Ours }, new[] { "arn:aws:automate:us-east-1:ec2:stop" }, t => t == Ours);

            Assert.Equal(new[] { "alarm action " + Theirs, "OK action " + Ours, "INSUFFICIENT_DATA action arn:aws:automate:us-east-1:ec2:stop" }, foreign);
        }

        [Fact]
        public void Of_several_topics_none_of_which_RootGuard_recognises_all_count_as_someone_elses()
        {
            Assert.Equal(new[] { "alarm action " + Ours, "alarm action " + Theirs },
                RootGuardOwnership.ForeignAlarmActions(new[] { Ours, Theirs }, new string[0], new string[0], _ => false));
        }
    }
}
