using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RootGuard.Core.Assessment;
using RootGuard.Core.Assessment.Checks;
using RootGuard.Core.Assessment.Evidence;
using RootGuard.Core.Ownership;

namespace RootGuard.Core.Monitoring
{
    /// <summary>
    /// The health of one RootGuard monitor from the evidence RG.ROOT.5/6 gather, through the same chain evaluation
    /// (<see cref="SignInAlertChain"/>, <see cref="UsageAlarmChain"/>): scoped to RootGuard's rule or alarm instead of
    /// the best chain of the account.
    /// </summary>
    public static class MonitorHealthEvaluator
    {

        /// <summary>
        /// The sign-in alert whose rule is <paramref name="ruleName"/>, in the evidence's region: first whether a CloudTrail
        /// trail brings the region's console sign-ins to EventBridge (they reach it no other way), then the rule's chain.
        /// </summary>
        public static MonitorHealth SignInAlert(SignInMonitorEvidence monitor, string ruleName, AssessmentContext context)
        {
            MonitorLink link;
            // The trail link first, as in RG.ROOT.5: whatever the rule's state, no trail means no alert.
            var trailCaveats = new List<Caveat>();
            var trailFacts = new List<(string, object?)>();
            if (SignInAlertChain.TrailLink(monitor, trailCaveats, trailFacts) is { } noTrail)
                link = noTrail;
            else if (!monitor.Rules.Succeeded)
                link = MonitorLink.Error(monitor.Rules.Failure!, $"the EventBridge rules in {monitor.Region}");
            else if (monitor.Rules.Value!.FirstOrDefault(r => r.Name == ruleName) is { } rule)
                link = SignInAlertChain.Evaluate(monitor, rule, context, trailCaveats, trailFacts);
            else
                link = new MonitorLink(0, FindingStatus.Fail, "RULE_NOT_PRESENT", $"EventBridge rule {ruleName} no longer exists in {monitor.Region}, so a root sign-in alerts nobody.");
            return From(RootGuardTags.SignInAlertComponent, ruleName, monitor.Region, link);
        }

        /// <summary>The usage alarm <paramref name="alarmName"/> in <paramref name="region"/>, and the filter RootGuard recorded making for it.</summary>
        public static MonitorHealth UsageAlarm(UsageMonitorEvidence monitor, string alarmName, string region, (string LogGroupName, string FilterName)? recordedFilter,
            AssessmentContext context)
        {
            var link = UsageAlarmChain.Evaluate(monitor, context, new UsageAlarmScope(alarmName, region, recordedFilter));
            return From(RootGuardTags.UsageAlarmComponent, alarmName, region, link);
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

        /// <summary>
        /// The fix for a link of a monitor RootGuard made, where the link has no more specific one (a trail, a key): its
        /// New-* command run again puts back what RootGuard made.
        /// </summary>
        public static string FixFor(string component, string? reasonCode)
        {
            var command = component == RootGuardTags.SignInAlertComponent ? "New-RootSignInAlert" : "New-RootUsageAlarm";
            return reasonCode switch
            {
                "SNS_SUBSCRIPTION_NOT_PRESENT" => $"Confirm the pending subscription from its inbox, or add one: {command} -EmailAddress <address>.",
                "SNS_TOPIC_NOT_VERIFIABLE" => "In the topic's account, check that its policy lets the service publish and that someone has confirmed a subscription.",
                "SNS_TOPIC_NOT_PRESENT" => $"Run {command} -EmailAddress <address> to make a new topic, or {command} -TopicArn <topic> to use one you have.",
                _ => component == RootGuardTags.SignInAlertComponent
                    ? $"Run {command} again with the same -EmailAddress or -TopicArn: it puts back RootGuard's rule state, pattern and target, its topic policy statement and the subscriptions."
                    : $"Run {command} again with the same -EmailAddress or -TopicArn: it puts back RootGuard's metric filter, the alarm's settings and actions, its topic policy statement and the subscriptions.",
            };
        }

        private static MonitorHealth From(string component, string name, string region, MonitorLink link)
        {
            string Fix(string? code, string? specific) => specific ?? FixFor(component, code);
            var problems = new List<MonitorProblem>();
            var notes = new List<MonitorProblem>();
            switch (link.Status)
            {
                case FindingStatus.Error:
                    problems.Add(new MonitorProblem("READ_FAILED", link.Reason, link.Failure!.Remedy));
                    break;
                case FindingStatus.Fail:
                    problems.Add(new MonitorProblem(link.ReasonCode ?? "READ_FAILED", link.Reason, Fix(link.ReasonCode, link.Remediation)));
                    break;
                case FindingStatus.Warning when link.Caveats.Count == 0:
                    // A chain that could not be followed to its end (a topic or log group in another account): unverified.
                    problems.Add(new MonitorProblem(link.ReasonCode ?? "READ_FAILED", link.Reason, Fix(link.ReasonCode, link.Remediation)));
                    break;
                default:
                    foreach (var caveat in link.Caveats)
                    {
                        var item = new MonitorProblem(caveat.Code, Sentence(caveat.Text), Fix(caveat.Code, caveat.Remediation));
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
