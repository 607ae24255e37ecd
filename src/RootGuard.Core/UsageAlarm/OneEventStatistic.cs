using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace RootGuard.Core.UsageAlarm
{
    /// <summary>
    /// What an alarm's extended statistic makes of a period that holds one data point (one root event, no DefaultValue),
    /// from "CloudWatch statistics definitions" and "Percentile-based alarms and low data samples" in the CloudWatch user
    /// guide. Only what those pages settle is a value; the rest is <see cref="Unknown"/>, never a guess that fires.
    /// </summary>
    internal sealed class OneEventStatistic
    {
        private OneEventStatistic(double? value, bool zeroMayBeNoData, AlarmSettingEffect? effect, string? setting, string? text)
        {
            Value = value;
            ZeroMayBeNoData = zeroMayBeNoData;
            Effect = effect;
            Setting = setting;
            Text = text;
        }

        /// <summary>The statistic of the period; null when <see cref="Effect"/> says why there is none.</summary>
        public double? Value { get; }

        /// <summary>A count or sum of no data point in range: 0, or perhaps no data at all (the page does not say which).</summary>
        public bool ZeroMayBeNoData { get; }

        public AlarmSettingEffect? Effect { get; }
        public string? Setting { get; }
        public string? Text { get; }

        private static OneEventStatistic Of(double value, bool zeroMayBeNoData = false) => new OneEventStatistic(value, zeroMayBeNoData, null, null, null);
        private static OneEventStatistic Blocked(string setting, string text) => new OneEventStatistic(null, false, AlarmSettingEffect.Blocks, setting, text);
        private static OneEventStatistic Unknown(string text) => new OneEventStatistic(null, false, AlarmSettingEffect.Unprovable, "ExtendedStatistic", text);

        // p99, p99.9; tm90, wm98, tc90, ts90 (shorthand for an upper bound in percent); TM(x:y), PR(:y), TS(80%:) …
        private static readonly Regex Percentile = new Regex(@"^p(\d+(?:\.\d+)?)$", RegexOptions.CultureInvariant);
        private static readonly Regex Shorthand = new Regex(@"^(tm|wm|tc|ts)\d+(?:\.\d+)?$", RegexOptions.CultureInvariant);
        private static readonly Regex Bounded = new Regex(@"^(TM|WM|TC|TS|PR)\(([^:()]*):([^:()]*)\)$", RegexOptions.CultureInvariant);

        public static OneEventStatistic Of(string statistic, string? evaluateLowSampleCountPercentile, double value)
        {
            if (Percentile.Match(statistic) is { Success: true } p)
            {
                var percentile = double.Parse(p.Groups[1].Value, CultureInfo.InvariantCulture) / 100;
                if (evaluateLowSampleCountPercentile != "ignore") return Of(value); // the percentile of one value is that value
                // "ignore" leaves the state alone below 10/(1-p) data points for 0.5 <= p < 1 and 10/p for 0 < p < 0.5,
                // at least 20 either way; the page says nothing of p0 and p100.
                if (percentile <= 0 || percentile >= 1)
                    return Unknown($"the alarm ignores low sample counts, and the CloudWatch documentation does not say whether that applies to {statistic}");
                var needed = Math.Ceiling(percentile >= 0.5 ? 10 / (1 - percentile) : 10 / percentile);
                return Blocked("EvaluateLowSampleCountPercentile",
                    $"the alarm's {statistic} ignores periods with fewer than {needed.ToString(CultureInfo.InvariantCulture)} data points, so the one data point of a root event never changes its state");
            }

            if (statistic == "IQM" || Shorthand.IsMatch(statistic))
                return Unknown($"{statistic} trims a share of the period's data points, and the CloudWatch documentation does not say what it keeps of a single one");

            if (Bounded.Match(statistic) is not { Success: true } b)
                return Unknown($"{statistic} is not a statistic RootGuard can evaluate for one data point");
            var kind = b.Groups[1].Value;
            if (!Bound(b.Groups[2].Value, out var lower) || !Bound(b.Groups[3].Value, out var upper))
                return Unknown($"{statistic} trims by percentages of the period's data points, and the CloudWatch documentation does not say what it keeps of a single one");

            // Absolute bounds keep values above the lower and up to the upper ("exclusive on the lower bound and inclusive
            // on the upper bound"; TM(150:1000) removes values <= 150 or > 1000).
            var inRange = (lower is not { } lo || value > lo) && (upper is not { } up || value <= up);
            var range = $"({(lower is { } l ? Show(l) : "-inf")}, {(upper is { } u ? Show(u) : "+inf")}]";
            return kind switch
            {
                "PR" => Of(inRange ? 100 : 0), // a percentage of the data points
                "TC" => inRange ? Of(1) : Of(0, zeroMayBeNoData: true),
                "TS" => inRange ? Of(value) : Of(0, zeroMayBeNoData: true),
                "TM" => inRange ? Of(value)
                    : Blocked("ExtendedStatistic", $"{statistic} ignores values outside {range}, so the value {Show(value)} of a root event leaves no data and the alarm never breaches"),
                // Values outside are "considered equal to the value at the edge" of the boundary: for an absolute
                // boundary the page does not say whether that edge is the bound or the nearest kept value.
                _ => inRange ? Of(value)
                    : Unknown($"{statistic} moves values outside {range} to the edge of its range, and the CloudWatch documentation does not say what that makes of a single value {Show(value)}"),
            };
        }

        // An empty side is open; a percentage is not absolute and makes the result unknown (returns false).
        private static bool Bound(string text, out double? bound)
        {
            bound = null;
            if (text.Length == 0) return true;
            if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)) return false;
            bound = number;
            return true;
        }

        private static string Show(double number) => number.ToString("0.###", CultureInfo.InvariantCulture);
    }
}
