using System;
using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Aws.CloudTrail.Model;
using RootGuard.Core.NotificationTopic;
using RootGuard.Core.Trails;
using RootGuard.Core.UsageAlarm;
using Xunit;

namespace RootGuard.Core.Tests.Trails
{
    public sealed class TrailEvaluatorTests
    {
        private const string Account = "123456789012";
        private const string GroupArn = "arn:aws:logs:eu-west-1:123456789012:log-group:aws-cloudtrail-logs:*";

        private static Trail GoodTrail(string name = "main") => new Trail
        {
            Name = name,
            TrailARN = $"arn:aws:cloudtrail:eu-west-1:{Account}:trail/{name}",
            HomeRegion = "eu-west-1",
            IsMultiRegionTrail = true,
            CloudWatchLogsLogGroupArn = GroupArn,
        };

        private static readonly GetTrailStatusResponse Logging = new GetTrailStatusResponse { IsLogging = true };
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 3, 4, 12, 0, 0, TimeSpan.Zero);

        /// <summary>A logging trail's status that reports a delivery error, CloudTrail having last delivered at <paramref name="delivered"/>.</summary>
        private static GetTrailStatusResponse DeliveryError(DateTimeOffset? delivered) => new GetTrailStatusResponse
        {
            IsLogging = true,
            LatestCloudWatchLogsDeliveryError = "Access denied. Verify in IAM that the role has adequate permissions.",
            LatestCloudWatchLogsDeliveryTime = delivered?.UtcDateTime,
        };
        private static readonly GetEventSelectorsResponse DefaultSelectors = new GetEventSelectorsResponse();

        private static IEnumerable<TrailCondition> Failed(Trail trail, GetTrailStatusResponse? status = null, GetEventSelectorsResponse? selectors = null,
            string account = Account) =>
            TrailEvaluator.Evaluate(trail, status ?? Logging, selectors ?? DefaultSelectors, account).Problems.Select(p => p.Condition);

        [Fact]
        public void A_multi_region_logging_trail_with_default_selectors_and_logs_delivery_is_suitable()
        {
            var assessment = TrailEvaluator.Evaluate(GoodTrail(), Logging, DefaultSelectors, Account);

            Assert.True(assessment.IsSuitable);
            Assert.Equal("aws-cloudtrail-logs", assessment.LogGroupName);
            Assert.Equal("eu-west-1", assessment.LogGroupRegion);
        }

        [Fact]
        public void A_single_region_trail_fails_only_multi_region()
        {
            var trail = GoodTrail();
            trail.IsMultiRegionTrail = false;
            Assert.Equal(new[] { TrailCondition.MultiRegion }, Failed(trail));
        }

        [Fact]
        public void A_stopped_trail_fails_only_logging()
        {
            Assert.Equal(new[] { TrailCondition.Logging }, Failed(GoodTrail(), new GetTrailStatusResponse { IsLogging = false }));
        }

        [Fact]
        public void A_trail_without_a_log_group_fails_cloudwatch_logs_delivery()
        {
            var trail = GoodTrail();
            trail.CloudWatchLogsLogGroupArn = null;
            Assert.Equal(new[] { TrailCondition.CloudWatchLogsDelivery }, Failed(trail));
        }

        [Fact]
        public void A_logging_trail_whose_CloudWatch_Logs_delivery_fails_fails_that_condition_with_the_error_and_the_role_to_check()
        {
            var trail = GoodTrail();
            trail.CloudWatchLogsRoleArn = "arn:aws:iam::123456789012:role/CloudTrailLogs";
            var status = new GetTrailStatusResponse
            {
                IsLogging = true,
                LatestCloudWatchLogsDeliveryError = "KMS key is disabled",
                LatestCloudWatchLogsDeliveryTime = new System.DateTime(2026, 1, 2, 3, 4, 0, System.DateTimeKind.Utc),
            };

            var assessment = TrailEvaluator.Evaluate(trail, status, DefaultSelectors, Account);

            var problem = Assert.Single(assessment.Problems);
            Assert.Equal(TrailCondition.CloudWatchLogsDeliverySucceeds, problem.Condition);
            Assert.Equal("CloudTrail's last delivery to log group 'aws-cloudtrail-logs' failed (KMS key is disabled), so root activity does not reach it (last delivered 2026-01-02 03:04 UTC).", problem.Problem);
            Assert.Contains("role/CloudTrailLogs", problem.Fix);
            Assert.Contains("logs:CreateLogStream and logs:PutLogEvents", problem.Fix);
            Assert.Contains("KMS key", problem.Fix);
            Assert.False(assessment.IsSuitable);
        }

        [Theory]
        [InlineData("")]
        [InlineData(null)]
        public void An_empty_delivery_error_is_no_error(string? error) =>
            Assert.Empty(Failed(GoodTrail(), new GetTrailStatusResponse { IsLogging = true, LatestCloudWatchLogsDeliveryError = error }));

