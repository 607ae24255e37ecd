using System;
using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Assessment.Evidence;
using RootGuard.Core.Aws.CloudWatch.Model;

namespace RootGuard.Core.Assessment.Checks
{
    /// <summary>
    /// CloudWatch alarm mute rules on the usage alarm. While a rule is ACTIVE the alarm still evaluates and changes state,
    /// but CloudWatch runs none of its actions, so root usage notifies nobody: a quiet way to switch the monitor off that
    /// leaves the alarm, its actions and its topic untouched. A SCHEDULED rule will do so during its windows; an EXPIRED
    /// one never again. ListAlarmMuteRules gives each rule's ARN, status, type and expiry, not its schedule
    /// (GetAlarmMuteRule has that), so a scheduled rule is named with the command that shows its windows.
    /// </summary>
    internal static class AlarmMuteRules
    {
        public const string ListAction = "cloudwatch:ListAlarmMuteRules";
        public const string Active = "ACTIVE", Scheduled = "SCHEDULED", Expired = "EXPIRED";

        /// <summary>The mute rules read for the alarm; a read the gatherer did not make counts as denied, never as none.</summary>
        public static SourceResult<IReadOnlyList<AlarmMuteRuleSummary>> Read(UsageMonitorEvidence monitor, MetricAlarm alarm, string region) =>
            monitor.MuteRules.TryGetValue(UsageMonitorEvidence.MuteRuleKey(region, alarm.AlarmName), out var read)
                ? read
                : SourceResult<IReadOnlyList<AlarmMuteRuleSummary>>.Failed(SourceFailure.Denied(ListAction));

        public static IEnumerable<(string, object?)> Facts(SourceResult<IReadOnlyList<AlarmMuteRuleSummary>> read)
        {
            if (!read.Succeeded) yield break;
            var live = read.Value!.Where(r => r.Status != Expired).ToList();
            if (live.Count > 0) yield return ("AlarmMuteRules", live.Select(r => $"{NameOf(r)} ({r.Status})").ToArray());
        }

        /// <summary>A Fail when an ACTIVE rule mutes the alarm's actions now; else null.</summary>
        public static MonitorLink? Muted(SourceResult<IReadOnlyList<AlarmMuteRuleSummary>> read, MetricAlarm alarm, string region, (string, object?)[] facts)
        {
            if (!read.Succeeded) return null;
            var active = read.Value!.Where(r => r.Status == Active).ToList();
            if (active.Count == 0) return null;
            return new MonitorLink(8, FindingStatus.Fail, "ALARM_ACTIONS_MUTED",
                $"CloudWatch alarm {alarm.AlarmName} is muted by alarm mute rule(s) {string.Join(", ", active.Select(Describe))}: it still changes state, but CloudWatch runs none of its actions, so root usage tells nobody.",
                null, facts)
            {
                Remediation = "If nobody you know muted it, treat it as an incident: muting the alarm silences root usage. Delete the rule: "
                              + string.Join("; ", active.Select(r => DeleteCommand(r, region)))
                              + ", or wait for it to expire.",
            };
        }

        /// <summary>What keeps a working chain from a Pass: a rule that will mute the alarm, or rules that could not be read.</summary>
        public static IEnumerable<Caveat> Caveats(SourceResult<IReadOnlyList<AlarmMuteRuleSummary>> read, MetricAlarm alarm, string region)
        {
            if (!read.Succeeded)
            {
                var failure = read.Failure!;
                yield return new Caveat(MonitorLink.UnverifiableRank, "ALARM_MUTE_RULES_NOT_VERIFIABLE",
                    $"whether an alarm mute rule silences alarm {alarm.AlarmName} cannot be verified: {failure.Describe($"the mute rules of alarm {alarm.AlarmName}").TrimEnd('.')}; while one is active, the alarm runs no action.",
                    failure.Remedy);
                yield break;
            }

            // Any status but ACTIVE and EXPIRED (SCHEDULED, or one AWS adds later) may mute the alarm at some time.
            var pending = read.Value!.Where(r => r.Status != Active && r.Status != Expired).ToList();
            if (pending.Count == 0) yield break;
            yield return new Caveat(MonitorLink.UnverifiableRank, "ALARM_MUTE_SCHEDULED",
                $"alarm mute rule(s) {string.Join(", ", pending.Select(Describe))} will mute alarm {alarm.AlarmName} at times: while one is active, the alarm runs no action, so root usage then tells nobody.",
                "See when it mutes the alarm (" + string.Join("; ", pending.Select(r => $"aws cloudwatch get-alarm-mute-rule --alarm-mute-rule-name {NameOf(r)} --region {region}"))
                + "); if the alarm must never be silenced, delete it: "
                + string.Join("; ", pending.Select(r => DeleteCommand(r, region))) + ".");
        }

        /// <summary>The rule's name: the last part of its ARN (arn:aws:cloudwatch:region:account:alarm-mute-rule:NAME).</summary>
        public static string NameOf(AlarmMuteRuleSummary rule)
        {
            var arn = rule.AlarmMuteRuleArn ?? string.Empty;
            const string marker = ":alarm-mute-rule:";
            var at = arn.IndexOf(marker, StringComparison.Ordinal);
            return at >= 0 ? arn.Substring(at + marker.Length) : arn;
        }

        // The command that ends the rule's muting, for a Fail's and a Warning's remediation alike.
        private static string DeleteCommand(AlarmMuteRuleSummary rule, string region) =>
            $"aws cloudwatch delete-alarm-mute-rule --alarm-mute-rule-name {NameOf(rule)} --region {region}";

        private static string Describe(AlarmMuteRuleSummary rule)
        {
            var kind = rule.MuteType switch
            {
                "RECURRING" => "recurring",
                "ONE_TIME" => "one-time",
                _ => rule.MuteType?.ToLowerInvariant(),
            };
            var expiry = rule.ExpireDate is { } at
                ? "until " + AwsTime.Text(at)
                : "with no expiry";
            return $"{NameOf(rule)} (" + (kind == null ? string.Empty : kind + ", ") + expiry + ")";
        }
    }
}
