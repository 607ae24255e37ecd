using System.Linq;
using System.Management.Automation;
using RootGuard.PowerShell.Tests.Harness;
using Xunit;

namespace RootGuard.PowerShell.Tests.UsageAlarm
{
    /// <summary>New-RootUsageAlarm when it cannot or must not go on: unsuitable trails, bad input, failures part-way.</summary>
    [Collection(ModuleBackendCollection.Name)]
    public sealed class NewRootUsageAlarmFailureTests
    {
        private const string Run = "New-RootUsageAlarm @aws -EmailAddress security@example.com -Confirm:$false";
        private readonly ModuleBackend backend;

        public NewRootUsageAlarmFailureTests(ModuleBackend backend)
        {
            this.backend = backend;
            backend.Reset();
        }

        // Each shape fails exactly one condition; the expected text is part of the explanation and of the fix.
        public static TheoryData<string, string, string> TrailShapes() => new()
        {
            { "single-region", "only its own region", "--is-multi-region-trail" },
            { "not-logging", "not logging", "start-logging" },
            { "no-cloudwatch-logs", "does not deliver to CloudWatch Logs", "--cloud-watch-logs-log-group-arn" },
            { "write-only", "exclude read-only management events", "put-event-selectors" },
            { "no-management-events", "exclude all management events", "put-event-selectors" },
            { "advanced-data-only", "exclude all management events", "put-event-selectors" },
        };

        [Theory]
        [MemberData(nameof(TrailShapes))]
        public void A_trail_in_a_failing_shape_gives_the_matching_explanation_and_creates_nothing(string shape, string problem, string fix)
        {
            SeedTrail(shape);
            using var session = backend.NewSession();

            var result = session.Run(Run);

            var error = result.SingleError();
            Assert.Equal("RootGuard.NoSuitableTrail", ScriptResult.ErrorIdOf(error));
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Contains($"Trail '{shape}'", error.ErrorDetails.Message);
            Assert.Contains(problem, error.ErrorDetails.Message);
            Assert.Contains(fix, error.ErrorDetails.RecommendedAction);
            Assert.Empty(backend.Handler.MutatingCalls);
        }

        [Fact]
        public void No_trail_at_all_says_how_to_make_one()
        {
            using var session = backend.NewSession();

            var error = session.Run(Run).SingleError();

            Assert.Equal("RootGuard.NoSuitableTrail", ScriptResult.ErrorIdOf(error));
            Assert.Contains("create-trail", error.ErrorDetails.RecommendedAction);
            Assert.Empty(backend.Handler.MutatingCalls);
        }

        [Fact]
        public void The_good_trail_is_picked_among_several()
        {
            SeedTrail("single-region");
            SeedTrail("not-logging");
            SeedTrail("no-cloudwatch-logs");
            backend.Seeder.CreateTrailWithLogs("zz-good-trail", "good-group", bucket: "good-trail-bucket");
            SeedTrail("write-only");
            using var session = backend.NewSession();

            var result = session.Run(Run).ThrowIfErrors();

            Assert.Equal("zz-good-trail", result.Property("TrailName"));
            Assert.Equal("good-group", result.Property("LogGroupName"));
            Assert.Single(UsageAlarmScenario.Filters(backend, "good-group").EnumerateArray());
        }

        [Fact]
        public void An_advanced_selector_on_management_events_counts_as_recording_them()
        {
            SeedTrail("advanced-management");
            using var session = backend.NewSession();

            var result = session.Run(Run).ThrowIfErrors();

            Assert.Equal("advanced-management", result.Property("TrailName"));
        }

