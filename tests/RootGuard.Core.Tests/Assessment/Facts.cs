using System;
using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Assessment;
using RootGuard.Core.Assessment.Evidence;
using RootGuard.Core.Aws.CloudTrail.Model;
using RootGuard.Core.Aws.CloudWatch.Model;
using RootGuard.Core.Aws.CloudWatchLogs.Model;
using RootGuard.Core.Aws.EventBridge.Model;
using RootGuard.Core.Aws.Kms.Model;
using RootGuard.Core.Aws.Sns.Model;
using RootGuard.Core.MonitorDefinitions;
using RootGuard.Core.Trails;
using System.Threading;
using System.Threading.Tasks;

namespace RootGuard.Core.Tests.Assessment
{
    /// <summary>Evidence objects for the check decisions, secure by default, so each test changes one fact.</summary>
    internal static class Facts
    {
        public const string Account = "123456789012";
        public const string Region = "us-east-1";
        public static readonly DateTimeOffset Now = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

        public static AssessmentContext Context(string partition = "aws", int window = 90) =>
            new AssessmentContext(Account, partition, partition == "aws-cn" ? "cn-north-1" : Region, Now, window);

        public static SourceResult<T> Ok<T>(T value) => SourceResult<T>.Ok(value);

        public static SourceResult<T> Denied<T>(string action) => SourceResult<T>.Failed(SourceFailure.Denied(action));

        public static SourceResult<IReadOnlyDictionary<string, int>> Summary(int? mfa = 1, int? keys = 0, int? password = 1, int? certificates = 0)
        {
            var map = new Dictionary<string, int> { ["Users"] = 3 };
            if (mfa is { } m) map["AccountMFAEnabled"] = m;
            if (keys is { } k) map["AccountAccessKeysPresent"] = k;
            if (password is { } p) map["AccountPasswordPresent"] = p;
            if (certificates is { } c) map["AccountSigningCertificatesPresent"] = c;
            return Ok<IReadOnlyDictionary<string, int>>(map);
        }

        public static string TopicArn(string name = "alerts", string region = Region, string account = Account) => $"arn:aws:sns:{region}:{account}:{name}";

        /// <param name="extraStatements">Statements appended to the policy, each starting with a comma.</param>
        /// <param name="subscriptionAttributes">What GetSubscriptionAttributes gave for the subscription; null: no filter policy.</param>
        public static TopicEvidence Topic(string arn, bool confirmed = true, bool allowsEvents = true, string? kmsKey = null, string? extraStatements = null,
            KeyEvidence? key = null, SourceResult<IReadOnlyDictionary<string, string>>? subscriptionAttributes = null)
        {
            // SNS's default statement (which lets a same-account alarm publish), and EventBridge's own statement.
            var statements = "{\"Sid\":\"owner\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"SNS:Publish\",\"Resource\":\"" + arn + "\",\"Condition\":{\"StringEquals\":{\"AWS:SourceOwner\":\"" + Account + "\"}}}"
                + (allowsEvents ? ",{\"Sid\":\"events\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"events.amazonaws.com\"},\"Action\":\"sns:Publish\",\"Resource\":\"" + arn + "\"}" : "")
                + (extraStatements ?? "");
            var attributes = new Dictionary<string, string> { ["Policy"] = "{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}" };
            if (kmsKey != null) attributes["KmsMasterKeyId"] = kmsKey;
            var subscription = new Subscription { TopicArn = arn, Protocol = "email", Endpoint = "sec@example.com", SubscriptionArn = confirmed ? arn + ":1111" : "PendingConfirmation" };
            var filters = new Dictionary<string, SourceResult<IReadOnlyDictionary<string, string>>>();
            if (confirmed) filters[subscription.SubscriptionArn] = subscriptionAttributes ?? Ok<IReadOnlyDictionary<string, string>>(new Dictionary<string, string> { ["Protocol"] = "email" });
            return new TopicEvidence(arn, Ok<IReadOnlyDictionary<string, string>>(attributes), Ok<IReadOnlyList<Subscription>>(new[] { subscription }), key, filters);
        }

        public const string KeyArn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

        /// <summary>A key policy that lets both monitors' services use the key, as SNS's documentation shows it.</summary>
        public const string KeyPolicyForBoth =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Enable IAM User Permissions\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"},"
            + "{\"Sid\":\"Services\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\"events.amazonaws.com\",\"cloudwatch.amazonaws.com\"]},\"Action\":[\"kms:GenerateDataKey*\",\"kms:Decrypt\"],\"Resource\":\"*\"}]}";

        /// <summary>A customer managed key as DescribeKey and GetKeyPolicy give it.</summary>
        public static KeyEvidence Key(string? policy = KeyPolicyForBoth, string keyManager = "CUSTOMER", string keyState = "Enabled",
            SourceResult<KeyMetadata>? metadata = null, SourceResult<string>? policyRead = null) =>
            new KeyEvidence("alias/rootguard", metadata ?? Ok(new KeyMetadata { KeyId = "1234abcd-12ab-34cd-56ef-1234567890ab", Arn = KeyArn, KeyManager = keyManager, KeyState = keyState, Enabled = keyState == "Enabled" }),
                policyRead ?? (policy == null ? null : Ok(policy)));

        /// <summary>The sign-in monitor's trails: one multi-region trail, logging all management events.</summary>
        public static SourceResult<TrailSnapshot> SignInTrails() => SignInTrails((Trail(), true, null));