        [Fact]
        public void An_organization_trail_whose_log_group_is_in_the_management_account_fails_for_a_member_account()
        {
            var trail = GoodTrail();
            trail.IsOrganizationTrail = true;
            var assessment = TrailEvaluator.Evaluate(trail, Logging, DefaultSelectors, "999999999999");

            Assert.Equal(new[] { TrailCondition.LogGroupInThisAccount }, assessment.Problems.Select(p => p.Condition));
            Assert.Contains("(organization trail)", assessment.Explain());
        }

        [Fact]
        public void An_organization_trail_counts_in_the_account_that_owns_its_log_group()
        {
            var trail = GoodTrail();
            trail.IsOrganizationTrail = true;
            Assert.Empty(Failed(trail));
        }

        [Theory]
        [InlineData("WriteOnly", true, "read-only")]
        [InlineData("ReadOnly", true, "write")]
        [InlineData("All", false, "all")]
        public void Basic_selectors_that_leave_out_management_events_fail_and_say_which(string readWrite, bool includeManagement, string missing)
        {
            var selectors = new GetEventSelectorsResponse
            {
                EventSelectors = { new EventSelector { ReadWriteType = readWrite, IncludeManagementEvents = includeManagement } },
            };

            var assessment = TrailEvaluator.Evaluate(GoodTrail(), Logging, selectors, Account);

            Assert.Equal(TrailCondition.ManagementEvents, Assert.Single(assessment.Problems).Condition);
            Assert.Contains($"exclude {missing} management events", assessment.Problems[0].Problem);
        }

        [Fact]
        public void Unreadable_status_is_a_failed_condition_with_the_permission_to_grant()
        {
            var assessment = TrailEvaluator.Evaluate(GoodTrail(), null, null, Account, "AWS answered AccessDeniedException");

            var problem = Assert.Single(assessment.Problems);
            Assert.Equal(TrailCondition.Readable, problem.Condition);
            Assert.Contains("cloudtrail:GetTrailStatus", problem.Fix);
        }

        [Fact]
        public void The_trail_whose_log_group_is_in_the_asked_region_is_picked_first()
        {
            var here = TrailEvaluator.Evaluate(GoodTrail("b-here"), Logging, DefaultSelectors, Account);
            var elsewhereTrail = GoodTrail("a-elsewhere");
            elsewhereTrail.CloudWatchLogsLogGroupArn = "arn:aws:logs:us-west-2:123456789012:log-group:other:*";
            var elsewhere = TrailEvaluator.Evaluate(elsewhereTrail, Logging, DefaultSelectors, Account);
            var broken = TrailEvaluator.Evaluate(GoodTrail("0-broken"), new GetTrailStatusResponse { IsLogging = false }, DefaultSelectors, Account);

            Assert.Same(here, TrailDiscovery.Pick(new[] { broken, elsewhere, here }, "eu-west-1", Now));
            Assert.Same(elsewhere, TrailDiscovery.Pick(new[] { broken, elsewhere, here }, "ap-south-1", Now));
            Assert.Null(TrailDiscovery.Pick(new[] { broken }, "eu-west-1", Now));
        }

        [Fact]
        public void The_delivery_error_and_time_are_kept_on_the_assessment()
        {
            var assessment = TrailEvaluator.Evaluate(GoodTrail(), DeliveryError(Now.AddMinutes(-20)), DefaultSelectors, Account);

            Assert.Equal("Access denied. Verify in IAM that the role has adequate permissions.", assessment.LatestCloudWatchLogsDeliveryError);
            Assert.Equal(Now.AddMinutes(-20).UtcDateTime, assessment.LatestCloudWatchLogsDeliveryTime);
            Assert.Equal(DateTimeKind.Utc, assessment.LatestCloudWatchLogsDeliveryTime!.Value.Kind);
            Assert.Equal("2026-03-04 11:40 UTC", assessment.LatestCloudWatchLogsDeliveryTimeText);
        }

        [Theory]
        [InlineData(-20, true)]
        [InlineData(-60, true)]
        [InlineData(-61, false)]
        [InlineData(-60 * 24 * 3, false)]
        public void A_delivery_error_may_predate_a_fix_only_when_the_trail_delivered_within_the_hour(int minutesAgo, bool doubted)
        {
            var assessment = TrailEvaluator.Evaluate(GoodTrail(), DeliveryError(Now.AddMinutes(minutesAgo)), DefaultSelectors, Account);

            Assert.Equal(doubted, assessment.DeliveryErrorMayPredateFix(Now));
            Assert.Equal(doubted, assessment.IsSuitableButForDoubtedDeliveryError(Now));
            Assert.False(assessment.IsSuitable);
        }

