using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Aws.CloudWatch.Model;
using RootGuard.Core.Aws.CloudWatchLogs.Model;
using RootGuard.Core.MonitorDefinitions;
using RootGuard.Core.NotificationTopic;
using RootGuard.Core.Planning;
using RootGuard.Core.UsageAlarm;
using Xunit;

namespace RootGuard.Core.Tests.UsageAlarm
{
    /// <summary>The plan decisions: which filter, which alarm settings, which tags, which inputs are refused.</summary>
    public sealed class UsageAlarmDecisionTests
    {
        private const string Group = "trail-logs";
        private const string Topic = "arn:aws:sns:us-east-1:123456789012:RootGuard-RootAccountUsage";
        private const string Equivalent = "{($.eventType != \"AwsServiceEvent\") && ($.userIdentity.type = \"Root\") && ($.userIdentity.invokedBy NOT EXISTS)}";

        private static MetricFilter Filter(string name, string pattern, string ns = "CloudTrailMetrics", string metric = "RootAccountUsageCount",
            string value = "1") => new MetricFilter
        {
            FilterName = name,
            LogGroupName = Group,
            FilterPattern = pattern,
            MetricTransformations = { new MetricTransformation { MetricNamespace = ns, MetricName = metric, MetricValue = value } },
        };

        // owned: the ownership tag value ("group:filter") of this alarm, which proves the filter of that name is its own.
        private static MetricFilterChoice Decide(UsageAlarmSettings? settings = null, string? owned = null, params MetricFilter[] filters)
        {
            settings ??= new UsageAlarmSettings();
            var owners = new Dictionary<string, string>();
            if (owned != null)
            {
                owners[owned.Substring(owned.LastIndexOf(':') + 1)] = settings.AlarmName;
            }

            return MetricFilterChoice.Decide(Group, filters, settings, owners);
        }

        private static MetricFilterChoice DecideWithOwners(UsageAlarmSettings settings, Dictionary<string, string> owners, params MetricFilter[] filters) =>
            MetricFilterChoice.Decide(Group, filters, settings, owners);

        [Fact]
        public void With_no_filter_RootGuard_creates_the_exact_CIS_filter_and_owns_it()
        {
            var choice = Decide();

            Assert.Equal(ChangeAction.Create, choice.Action);
            Assert.Equal(RootMonitorDefinitions.CisRootUsageFilterPattern, choice.FilterPattern);
            Assert.True(choice.IsCisPattern);
            Assert.True(choice.MadeByRootGuard);
            Assert.False(choice.Reused);
            var put = choice.ToPutRequest();
            Assert.Equal("RootAccountUsage", put.FilterName);
            Assert.Equal("1", put.MetricTransformations.Single().MetricValue);
        }

        [Fact]
        public void RootGuards_own_filter_as_wanted_is_unchanged_and_still_owned()
        {
            var choice = Decide(null, "trail-logs:RootAccountUsage", Filter("RootAccountUsage", RootMonitorDefinitions.CisRootUsageFilterPattern));

            Assert.Equal(ChangeAction.Unchanged, choice.Action);
            Assert.True(choice.MadeByRootGuard);
            Assert.False(choice.Reused);
        }

        [Fact]
        public void An_equivalent_filter_of_another_name_is_reused_with_its_metric()
        {
            var choice = Decide(null, null, Filter("cis-root", Equivalent, "Security", "Root"));

            Assert.Equal(ChangeAction.Unchanged, choice.Action);
            Assert.True(choice.Reused);
            Assert.False(choice.MadeByRootGuard);
            Assert.Equal("cis-root", choice.FilterName);
            Assert.Equal(("Security", "Root"), (choice.MetricNamespace, choice.MetricName));
            Assert.False(choice.IsCisPattern);
            Assert.Contains("Reusing", choice.Reason);
        }

        [Fact]
        public void An_exact_CIS_filter_is_preferred_over_an_equivalent_one()
        {
            var choice = Decide(null, null, Filter("a-equivalent", Equivalent), Filter("b-exact", RootMonitorDefinitions.CisRootUsageFilterPattern));
            Assert.Equal("b-exact", choice.FilterName);
        }

