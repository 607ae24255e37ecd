using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using RootGuard.PowerShell.Tests.Harness;
using Xunit;

namespace RootGuard.PowerShell.Tests.Hardening
{
    /// <summary>Bad input is an ErrorRecord with a stable id before any AWS call (the requests are counted).</summary>
    [Collection(ModuleBackendCollection.Name)]
    public sealed class InputGapTests
    {
        private readonly ModuleBackend backend;

        public InputGapTests(ModuleBackend backend)
        {
            this.backend = backend;
            backend.Reset();
        }

        private static string ManyTags(int count) => "@{ " + string.Join("; ", Enumerable.Range(1, count).Select(i => $"'k{i}' = 'v'")) + " }";

        public static TheoryData<string, string> BadInputs => new()
        {
            { "New-RootUsageAlarm @aws -EmailAddress security@example.com -Threshold ([double]::PositiveInfinity)", "RootGuard.InvalidThreshold" },
            { "New-RootUsageAlarm @aws -EmailAddress security@example.com -Threshold ([double]::NaN)", "RootGuard.InvalidThreshold" },
            { "New-RootSignInAlert @aws -EmailAddress security@example.com -Tag " + ManyTags(49), "RootGuard.TooManyTags" },
            { "New-RootUsageAlarm @aws -EmailAddress security@example.com -Tag " + ManyTags(48), "RootGuard.TooManyTags" },
            { "New-RootSignInAlert @aws -EmailAddress security@example.com -Tag @{ 'Cost#Center' = 'x' }", "RootGuard.InvalidTag" },
            { "New-RootUsageAlarm @aws -EmailAddress security@example.com -Tag @{ Team = ('v' * 257) }", "RootGuard.InvalidTag" },
            { "New-RootUsageAlarm @aws -EmailAddress security@example.com -Tag @{ Team = \"a`nb\" }", "RootGuard.InvalidTag" },
            { "Remove-RootMonitoring @aws -TopicArn not-an-arn -Force", "RootGuard.InvalidTopicArn" },
            { "[pscustomobject]@{ TopicArn = 'arn:aws:sqs:us-east-1:123456789012:queue' } | Remove-RootMonitoring @aws -Force", "RootGuard.InvalidTopicArn" },
        };

        [Theory]
        [MemberData(nameof(BadInputs))]
        public void Bad_input_is_an_ErrorRecord_and_no_AWS_call_is_made(string command, string errorId)
        {
            using var session = backend.NewSession();

            var error = session.Run(command + " -Confirm:$false").SingleError();

            Assert.Equal(errorId, ScriptResult.ErrorIdOf(error));
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.False(string.IsNullOrEmpty(error.ErrorDetails.RecommendedAction));
            Assert.Empty(backend.Handler.Calls);
        }

        [Fact]
        public void A_KMS_key_that_does_not_exist_stops_the_sign_in_alert_before_anything_is_made()
        {
            backend.Seeder.CreateTrailWithLogs();
            using var session = backend.NewSession();

            var error = session.Run("New-RootSignInAlert @aws -EmailAddress security@example.com -KmsMasterKeyId alias/does-not-exist -Confirm:$false").SingleError();

            Assert.Equal("RootGuard.KmsKeyNotFound", ScriptResult.ErrorIdOf(error));
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Contains("alias/does-not-exist", error.ErrorDetails.Message);
            Assert.Empty(backend.Handler.MutatingCalls);
            Assert.Single(backend.Handler.CallsTo("kms", "DescribeKey"));
        }

        [Fact]
        public void Both_monitors_check_an_existing_key_the_same_way_and_name_the_missing_grant()
        {
            backend.Seeder.CreateTrailWithLogs();
            // A customer managed key with the default key policy: only the account may use it, no service principal.
            backend.Seeder.RunBoto3("""
kms = client("kms")
kms.create_alias(AliasName="alias/rootguard", TargetKeyId=kms.create_key()["KeyMetadata"]["KeyId"])
""");
            using var session = backend.NewSession();

            var signIn = session.Run("New-RootSignInAlert @aws -EmailAddress security@example.com -KmsMasterKeyId alias/rootguard -Confirm:$false").ThrowIfErrors();
            var usage = session.Run("New-RootUsageAlarm @aws -EmailAddress security@example.com -KmsMasterKeyId alias/rootguard -Confirm:$false").ThrowIfErrors();

            Assert.Contains(signIn.Warnings, w => w.Message.Contains("does not allow events.amazonaws.com kms:GenerateDataKey* and kms:Decrypt"));
            Assert.Contains(usage.Warnings, w => w.Message.Contains("does not allow cloudwatch.amazonaws.com kms:GenerateDataKey* and kms:Decrypt"));
            // The generic note is replaced by what the key policy says, not repeated beside it.
            Assert.DoesNotContain(signIn.Warnings, w => w.Message.Contains("Its key policy must allow"));
            Assert.Equal(2, backend.Handler.CallsTo("kms", "DescribeKey").Count);
        }

