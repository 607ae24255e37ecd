using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RootGuard.Core.Assessment;
using RootGuard.Core.Assessment.Checks;
using RootGuard.Core.Assessment.Evidence;
using RootGuard.Core.Notifications;

namespace RootGuard.Core.Monitoring
{
    /// <summary>
    /// The health of one RootGuard monitor from the evidence RG.ROOT.5/6 gather, through the same chain evaluation
    /// (<see cref="SignInAlertChain"/>, <see cref="UsageAlarmChain"/>): scoped to RootGuard's rule or alarm instead of
    /// the best chain of the account.
    /// </summary>
    public static class MonitorHealthEvaluator
    {
        private static readonly RootSignInAlertCheck SignInCheck = new RootSignInAlertCheck();
        private static readonly RootUsageAlarmCheck UsageCheck = new RootUsageAlarmCheck();

        /// <summary>The sign-in alert whose rule is <paramref name="ruleName"/>, in the evidence's region.</summary>
        public static MonitorHealth SignInAlert(SignInMonitorEvidence monitor, string ruleName, AssessmentContext context)
        {
            MonitorLink link;
            if (!monitor.Rules.Succeeded)
                link = MonitorLink.Error(monitor.Rules.Failure!, $"the EventBridge rules in {monitor.Region}");
            else if (monitor.Rules.Value!.FirstOrDefault(r => r.Name == ruleName) is { } rule)
                link = SignInAlertChain.Evaluate(monitor, rule, context);
            else
                link = new MonitorLink(0, FindingStatus.Fail, "RULE_NOT_PRESENT", $"EventBridge rule {ruleName} no longer exists in {monitor.Region}, so a root sign-in alerts nobody.");
            return From(RootGuardTags.SignInAlertComponent, ruleName, monitor.Region, link, SignInCheck.Remediation);
        }

        /// <summary>The usage alarm <paramref name="alarmName"/> in <paramref name="region"/>, and the filter RootGuard recorded making for it.</summary>
        public static MonitorHealth UsageAlarm(UsageMonitorEvidence monitor, string alarmName, string region, (string LogGroupName, string FilterName)? recordedFilter,
            AssessmentContext context)
        {
            var link = UsageAlarmChain.Evaluate(monitor, context, new UsageAlarmScope(alarmName, region, recordedFilter));
            return From(RootGuardTags.UsageAlarmComponent, alarmName, region, link, UsageCheck.Remediation);
        }

        /// <summary>RootGuard's topics or policy statements remain, but the rule or alarm that used them is gone.</summary>
        public static MonitorHealth Remains(string component, string region, IReadOnlyList<string> remaining)
        {
            var signIn = component == RootGuardTags.SignInAlertComponent;
            var problem = signIn
                ? new MonitorProblem("RULE_NOT_PRESENT",
                    $"No RootGuard EventBridge rule is left in {region}, though RootGuard's {string.Join(", ", remaining)} remain(s), so a root sign-in alerts nobody.",
                    "Run New-RootSignInAlert to make the rule again, or Remove-RootMonitoring -Component SignInAlert to remove what is left.")
                : new MonitorProblem("ALARM_NOT_PRESENT",
                    $"No RootGuard CloudWatch alarm is left in {region}, though RootGuard's {string.Join(", ", remaining)} remain(s), so root usage alerts nobody.",
                    "Run New-RootUsageAlarm to make the alarm again, or Remove-RootMonitoring -Component UsageAlarm to remove what is left.");
            return new MonitorHealth(component, null, region, FindingStatus.Fail, problem.Text, new[] { problem }, new MonitorProblem[0],
                new Dictionary<string, object?>());
        }

        private static MonitorHealth From(string component, string name, string region, MonitorLink link, string generalFix)
        {
            var problems = new List<MonitorProblem>();
            var notes = new List<MonitorProblem>();
            switch (link.Status)
            {
                case FindingStatus.Error:
                    problems.Add(new MonitorProblem("READ_FAILED", link.Reason, link.Failure!.Remedy));
                    break;
                case FindingStatus.Fail:
                    problems.Add(new MonitorProblem(link.ReasonCode ?? "READ_FAILED", link.Reason, link.Remediation ?? generalFix));
                    break;
                case FindingStatus.Warning when link.Caveats.Count == 0:
                    // A chain that could not be followed to its end (a topic or log group in another account): unverified.
                    problems.Add(new MonitorProblem(link.ReasonCode ?? "READ_FAILED", link.Reason, link.Remediation ?? generalFix));
                    break;
                default:
                    foreach (var caveat in link.Caveats)
                    {
                        var item = new MonitorProblem(caveat.Code, Sentence(caveat.Text), caveat.Remediation ?? generalFix);
                        (caveat.Rank >= MonitorLink.AdvisoryRank ? notes : problems).Add(item);
                    }

                    break;
            }

            var facts = new Dictionary<string, object?>();
            foreach (var (key, value) in link.Facts) facts[key] = value;
            return new MonitorHealth(component, name, region, link.Status, link.Reason, problems, notes, facts);
        }

        private static string Sentence(string text) =>
            text.Length == 0 ? text : char.ToUpper(text[0], CultureInfo.InvariantCulture) + text.Substring(1);
    }
}