        [Fact]
        public void A_filter_that_misses_root_usage_or_does_not_count_is_not_reused()
        {
            var choice = Decide(null, null,
                Filter("narrow", "{ $.userIdentity.type = \"Root\" && $.eventName = \"ConsoleLogin\" }"),
                Filter("valued", RootMonitorDefinitions.CisRootUsageFilterPattern, value: "$.count"));
            Assert.Equal(ChangeAction.Create, choice.Action);
        }

        [Fact]
        public void With_the_assume_root_exclusion_only_the_non_CIS_variant_is_reused()
        {
            var settings = new UsageAlarmSettings { ExcludeCentralizedRootSession = true };

            var choice = Decide(settings, null, Filter("cis", RootMonitorDefinitions.CisRootUsageFilterPattern));

            Assert.Equal(ChangeAction.Create, choice.Action);
            Assert.Equal(RootMonitorDefinitions.CisRootUsageWithoutAssumeRootFilterPattern, choice.FilterPattern);
            Assert.False(choice.IsCisPattern);
        }

        [Fact]
        public void A_same_named_filter_RootGuard_did_not_make_that_differs_is_refused_naming_it_and_the_way_out()
        {
            var existing = Filter("RootAccountUsage", "{ $.userIdentity.type = \"Root\" }", "Old", "Old");

            var e = Assert.Throws<RootGuardException>(() => Decide(null, null, existing));

            Assert.Equal(ErrorIds.MetricFilterNotManaged, e.ErrorId);
            Assert.Equal(FailureKind.InvalidOperation, e.Kind);
            Assert.Equal("FilterName", e.Target);
            Assert.Contains("'RootAccountUsage'", e.Message);
            Assert.Contains("'trail-logs'", e.Message);
            Assert.Contains("Old/Old", e.Message);
            Assert.Contains("Nothing was changed", e.Message);
            Assert.Contains("-FilterName RootGuard-RootAccountUsage", e.RecommendedAction);
            Assert.Contains("-AdoptExisting", e.RecommendedAction);
        }

        [Fact]
        public void With_AdoptExisting_the_same_named_filter_is_updated_claimed_and_can_be_restored()
        {
            var existing = Filter("RootAccountUsage", "{ $.userIdentity.type = \"Root\" }", "Old", "Old");

            var choice = Decide(new UsageAlarmSettings { AdoptExisting = true }, null, existing);

            Assert.Equal(ChangeAction.Update, choice.Action);
            Assert.True(choice.MadeByRootGuard);
            Assert.False(choice.Reused);
            Assert.Contains("-AdoptExisting", choice.Reason);
            Assert.Equal("{ $.userIdentity.type = \"Root\" }", choice.ToRestoreRequest()!.FilterPattern);
            Assert.Equal("Old", choice.ToRestoreRequest()!.MetricTransformations.Single().MetricName);
        }

        [Fact]
        public void A_same_named_filter_RootGuard_did_not_make_that_is_exactly_as_wanted_is_used_unchanged_and_not_claimed()
        {
            var choice = Decide(null, null, Filter("RootAccountUsage", RootMonitorDefinitions.CisRootUsageFilterPattern));

            Assert.Equal(ChangeAction.Unchanged, choice.Action);
            Assert.True(choice.Reused);
            Assert.False(choice.MadeByRootGuard);
        }

        [Fact]
        public void A_differing_same_named_filter_is_left_alone_when_another_filter_can_be_reused()
        {
            var choice = Decide(null, null, Filter("RootAccountUsage", "{ $.eventName = \"X\" }", "Theirs", "Theirs"), Filter("cis", Equivalent, "Sec", "Root"));

            Assert.Equal(ChangeAction.Unchanged, choice.Action);
            Assert.Equal("cis", choice.FilterName);
            Assert.True(choice.Reused);
        }

        [Fact]
        public void A_filter_another_RootGuard_alarm_owns_is_neither_changed_nor_shared_even_with_AdoptExisting()
        {
            var owners = new Dictionary<string, string> { ["RootAccountUsage"] = "first-alarm" };
            var settings = new UsageAlarmSettings { AlarmName = "second-alarm", FilterName = "RootAccountUsage", MetricNamespace = "Other", AdoptExisting = true };

            var e = Assert.Throws<RootGuardException>(() =>
                DecideWithOwners(settings, owners, Filter("RootAccountUsage", RootMonitorDefinitions.CisRootUsageFilterPattern)));

            Assert.Equal(ErrorIds.MetricFilterInUse, e.ErrorId);
            Assert.Contains("'first-alarm'", e.Message);
            Assert.Contains("-FilterName", e.RecommendedAction);
            Assert.Contains("-AlarmName first-alarm", e.RecommendedAction);
        }

