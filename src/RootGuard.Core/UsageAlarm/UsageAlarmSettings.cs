using System.Collections.Generic;
using RootGuard.Core.MonitorDefinitions;
using RootGuard.Core.NotificationTopic;

namespace RootGuard.Core.UsageAlarm
{
    /// <summary>What the user asked New-RootUsageAlarm for; defaults are the CIS control's.</summary>
    public sealed class UsageAlarmSettings
    {
        /// <summary>CloudWatch's longest total evaluation window (Period × EvaluationPeriods): one day.</summary>
        public const int MaxEvaluationSeconds = 86400;

        public string? LogGroupName { get; set; }
        /// <summary>The metric filter's name; null for <see cref="DefaultFilterNameFor"/> the namespace.</summary>
        public string? FilterName { get; set; }
        public string AlarmName { get; set; } = RootMonitorDefinitions.DefaultAlarmName;
        public string MetricNamespace { get; set; } = RootMonitorDefinitions.MetricNamespace;
        public string MetricName { get; set; } = RootMonitorDefinitions.MetricName;
        public int Period { get; set; } = 300;
        public double Threshold { get; set; } = 1;
        public int EvaluationPeriods { get; set; } = 1;

        /// <summary>The opt-in, non-CIS pattern that leaves out sts:AssumeRoot task sessions.</summary>
        public bool ExcludeCentralizedRootSession { get; set; }

        public IReadOnlyDictionary<string, string>? Tags { get; set; }

        /// <summary>
        /// Take over a metric filter named <see cref="EffectiveFilterName"/> or an alarm named <see cref="AlarmName"/> that
        /// RootGuard did not make, instead of refusing: RootGuard then sets it as it wants and marks it as its own, and
        /// Remove-RootMonitoring deletes it. Never a filter another RootGuard alarm owns.
        /// </summary>
        public bool AdoptExisting { get; set; }

        /// <summary>The filter name used: <see cref="FilterName"/>, or the default for the namespace.</summary>
        public string EffectiveFilterName => FilterName ?? DefaultFilterNameFor(MetricNamespace);

        /// <summary>
        /// The default filter name: RootAccountUsage for the CIS namespace, RootAccountUsage-&lt;namespace&gt; for another,
        /// so alarms on different namespaces get a filter each instead of repointing one another's.
        /// </summary>
        public static string DefaultFilterNameFor(string? metricNamespace) =>
            string.IsNullOrEmpty(metricNamespace) || metricNamespace == RootMonitorDefinitions.MetricNamespace
                ? RootMonitorDefinitions.DefaultFilterName
                : Truncate(RootMonitorDefinitions.DefaultFilterName + "-" + metricNamespace, 512);

        private static string Truncate(string value, int max) => value.Length > max ? value.Substring(0, max) : value;

        /// <summary>The filter pattern these settings ask for.</summary>
        public string FilterPattern => ExcludeCentralizedRootSession
            ? RootMonitorDefinitions.CisRootUsageWithoutAssumeRootFilterPattern
            : RootMonitorDefinitions.CisRootUsageFilterPattern;

        /// <summary>Checks the values before any AWS call; throws a <see cref="RootGuardException"/> naming the first bad one.</summary>
        public void Validate()
        {
            // CloudWatch accepts 10 and 30 (high-resolution) and multiples of 60 for metric alarms.
            if (!(Period == 10 || Period == 30 || Period >= 60 && Period % 60 == 0))
            {
                throw Invalid(ErrorIds.InvalidPeriod, "Period",
                    $"-Period {Period} is not a CloudWatch alarm period: it must be 10, 30 or a multiple of 60 seconds.",
                    "Use -Period 300 (the CIS default), 10, 30, or another multiple of 60.");
            }

            if (EvaluationPeriods < 1)
            {
                throw Invalid(ErrorIds.InvalidEvaluationPeriods, "EvaluationPeriods",
                    $"-EvaluationPeriods {EvaluationPeriods} must be at least 1.", "Use -EvaluationPeriods 1 (the CIS default) or more.");
            }

            if ((long)Period * EvaluationPeriods > MaxEvaluationSeconds)
            {
                throw Invalid(ErrorIds.InvalidEvaluationPeriods, "EvaluationPeriods",
                    $"-Period {Period} × -EvaluationPeriods {EvaluationPeriods} is longer than one day, which CloudWatch does not allow.",
                    "Lower -EvaluationPeriods or -Period so that their product is at most 86400 seconds.");
            }

            if (double.IsNaN(Threshold) || Threshold < 1)
            {
                throw Invalid(ErrorIds.InvalidThreshold, "Threshold",
                    $"-Threshold {Threshold} would never or always fire: a count of root actions must reach at least 1.",
                    "Use -Threshold 1 (the CIS default: any root action alarms) or a larger count.");
            }

            if (double.IsInfinity(Threshold))
            {
                // CloudWatch accepts it, and an alarm that no count can reach looks like a monitor but never fires.
                throw Invalid(ErrorIds.InvalidThreshold, "Threshold",
                    "-Threshold is infinite: no count of root actions could ever reach it, so the alarm would never fire.",
                    "Use -Threshold 1 (the CIS default: any root action alarms) or another finite count.");
            }

            foreach (var (parameter, value, max) in new[]
                     {
                         ("FilterName", EffectiveFilterName, 512), ("AlarmName", AlarmName, 255), ("MetricNamespace", MetricNamespace, 255),
                         ("MetricName", MetricName, 255),
                     })
            {
                if (string.IsNullOrWhiteSpace(value) || value.Length > max || value.Contains(":") && parameter != "AlarmName"
                    || parameter == "FilterName" && value.Contains("*"))
                {
                    throw Invalid(ErrorIds.InvalidName, parameter,
                        $"-{parameter} '{value}' is not a valid name: it must be 1 to {max} characters"
                        + (parameter == "AlarmName" ? "." : parameter == "FilterName" ? " without ':' or '*'." : " without ':'."),
                        $"Pass another -{parameter}, or leave it out for the default.");
                }
            }
        }

        private static RootGuardException Invalid(string id, string parameter, string message, string action) =>
            new RootGuardException(id, FailureKind.InvalidArgument, message, action, parameter);
    }
}