        [Fact]
        public void An_alarm_AWS_reports_with_an_infinite_threshold_is_read_and_corrected()
        {
            backend.Seeder.CreateTrailWithLogs();
            using var session = backend.NewSession();
            session.Run("New-RootUsageAlarm @aws -EmailAddress security@example.com -Confirm:$false").ThrowIfErrors();
            // Someone (or an older RootGuard) set the threshold to infinity; CloudWatch and moto answer "inf".
            backend.Seeder.RunBoto3("""
cw = client("cloudwatch")
a = cw.describe_alarms(AlarmNames=["RootGuard-RootAccountUsage"])["MetricAlarms"][0]
tags = cw.list_tags_for_resource(ResourceARN=a["AlarmArn"])["Tags"]
cw.put_metric_alarm(AlarmName=a["AlarmName"], MetricName=a["MetricName"], Namespace=a["Namespace"], Statistic="Sum", Period=300,
    EvaluationPeriods=1, Threshold=float("inf"), ComparisonOperator="GreaterThanOrEqualToThreshold", AlarmActions=a["AlarmActions"],
    TreatMissingData=a.get("TreatMissingData", "missing"), Tags=tags)
cw.tag_resource(ResourceARN=a["AlarmArn"], Tags=tags)
""");

            session.Run("Get-RootMonitoring @aws").ThrowIfErrors();
            var corrected = session.Run("New-RootUsageAlarm @aws -EmailAddress security@example.com -Confirm:$false").ThrowIfErrors();

            Assert.Contains(backend.Handler.CallsTo("monitoring", "DescribeAlarms"), c => c.ResponseBody!.Contains(">inf<"));
            Assert.Equal(1.0, UsageAlarmThreshold());
            Assert.Empty(corrected.Errors);
        }

        [Fact]
        public void Export_to_a_folder_that_does_not_exist_is_PathNotFound()
        {
            var folder = Path.Combine(Path.GetTempPath(), "rootguard-missing-" + Guid.NewGuid().ToString("N"));
            var error = Export($"-Path '{Path.Combine(folder, "t.json")}'");
            Assert.Equal("RootGuard.PathNotFound", ScriptResult.ErrorIdOf(error));
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.False(Directory.Exists(folder));
        }

        [Fact]
        public void Export_to_a_folder_is_PathIsFolder()
        {
            var error = Export($"-Path '{Path.GetTempPath()}' -Force");
            Assert.Equal("RootGuard.PathIsFolder", ScriptResult.ErrorIdOf(error));
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        }

        [Fact]
        public void Export_to_a_path_with_a_NUL_is_InvalidPath()
        {
            var error = Export("-Path \"rootguard`0.json\"");
            Assert.Equal("RootGuard.InvalidPath", ScriptResult.ErrorIdOf(error));
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.DoesNotContain("\0", error.CategoryInfo.TargetName ?? string.Empty, StringComparison.Ordinal);
        }

        [Fact]
        public void Export_to_a_file_that_cannot_be_written_is_PathNotWritable()
        {
            // A file the operating system will not let anyone write, root included: procfs on Linux, a device elsewhere.
            var target = File.Exists("/proc/version") ? "/proc/version" : File.Exists("/dev/full") ? "/dev/full" : null;
            if (target == null)
            {
                return; // Windows: no file that even an administrator cannot write.
            }

            var error = Export($"-Path '{target}' -Force");
            Assert.Equal("RootGuard.PathNotWritable", ScriptResult.ErrorIdOf(error));
            Assert.Equal(ErrorCategory.WriteError, error.CategoryInfo.Category);
            Assert.Contains(target, error.ErrorDetails.Message);
        }

        private ErrorRecord Export(string arguments)
        {
            using var session = backend.NewSession();
            var result = session.Run("Export-RootGuardTemplate " + arguments);
            var error = result.SingleError();
            // Every -Path failure takes the module's one ErrorRecord path: a RootGuard error that names -Path and the fix.
            Assert.Equal("RootGuard.Core.RootGuardException", error.Exception.GetType().FullName);
            Assert.StartsWith("-Path", error.ErrorDetails.Message, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(error.ErrorDetails.RecommendedAction));
            Assert.Equal("Path", error.CategoryInfo.TargetName);
            return error;
        }

        [Fact]
        public void Export_over_an_existing_file_without_Force_is_FileExists_and_leaves_the_file()
        {
            var file = Path.Combine(Path.GetTempPath(), "rootguard-exists-" + Guid.NewGuid().ToString("N") + ".json");
            File.WriteAllText(file, "keep");
            try
            {
                var error = Export($"-Path '{file}'");
                Assert.Equal("RootGuard.FileExists", ScriptResult.ErrorIdOf(error));
                Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
                Assert.Equal("keep", File.ReadAllText(file));
            }
            finally
            {
                File.Delete(file);
            }
        }

        private double UsageAlarmThreshold() =>
            backend.Seeder.RunBoto3Json("""out(client("cloudwatch").describe_alarms(AlarmNames=["RootGuard-RootAccountUsage"])["MetricAlarms"][0]["Threshold"])""").GetDouble();
    }
}