        [Theory]
        [InlineData("-Period 45 -EmailAddress security@example.com", "RootGuard.InvalidPeriod", "Period")]
        [InlineData("-Threshold 0 -EmailAddress security@example.com", "RootGuard.InvalidThreshold", "Threshold")]
        [InlineData("-EvaluationPeriods 0 -EmailAddress security@example.com", "RootGuard.InvalidEvaluationPeriods", "EvaluationPeriods")]
        [InlineData("-EmailAddress 'not an address'", "RootGuard.InvalidEmailAddress", "EmailAddress")]
        [InlineData("-KmsMasterKeyId alias/aws/sns -EmailAddress security@example.com", "RootGuard.AwsManagedKmsKey", "KmsMasterKeyId")]
        public void Bad_input_is_a_clear_error_record_and_no_call_is_made(string arguments, string errorId, string parameter)
        {
            using var session = backend.NewSession();

            var error = session.Run("New-RootUsageAlarm @aws -Confirm:$false " + arguments).SingleError();

            Assert.Equal(errorId, ScriptResult.ErrorIdOf(error));
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains(parameter, error.CategoryInfo.TargetName + " " + error.ErrorDetails.Message);
            Assert.False(string.IsNullOrEmpty(error.ErrorDetails.RecommendedAction));
            Assert.Empty(backend.Handler.Calls);
        }

        [Fact]
        public void Neither_topic_nor_address_is_an_error_before_any_call()
        {
            using var session = backend.NewSession();

            var error = session.Run("New-RootUsageAlarm @aws -Confirm:$false").SingleError();

            Assert.Equal("RootGuard.NoNotificationTarget", ScriptResult.ErrorIdOf(error));
            Assert.Empty(backend.Handler.Calls);
        }

        [Fact]
        public void An_unknown_log_group_is_a_clear_error_and_nothing_is_made()
        {
            backend.Seeder.CreateTrailWithLogs();
            using var session = backend.NewSession();

            var error = session.Run(Run + " -LogGroupName no-such-group").SingleError();

            Assert.Equal("RootGuard.LogGroupNotFound", ScriptResult.ErrorIdOf(error));
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Contains("no-such-group", error.ErrorDetails.Message);
            Assert.Empty(backend.Handler.MutatingCalls);
        }

        [Fact]
        public void A_log_group_no_trail_feeds_is_used_with_a_warning()
        {
            backend.Seeder.CreateTrailWithLogs();
            backend.Seeder.RunBoto3("""client("logs").create_log_group(logGroupName="unfed-group")""");
            using var session = backend.NewSession();

            var result = session.Run(Run + " -LogGroupName unfed-group").ThrowIfErrors();

            Assert.Equal("unfed-group", result.Property("LogGroupName"));
            Assert.Null(result.Property("TrailName"));
            Assert.Contains(result.Warnings, w => w.Message.Contains("No trail") && w.Message.Contains("unfed-group"));
        }

        public static TheoryData<string, string, string> MutatingSteps() => new()
        {
            { "sns", "CreateTopic", "AuthorizationError" },
            { "logs", "PutMetricFilter", "AccessDeniedException" },
            { "monitoring", "PutMetricAlarm", "AccessDenied" },
            { "sns", "Subscribe", "AuthorizationError" },
        };

        [Theory]
        [MemberData(nameof(MutatingSteps))]
        public void A_fault_at_a_mutating_step_leaves_the_account_as_it_was(string service, string operation, string code)
        {
            backend.Seeder.CreateTrailWithLogs();
            var before = UsageAlarmScenario.Snapshot(backend);
            backend.Handler.On(service, operation).Fail(code, System.Net.HttpStatusCode.Forbidden).Times(1);
            using var session = backend.NewSession();

            var result = session.Run(Run);

            var error = result.SingleError();
            Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
            Assert.Contains("failed", error.ErrorDetails.Message);
            Assert.Single(backend.Handler.CallsTo(service, operation));
            Assert.Equal(before, UsageAlarmScenario.Snapshot(backend));
        }