        [Fact]
        public void A_delivery_error_without_any_delivery_stands()
        {
            var assessment = TrailEvaluator.Evaluate(GoodTrail(), DeliveryError(null), DefaultSelectors, Account);

            Assert.False(assessment.DeliveryErrorMayPredateFix(Now));
            Assert.False(assessment.IsSuitableButForDoubtedDeliveryError(Now));
        }

        [Fact]
        public void A_recent_delivery_clears_no_doubt_for_a_trail_that_is_suitable_or_has_other_problems()
        {
            var suitable = TrailEvaluator.Evaluate(GoodTrail(), new GetTrailStatusResponse { IsLogging = true, LatestCloudWatchLogsDeliveryTime = Now.AddMinutes(-5).UtcDateTime },
                DefaultSelectors, Account);
            var single = GoodTrail();
            single.IsMultiRegionTrail = false;
            var singleWithError = TrailEvaluator.Evaluate(single, DeliveryError(Now.AddMinutes(-5)), DefaultSelectors, Account);

            Assert.False(suitable.DeliveryErrorMayPredateFix(Now));
            Assert.False(suitable.IsSuitableButForDoubtedDeliveryError(Now));
            Assert.True(singleWithError.DeliveryErrorMayPredateFix(Now));
            Assert.False(singleWithError.IsSuitableButForDoubtedDeliveryError(Now));
        }

        [Fact]
        public void A_suitable_trail_is_picked_over_one_whose_delivery_error_may_predate_a_fix()
        {
            var doubted = TrailEvaluator.Evaluate(GoodTrail("a-doubted"), DeliveryError(Now.AddMinutes(-5)), DefaultSelectors, Account);
            var suitableTrail = GoodTrail("z-suitable");
            suitableTrail.CloudWatchLogsLogGroupArn = "arn:aws:logs:us-west-2:123456789012:log-group:other:*";
            var suitable = TrailEvaluator.Evaluate(suitableTrail, Logging, DefaultSelectors, Account);

            // Even though the doubted trail's log group is in the asked region and its name comes first.
            Assert.Same(suitable, TrailDiscovery.Pick(new[] { doubted, suitable }, "eu-west-1", Now));
        }

        [Fact]
        public void A_trail_whose_only_problem_is_a_delivery_error_with_a_delivery_within_the_hour_is_picked_when_none_is_suitable()
        {
            var doubted = TrailEvaluator.Evaluate(GoodTrail("doubted"), DeliveryError(Now.AddMinutes(-5)), DefaultSelectors, Account);
            var stopped = TrailEvaluator.Evaluate(GoodTrail("0-stopped"), new GetTrailStatusResponse { IsLogging = false }, DefaultSelectors, Account);

            Assert.Same(doubted, TrailDiscovery.Pick(new[] { stopped, doubted }, "eu-west-1", Now));
            var warning = TrailDiscovery.DoubtedDeliveryWarning(doubted);
            Assert.Contains("Trail 'doubted'", warning);
            Assert.Contains("'Access denied. Verify in IAM that the role has adequate permissions.'", warning);
            Assert.Contains("at 2026-03-04 11:55 UTC", warning);
            Assert.EndsWith(doubted.Problem(TrailCondition.CloudWatchLogsDeliverySucceeds)!.Fix, warning);
        }

        [Fact]
        public void A_trail_with_a_delivery_error_and_no_delivery_within_the_hour_is_not_picked()
        {
            var old = TrailEvaluator.Evaluate(GoodTrail("old"), DeliveryError(Now.AddHours(-3)), DefaultSelectors, Account);

            Assert.Null(TrailDiscovery.Pick(new[] { old }, "eu-west-1", Now));
            // The same trail, judged an hour and more earlier, was delivering recently: the time given decides.
            Assert.Same(old, TrailDiscovery.Pick(new[] { old }, "eu-west-1", Now.AddHours(-2.5)));
        }

        [Fact]
        public void No_suitable_trail_names_every_trail_with_its_problems_and_fixes()
        {
            var stopped = TrailEvaluator.Evaluate(GoodTrail("stopped"), new GetTrailStatusResponse { IsLogging = false }, DefaultSelectors, Account);
            var single = GoodTrail("single");
            single.IsMultiRegionTrail = false;
            var singleAssessment = TrailEvaluator.Evaluate(single, Logging, DefaultSelectors, Account);

            var failure = TrailDiscovery.NoSuitableTrail(new[] { stopped, singleAssessment }, "eu-west-1");

            Assert.Equal(ErrorIds.NoSuitableTrail, failure.ErrorId);
            Assert.Equal(FailureKind.NotFound, failure.Kind);
            Assert.Contains("Trail 'stopped': It is not logging.", failure.Message);
            Assert.Contains("Trail 'single': It records only its own region", failure.Message);
            Assert.Contains("stopped: Start it: aws cloudtrail start-logging --name stopped", failure.RecommendedAction);
            Assert.Contains("--is-multi-region-trail", failure.RecommendedAction);
        }
    }
}
