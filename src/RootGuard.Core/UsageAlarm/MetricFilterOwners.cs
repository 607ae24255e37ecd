using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Aws;
using RootGuard.Core.Aws.CloudWatch;
using RootGuard.Core.Aws.CloudWatch.Model;
using RootGuard.Core.Aws.CloudWatchLogs.Model;
using RootGuard.Core.Ownership;

namespace RootGuard.Core.UsageAlarm
{
    /// <summary>Which RootGuard alarm, if any, owns each metric filter New-RootUsageAlarm might use or change.</summary>
    internal static class MetricFilterOwners
    {
        /// <summary>
        /// For each candidate filter, the RootGuard alarm that proves it owns it (<see cref="RootGuardOwnership.ProvesMetricFilter"/>).
        /// Such an alarm watches the filter's metric, so DescribeAlarmsForMetric on each candidate's metric finds it.
        /// </summary>
        public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(ICloudWatchClient cloudWatch, string logGroupName,
            IReadOnlyList<MetricFilter> candidates, string alarmName, List<Tag> alarmTags, CancellationToken cancellationToken)
        {
            var owners = new Dictionary<string, string>(StringComparer.Ordinal);
            var metrics = candidates.SelectMany(f => f.MetricTransformations)
                .Where(t => t.MetricNamespace != null && t.MetricName != null)
                .Select(t => (Namespace: t.MetricNamespace!, Name: t.MetricName!))
                .Distinct()
                .ToList();
            foreach (var metric in metrics)
            {
                List<MetricAlarm> alarms;
                try
                {
                    alarms = (await cloudWatch.DescribeAlarmsForMetricAsync(new DescribeAlarmsForMetricRequest { Namespace = metric.Namespace, MetricName = metric.Name },
                        cancellationToken).ConfigureAwait(false)).MetricAlarms;
                }
                catch (Exception e) when (!(e is OperationCanceledException))
                {
                    throw AwsErrorTranslator.Translate(e, new[] { "cloudwatch:DescribeAlarmsForMetric" });
                }

                foreach (var alarm in alarms.Where(a => a.AlarmName != null && a.AlarmArn != null))
                {
                    var tags = alarm.AlarmName == alarmName
                        ? alarmTags
                        : (await cloudWatch.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceARN = alarm.AlarmArn }, cancellationToken)
                            .ConfigureAwait(false)).Tags;
                    foreach (var filter in candidates.Where(f => f.FilterName != null))
                    {
                        var proves = RootGuardOwnership.ProvesMetricFilter(Pairs(tags), alarm.Namespace, alarm.MetricName, logGroupName,
                            filter.FilterName!, filter.MetricTransformations.Select(t => (t.MetricNamespace, t.MetricName)));
                        // Two alarms claiming one filter: this alarm's own claim wins, so it can still converge or remove it.
                        if (proves && (!owners.ContainsKey(filter.FilterName!) || alarm.AlarmName == alarmName))
                        {
                            owners[filter.FilterName!] = alarm.AlarmName!;
                        }
                    }
                }
            }

            return owners;
        }

        public static IEnumerable<KeyValuePair<string, string>> Pairs(IEnumerable<Tag> tags) =>
            tags.Select(t => new KeyValuePair<string, string>(t.Key ?? string.Empty, t.Value ?? string.Empty));
    }
}