        [Fact]
        public void A_fault_at_tagging_the_existing_alarm_undoes_the_topic_tags_of_the_same_call()
        {
            backend.Seeder.CreateTrailWithLogs();
            using var session = backend.NewSession();
            session.Run(Run).ThrowIfErrors();
            var before = UsageAlarmScenario.Snapshot(backend);
            backend.Handler.On("monitoring", "TagResource").Fail("AccessDenied", System.Net.HttpStatusCode.Forbidden).Times(1);

            var error = session.Run(Run + " -Tag @{ Team = 'Security' }").SingleError();

            Assert.Contains("Tag alarm", error.ErrorDetails.Message);
            Assert.Single(backend.Handler.CallsTo("sns", "TagResource"));
            Assert.Equal(before, UsageAlarmScenario.Snapshot(backend));
        }

        [Fact]
        public void A_fault_after_the_filter_was_corrected_puts_the_old_filter_back()
        {
            backend.Seeder.CreateTrailWithLogs();
            backend.Seeder.PutMetricFilter("rootguard-cloudtrail", "RootAccountUsage", "{ $.userIdentity.type = \"Root\" }", "Old", "Old");
            backend.Handler.On("monitoring", "PutMetricAlarm").Fail("AccessDenied", System.Net.HttpStatusCode.Forbidden).Times(1);
            using var session = backend.NewSession();

            session.Run(Run + " -AdoptExisting").SingleError();

            // moto appends a second filter of the same name on PutMetricFilter where AWS replaces it, so the account
            // cannot be compared here: the calls show the correction and then the old filter put back as it was.
            var puts = backend.Handler.CallsTo("logs", "PutMetricFilter");
            Assert.Equal(2, puts.Count);
            Assert.Contains("invokedBy", puts[0].RequestBody);
            using var restore = System.Text.Json.JsonDocument.Parse(puts[1].RequestBody);
            Assert.Equal("RootAccountUsage", restore.RootElement.GetProperty("filterName").GetString());
            Assert.Equal("{ $.userIdentity.type = \"Root\" }", restore.RootElement.GetProperty("filterPattern").GetString());
            Assert.Equal("Old", restore.RootElement.GetProperty("metricTransformations")[0].GetProperty("metricName").GetString());
            Assert.Empty(backend.Handler.CallsTo("sns", "Subscribe"));
        }

        private void SeedTrail(string shape)
        {
            switch (shape)
            {
                case "single-region":
                    backend.Seeder.CreateTrailWithLogs(shape, shape + "-group", multiRegion: false, bucket: shape + "-bucket");
                    break;
                case "not-logging":
                    backend.Seeder.CreateTrailWithLogs(shape, shape + "-group", startLogging: false, bucket: shape + "-bucket");
                    break;
                case "no-cloudwatch-logs":
                    backend.Seeder.RunBoto3("""
client("s3").create_bucket(Bucket=ARGS["name"] + "-bucket")
ct = client("cloudtrail")
ct.create_trail(Name=ARGS["name"], S3BucketName=ARGS["name"] + "-bucket", IsMultiRegionTrail=True)
ct.start_logging(Name=ARGS["name"])
""", new { name = shape });
                    break;
                default:
                    backend.Seeder.CreateTrailWithLogs(shape, shape + "-group", bucket: shape + "-bucket");
                    backend.Seeder.RunBoto3("""
ct = client("cloudtrail")
shape = ARGS["name"]
if shape == "write-only":
    ct.put_event_selectors(TrailName=shape, EventSelectors=[{"ReadWriteType": "WriteOnly", "IncludeManagementEvents": True}])
elif shape == "no-management-events":
    ct.put_event_selectors(TrailName=shape, EventSelectors=[{"ReadWriteType": "All", "IncludeManagementEvents": False,
        "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}]}])
elif shape == "advanced-data-only":
    ct.put_event_selectors(TrailName=shape, AdvancedEventSelectors=[{"Name": "data", "FieldSelectors": [
        {"Field": "eventCategory", "Equals": ["Data"]}, {"Field": "resources.type", "Equals": ["AWS::S3::Object"]}]}])
elif shape == "advanced-management":
    ct.put_event_selectors(TrailName=shape, AdvancedEventSelectors=[{"Name": "management", "FieldSelectors": [
        {"Field": "eventCategory", "Equals": ["Management"]}]}])
""", new { name = shape });
                    break;
            }
        }
    }
}