        [Fact]
        public void An_exact_filter_another_RootGuard_alarm_owns_is_not_shared_either()
        {
            var owners = new Dictionary<string, string> { ["RootAccountUsage"] = "first-alarm" };
            var settings = new UsageAlarmSettings { AlarmName = "second-alarm" };

            var e = Assert.Throws<RootGuardException>(() =>
                DecideWithOwners(settings, owners, Filter("RootAccountUsage", RootMonitorDefinitions.CisRootUsageFilterPattern)));

            Assert.Equal(ErrorIds.MetricFilterInUse, e.ErrorId);
        }

        [Fact]
        public void An_equivalent_filter_another_RootGuard_alarm_owns_is_not_reused_and_this_alarm_gets_its_own()
        {
            var owners = new Dictionary<string, string> { ["RootAccountUsage"] = "first-alarm" };
            var settings = new UsageAlarmSettings { AlarmName = "second-alarm", MetricNamespace = "Other" };

            var choice = DecideWithOwners(settings, owners, Filter("RootAccountUsage", RootMonitorDefinitions.CisRootUsageFilterPattern));

            Assert.Equal(ChangeAction.Create, choice.Action);
            Assert.Equal("RootAccountUsage-Other", choice.FilterName);
            Assert.Equal("Other", choice.MetricNamespace);
            Assert.True(choice.MadeByRootGuard);
        }

        [Theory]
        [InlineData(null, "RootAccountUsage")]
        [InlineData("CloudTrailMetrics", "RootAccountUsage")]
        [InlineData("Security/Root", "RootAccountUsage-Security/Root")]
        public void The_default_filter_name_follows_a_namespace_other_than_the_CIS_one(string? metricNamespace, string expected)
        {
            var settings = new UsageAlarmSettings();
            if (metricNamespace != null) settings.MetricNamespace = metricNamespace;

            Assert.Equal(expected, settings.EffectiveFilterName);
            settings.Validate();
            Assert.Equal("Mine", new UsageAlarmSettings { MetricNamespace = "Other", FilterName = "Mine" }.EffectiveFilterName);
        }

        [Fact]
        public void Only_the_wanted_name_and_reusable_filters_are_candidates_for_an_owner_lookup()
        {
            var candidates = MetricFilterChoice.Candidates(new[]
            {
                Filter("RootAccountUsage", "{ $.eventName = \"X\" }"),
                Filter("cis", Equivalent),
                Filter("unrelated", "{ $.eventName = \"CreateUser\" }"),
            }, new UsageAlarmSettings());

            Assert.Equal(new[] { "RootAccountUsage", "cis" }, candidates.Select(f => f.FilterName));
        }

        [Fact]
        public void A_changed_metric_name_updates_RootGuards_filter_rather_than_reusing_it()
        {
            var settings = new UsageAlarmSettings { MetricName = "RootUse" };

            var choice = Decide(settings, "trail-logs:RootAccountUsage", Filter("RootAccountUsage", RootMonitorDefinitions.CisRootUsageFilterPattern));

            Assert.Equal(ChangeAction.Update, choice.Action);
            Assert.True(choice.MadeByRootGuard);
            Assert.Equal("RootUse", choice.MetricName);
        }

        [Fact]
        public void The_alarm_is_the_CIS_alarm_with_RootGuards_tags_and_the_filter_ownership_tag()
        {
            var design = new AlarmDesign("RootGuard-RootAccountUsage", Decide(), new UsageAlarmSettings { Tags = new Dictionary<string, string> { ["Team"] = "Sec" } }, Topic);

            var request = design.Request;
            Assert.Equal(("Sum", 300, 1, 1.0), (request.Statistic, request.Period, request.EvaluationPeriods, request.Threshold));
            Assert.Equal("GreaterThanOrEqualToThreshold", request.ComparisonOperator);
            Assert.Equal("notBreaching", request.TreatMissingData);
            Assert.Equal(new[] { Topic }, request.AlarmActions);
            Assert.Contains("CloudWatch.1", request.AlarmDescription);
            Assert.Equal("RootGuard", design.Tags["ManagedBy"]);
            Assert.Equal("UsageAlarm", design.Tags["RootGuard:Component"]);
            Assert.Equal("trail-logs:RootAccountUsage", design.Tags[MetricFilterChoice.OwnershipTagKey]);
            Assert.Equal("Sec", design.Tags["Team"]);
        }