        /// <summary>The sign-in monitor's trails as read.</summary>
        /// <param name="trails">Each trail with its status (IsLogging, or the exception its read failed with) and selectors (null: all management events).</param>
        public static SourceResult<TrailSnapshot> SignInTrails(params (Trail Trail, object Status, GetEventSelectorsResponse? Selectors)[] trails)
        {
            var readings = trails.Select(t => new TrailReading(t.Trail,
                t.Status is Exception e ? Task.FromException<GetTrailStatusResponse>(e) : Task.FromResult(new GetTrailStatusResponse { IsLogging = (bool)t.Status }),
                Task.FromResult(t.Selectors ?? new GetEventSelectorsResponse { EventSelectors = { new EventSelector { ReadWriteType = "All", IncludeManagementEvents = true } } })))
                .ToList();
            return Ok(TrailSnapshot.OfAsync(Region, readings, CancellationToken.None).GetAwaiter().GetResult());
        }

        public static SignInMonitorEvidence SignIn(string? pattern = null, string state = "ENABLED", TopicEvidence? topic = null, bool target = true,
            SourceResult<TrailSnapshot>? trails = null)
        {
            topic ??= Topic(TopicArn());
            var rule = new Rule { Name = "root-signin", Arn = $"arn:aws:events:{Region}:{Account}:rule/root-signin", State = state, EventPattern = pattern ?? RootMonitorDefinitions.BuildSignInEventPattern() };
            var monitor = new SignInMonitorEvidence(Region, Ok<IReadOnlyList<Rule>>(new[] { rule }), trails ?? SignInTrails());
            monitor.Targets[rule.Name] = Ok<IReadOnlyList<Target>>(target ? new[] { new Target { Id = "sns", Arn = topic.TopicArn } } : Array.Empty<Target>());
            monitor.Topics[topic.TopicArn] = topic;
            return monitor;
        }

        public const string LogGroupArn = "arn:aws:logs:us-east-1:123456789012:log-group:trail-logs:*";

        public static Trail Trail(string name = "main", bool multiRegion = true, string? logGroupArn = LogGroupArn, string account = Account) => new Trail
        {
            Name = name, TrailARN = $"arn:aws:cloudtrail:{Region}:{account}:trail/{name}", HomeRegion = Region, IsMultiRegionTrail = multiRegion,
            CloudWatchLogsLogGroupArn = logGroupArn,
        };

        public static UsageMonitorEvidence Usage(Trail? trail = null, bool logging = true, GetEventSelectorsResponse? selectors = null,
            string? filterPattern = RootMonitorDefinitions.CisRootUsageFilterPattern, MetricAlarm? alarm = null, bool noAlarm = false, TopicEvidence? topic = null)
        {
            trail ??= Trail();
            topic ??= Topic(TopicArn("usage"));
            var monitor = new UsageMonitorEvidence(Region, Ok<IReadOnlyList<Trail>>(new[] { trail }));
            Add(monitor, trail, logging, selectors);
            monitor.MetricFilters[LogGroupArn] = Ok<IReadOnlyList<MetricFilter>>(filterPattern == null ? Array.Empty<MetricFilter>() : new[]
            {
                new MetricFilter
                {
                    FilterName = "RootAccountUsage", FilterPattern = filterPattern, LogGroupName = "trail-logs",
                    MetricTransformations = { new MetricTransformation { MetricName = "RootAccountUsageCount", MetricNamespace = "CloudTrailMetrics", MetricValue = "1" } },
                },
            });
            alarm ??= Alarm(topic.TopicArn);
            monitor.Alarms[Region] = Ok<IReadOnlyList<MetricAlarm>>(noAlarm ? Array.Empty<MetricAlarm>() : new[] { alarm });
            // As the gatherer reads them for an alarm on the filter's metric: no mute rule targets it.
            monitor.MuteRules[UsageMonitorEvidence.MuteRuleKey(Region, alarm.AlarmName)] = Ok<IReadOnlyList<AlarmMuteRuleSummary>>(Array.Empty<AlarmMuteRuleSummary>());
            monitor.Topics[topic.TopicArn] = topic;
            return monitor;
        }

        public static void Add(UsageMonitorEvidence monitor, Trail trail, bool logging = true, GetEventSelectorsResponse? selectors = null) =>
            monitor.TrailDetails[trail.TrailARN!] = new TrailEvidence(trail, Ok(new GetTrailStatusResponse { IsLogging = logging }),
                Ok(selectors ?? new GetEventSelectorsResponse { EventSelectors = { new EventSelector { ReadWriteType = "All", IncludeManagementEvents = true } } }));

        /// <summary>The CIS alarm: Sum >= 1 over one 300-second period, as the CIS remediation's put-metric-alarm makes it.</summary>
        public static MetricAlarm Alarm(string topicArn, string ns = "CloudTrailMetrics", bool actionsEnabled = true) => new MetricAlarm
        {
            AlarmName = "root-usage", AlarmArn = $"arn:aws:cloudwatch:{Region}:{Account}:alarm:root-usage", MetricName = "RootAccountUsageCount", Namespace = ns,
            ActionsEnabled = actionsEnabled, AlarmActions = { topicArn },
            Statistic = "Sum", Period = 300, EvaluationPeriods = 1, Threshold = 1, ComparisonOperator = "GreaterThanOrEqualToThreshold",
        };

        public static CheckResult Evaluate(RootCheck check, AssessmentEvidence evidence, AssessmentContext? context = null) =>
            check.Evaluate(evidence, context ?? Context());

        public static object? Evidence(CheckResult result, string key) => result.Evidence.Where(e => e.Key == key).Select(e => e.Value).FirstOrDefault();
    }
}
