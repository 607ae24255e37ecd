using System.Linq;
using System.Management.Automation;
using RootGuard.PowerShell.Tests.Harness;
using Xunit;

namespace RootGuard.PowerShell.Tests.UsageAlarm
{
    /// <summary>
    /// The alarm records the filter RootGuard makes in a tag whose value is '&lt;log group&gt;:&lt;filter&gt;', and AWS takes at
    /// most 256 characters in a tag value: a longer pair is refused before anything is made, naming the parameter that fixes it.
    /// </summary>
    [Collection(ModuleBackendCollection.Name)]
    public sealed class MetricFilterRecordLengthTests
    {
        private const string Run = "New-RootUsageAlarm @aws -EmailAddress security@example.com -Confirm:$false";
        private static readonly string LongGroup = "/aws/cloudtrail/" + new string('g', 234); // 250 characters
        private readonly ModuleBackend backend;

        public MetricFilterRecordLengthTests(ModuleBackend backend)
        {
            this.backend = backend;
            backend.Reset();
        }

        [Fact]
        public void A_log_group_name_too_long_for_the_record_with_the_default_filter_name_is_refused_before_any_change()
        {
            backend.Seeder.CreateTrailWithLogs("long-group-trail", LongGroup, bucket: "long-group-bucket");
            using var session = backend.NewSession();

            var error = session.Run(Run).SingleError();

            Assert.Equal("RootGuard.MetricFilterNotRecorded", ScriptResult.ErrorIdOf(error));
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal("FilterName", error.CategoryInfo.TargetName);
            Assert.Contains(LongGroup, error.ErrorDetails.Message);
            Assert.Contains("-FilterName of at most 5 characters", error.ErrorDetails.RecommendedAction);
            Assert.Empty(backend.Handler.MutatingCalls);
        }

        [Fact]
        public void A_filter_name_that_fits_is_made_and_recorded_in_full()
        {
            backend.Seeder.CreateTrailWithLogs("long-group-trail", LongGroup, bucket: "long-group-bucket");
            using var session = backend.NewSession();

            session.Run(Run + " -FilterName root5").ThrowIfErrors();

            var tags = backend.Seeder.RunBoto3Json("""
                c = client("cloudwatch")
                arn = c.describe_alarms(AlarmNames=["RootGuard-RootAccountUsage"])["MetricAlarms"][0]["AlarmArn"]
                out(c.list_tags_for_resource(ResourceARN=arn)["Tags"])
                """);
            var record = tags.EnumerateArray().Single(t => t.GetProperty("Key").GetString() == "RootGuard:MetricFilter");
            Assert.Equal(LongGroup + ":root5", record.GetProperty("Value").GetString());
            Assert.Equal(256, record.GetProperty("Value").GetString()!.Length);
        }
    }
}