        [Fact]
        public void A_reused_filter_is_not_claimed_and_a_stale_claim_is_removed()
        {
            var design = new AlarmDesign("a", Decide(null, null, Filter("cis", Equivalent)), new UsageAlarmSettings(), Topic);

            Assert.False(design.Tags.ContainsKey(MetricFilterChoice.OwnershipTagKey));
            Assert.Equal(new[] { MetricFilterChoice.OwnershipTagKey },
                design.TagsToRemove(new[] { new Tag { Key = MetricFilterChoice.OwnershipTagKey, Value = "trail-logs:old" } }));
        }

        [Fact]
        public void A_user_tag_cannot_claim_a_filter_for_RootGuard()
        {
            var settings = new UsageAlarmSettings { Tags = new Dictionary<string, string> { [MetricFilterChoice.OwnershipTagKey] = "x:y" } };
            var design = new AlarmDesign("a", Decide(null, null, Filter("cis", Equivalent)), settings, Topic);
            Assert.False(design.Tags.ContainsKey(MetricFilterChoice.OwnershipTagKey));
        }

        [Fact]
        public void An_alarm_as_designed_has_no_differences_and_a_changed_one_lists_them()
        {
            var design = new AlarmDesign("a", Decide(), new UsageAlarmSettings(), Topic);
            var existing = new MetricAlarm
            {
                AlarmName = "a", AlarmDescription = design.Request.AlarmDescription, ActionsEnabled = true, AlarmActions = { Topic },
                Namespace = "CloudTrailMetrics", MetricName = "RootAccountUsageCount", Statistic = "Sum", Period = 300, EvaluationPeriods = 1,
                Threshold = 1, ComparisonOperator = "GreaterThanOrEqualToThreshold", TreatMissingData = "notBreaching",
            };

            Assert.Empty(design.Differences(existing));

            existing.Period = 60;
            existing.TreatMissingData = null;
            var differences = design.Differences(existing);
            Assert.Contains(differences, d => d.StartsWith("Period: 60"));
            Assert.Contains(differences, d => d.StartsWith("TreatMissingData: missing"));
            Assert.Equal(60, AlarmDesign.RestoreRequest(existing).Period);
            Assert.Empty(design.UpdateRequestFor(existing).Tags);
            Assert.Equal(300, design.UpdateRequestFor(existing).Period);
        }

        [Fact]
        public void Actions_RootGuard_never_sets_are_no_difference_and_an_update_keeps_them_but_replaces_another_topic()
        {
            var design = new AlarmDesign("a", Decide(), new UsageAlarmSettings(), Topic);
            const string OpsItem = "arn:aws:ssm:us-east-1:123456789012:opsitem:3";
            const string Pager = "arn:aws:sns:us-east-1:123456789012:pager";
            var existing = new MetricAlarm
            {
                AlarmName = "a", AlarmDescription = design.Request.AlarmDescription, ActionsEnabled = true, AlarmActions = { Topic, OpsItem },
                OKActions = { Pager }, InsufficientDataActions = { Pager },
                Namespace = "CloudTrailMetrics", MetricName = "RootAccountUsageCount", Statistic = "Sum", Period = 300, EvaluationPeriods = 1,
                Threshold = 1, ComparisonOperator = "GreaterThanOrEqualToThreshold", TreatMissingData = "notBreaching",
            };

            Assert.Empty(design.Differences(existing));
            Assert.Empty(design.ReplacedTopics(existing));

            existing.AlarmActions.Add(Pager);
            var update = design.UpdateRequestFor(existing);
            Assert.Contains(design.Differences(existing), d => d.StartsWith("AlarmActions: "));
            Assert.Equal(new[] { Pager }, design.ReplacedTopics(existing));
            Assert.Equal(new[] { Topic, OpsItem }, update.AlarmActions);
            Assert.Equal(new[] { Pager }, update.OKActions);
            Assert.Equal(new[] { Pager }, update.InsufficientDataActions);
        }

        [Fact]
        public void The_CIS_defaults_and_settings_that_still_fire_on_one_root_event_give_no_warning()
        {
            Assert.Empty(new AlarmDesign("a", Decide(), new UsageAlarmSettings(), Topic).SingleEventWarnings());
            // Differs from CIS but one root event still raises it: RG.ROOT.6 passes, so nothing to warn of.
            Assert.Empty(new AlarmDesign("a", Decide(), new UsageAlarmSettings { Period = 60 }, Topic).SingleEventWarnings());
        }

        [Theory]
        [InlineData(2, 1, "-Threshold 2: one root event makes the Sum 1, and the alarm needs Sum >= 2")]
        [InlineData(1.5, 1, "-Threshold 1.5: ")]
        [InlineData(1, 3, "-EvaluationPeriods 3: the alarm needs 3 breaching periods out of 3")]
        public void A_threshold_or_evaluation_periods_one_root_event_cannot_reach_is_warned_of_as_an_RG_ROOT_6_failure(double threshold, int evaluationPeriods, string start)
        {
            var design = new AlarmDesign("a", Decide(), new UsageAlarmSettings { Threshold = threshold, EvaluationPeriods = evaluationPeriods }, Topic);

            var warning = Assert.Single(design.SingleEventWarnings());
            Assert.StartsWith(start, warning);
            Assert.Contains("RG.ROOT.6", warning);
            Assert.Contains("(1, the CIS default)", warning);
        }

        [Theory]
        [InlineData(45, 1, 1, ErrorIds.InvalidPeriod)]
        [InlineData(90, 1, 1, ErrorIds.InvalidPeriod)]
        [InlineData(300, 0, 1, ErrorIds.InvalidThreshold)]
        [InlineData(300, 0.5, 1, ErrorIds.InvalidThreshold)]
        [InlineData(300, double.PositiveInfinity, 1, ErrorIds.InvalidThreshold)]
        [InlineData(300, double.NegativeInfinity, 1, ErrorIds.InvalidThreshold)]
        [InlineData(300, double.NaN, 1, ErrorIds.InvalidThreshold)]
        [InlineData(300, 1, 0, ErrorIds.InvalidEvaluationPeriods)]
        [InlineData(3600, 1, 25, ErrorIds.InvalidEvaluationPeriods)]
        public void Settings_outside_CloudWatchs_rules_are_refused(int period, double threshold, int evaluationPeriods, string errorId)
        {
            var failure = Assert.Throws<RootGuardException>(() => new UsageAlarmSettings { Period = period, Threshold = threshold, EvaluationPeriods = evaluationPeriods }.Validate());
            Assert.Equal(errorId, failure.ErrorId);
            Assert.Equal(FailureKind.InvalidArgument, failure.Kind);
        }

        [Theory]
        [InlineData(10)]
        [InlineData(30)]
        [InlineData(60)]
        [InlineData(300)]
        [InlineData(86400)]
        public void CloudWatch_periods_are_accepted(int period)
        {
            new UsageAlarmSettings { Period = period }.Validate();
        }

        [Fact]
        public void No_topic_and_no_address_is_refused_before_any_call()
        {
            var failure = Assert.Throws<RootGuardException>(() => new UsageAlarmRequest(new UsageAlarmSettings(), new UsageAlarmNotification()).Validate());
            Assert.Equal(ErrorIds.NoNotificationTarget, failure.ErrorId);
        }

        [Fact]
        public void The_topic_and_statement_id_follow_the_alarm_name()
        {
            Assert.Equal("RootGuard-RootAccountUsage", UsageAlarmPlanner.TopicName("RootGuard-RootAccountUsage"));
            Assert.Equal("Root-usage--prod-", UsageAlarmPlanner.TopicName("Root usage (prod)"));
            Assert.Equal("RootGuardUsageAlarmRootGuardRootAccountUsage", UsageAlarmPlanner.StatementSid("RootGuard-RootAccountUsage"));
        }
    }
}
