using System;
using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Assessment.Evidence;
using RootGuard.Core.Aws.EventBridge.Model;
using RootGuard.Core.Connection;
using RootGuard.Core.MonitorDefinitions;
using RootGuard.Core.Policies;
using RootGuard.Core.SignInAlert;

namespace RootGuard.Core.Assessment.Checks
{
    /// <summary>
    /// One EventBridge rule's sign-in alert chain, judged link by link: a CloudTrail trail brings the region's console
    /// sign-ins to EventBridge (<see cref="CloudTrailCoverageCheck"/>, as New-RootSignInAlert judges it), the rule's
    /// pattern catches root sign-ins, it is enabled,
    /// it has an SNS target, and that topic lets EventBridge publish for it and is read by someone. The one judgement
    /// RG.ROOT.5 (every rule meant for sign-ins, the best reported) and the health of Get-RootMonitoring and
    /// Send-RootMonitoringTest (RootGuard's own rule) share.
    /// </summary>
    internal static class SignInAlertChain
    {
        /// <summary>Whether a rule that misses root sign-ins still looks meant for sign-ins, so its miss is worth naming.</summary>
        public static bool LooksMeantForSignIns(Rule rule) =>
            rule.EventPattern != null
            && (rule.EventPattern.IndexOf("Sign In", StringComparison.OrdinalIgnoreCase) >= 0 || rule.EventPattern.IndexOf("aws.signin", StringComparison.Ordinal) >= 0);

        /// <summary>The rule's pattern analysis; null for a rule without a pattern (a schedule).</summary>
        public static SignInPatternAnalysis? Analyze(Rule rule) =>
            rule.EventPattern == null ? null : RootMonitorPatternAnalysis.AnalyzeSignInPattern(rule.EventPattern);

        public static bool Matches(SignInPatternAnalysis? analysis) => analysis != null && (analysis.MatchesRootSignIns || analysis.MatchesOnlySuccess);

        /// <summary>
        /// The first link, shared by every rule of the region: a Fail when no trail brings console sign-ins to EventBridge
        /// (the same rule New-RootSignInAlert warns with); otherwise the link is null, with a caveat when the trails could
        /// not be read (a denied read is never a Pass) and the covering trail's name among the facts.
        /// </summary>
        public static MonitorLink? TrailLink(SignInMonitorEvidence monitor, List<Caveat> caveats, List<(string, object?)> facts)
        {
            var region = monitor.Region;
            if (!monitor.Trails.Succeeded)
            {
                caveats.Add(TrailNotVerifiable(region, monitor.Trails.Failure!));
                return null;
            }

            var coverage = CloudTrailCoverageCheck.Judge(monitor.Trails.Value!, region);
            switch (coverage.Status)
            {
                case CloudTrailCoverageStatus.Covered:
                    facts.Add(("TrailName", coverage.TrailName));
                    return null;
                case CloudTrailCoverageStatus.Unknown:
                    caveats.Add(TrailNotVerifiable(region, SourceFailure.From(coverage.FailedAction!, coverage.ReadFailure!)));
                    return null;
                default:
                    facts.Add(("Trails", monitor.Trails.Value!.Trails.Select(t => t.Trail.TrailARN ?? t.Trail.Name).ToArray()));
                    return new MonitorLink(0, FindingStatus.Fail, coverage.ReasonCode, coverage.Reason!, null, facts.ToArray()) { Remediation = coverage.Fix };
            }
        }

        private static Caveat TrailNotVerifiable(string region, SourceFailure failure) =>
            new Caveat(MonitorLink.UnverifiableRank, "TRAIL_NOT_VERIFIABLE",
                $"whether a CloudTrail trail brings console sign-ins in {region} to EventBridge (they reach it only through CloudTrail) cannot be verified: {failure.Describe($"the CloudTrail trails in {region}")}",
                failure.Remedy);

        /// <summary>
        /// The rule's chain after the trail link (<see cref="TrailLink"/>, judged once for the region by the caller, which
        /// passes on its caveats and facts when it did not fail).
        /// </summary>
        public static MonitorLink Evaluate(SignInMonitorEvidence monitor, Rule rule, AssessmentContext context,
            IReadOnlyList<Caveat> trailCaveats, IReadOnlyList<(string, object?)> trailFacts)
        {
            var ruleFacts = new (string, object?)[] { ("RuleName", rule.Name), ("RuleArn", rule.Arn), ("RuleState", rule.State), ("EventPattern", rule.EventPattern) };
            var facts = trailFacts.Concat(ruleFacts).ToArray();
            var analysis = Analyze(rule);
            if (!Matches(analysis))
                return new MonitorLink(1, FindingStatus.Fail, "RULE_PATTERN_NOT_VALID",
                    analysis == null
                        ? $"EventBridge rule {rule.Name} has no event pattern, so it never sees a sign-in."
                        : $"EventBridge rule {rule.Name} does not catch root sign-ins: {analysis.Reason}", null, facts);

            if (!RuleStates.IsEnabled(rule.State))
                return new MonitorLink(2, FindingStatus.Fail, "RULE_NOT_ENABLED",
                    $"EventBridge rule {rule.Name} matches root sign-ins but is {rule.State ?? "in no state"}, and only {string.Join(" and ", RuleStates.Enabled)} deliver events.", null, facts);

            return Chain(monitor, rule, analysis!, context, facts, trailCaveats);
        }

        /// <summary>The ARN EventBridge sends as aws:SourceArn for the rule.</summary>
        public static string RuleArnOf(Rule rule, string region, AssessmentContext context) =>
            rule.Arn ?? $"arn:{context.Partition}:events:{region}:{context.AccountId}:rule/{rule.Name}";

        /// <summary>The rule's SNS targets as read, or null when they were not read or the read failed.</summary>
        public static IReadOnlyList<Target>? SnsTargets(SignInMonitorEvidence monitor, Rule rule) =>
            monitor.Targets.TryGetValue(rule.Name ?? string.Empty, out var targets) && targets.Succeeded
                ? targets.Value!.Where(t => ArnParts.IsService(t.Arn, "sns")).ToList()
                : null;

        private static MonitorLink Chain(SignInMonitorEvidence monitor, Rule rule, SignInPatternAnalysis analysis, AssessmentContext context, (string, object?)[] facts,
            IReadOnlyList<Caveat> trailCaveats)
        {
            if (!monitor.Targets.TryGetValue(rule.Name ?? string.Empty, out var targets))
                return new MonitorLink(3, FindingStatus.Fail, "TARGET_NOT_PRESENT", $"The targets of EventBridge rule {rule.Name} were not read.", null, facts);
            if (!targets.Succeeded) return MonitorLink.Error(targets.Failure!, $"the targets of EventBridge rule {rule.Name}", facts);
            var topics = targets.Value!.Where(t => ArnParts.IsService(t.Arn, "sns")).Select(t => t.Arn!).Distinct().ToList();
            if (topics.Count == 0)
                return new MonitorLink(3, FindingStatus.Fail, "TARGET_NOT_PRESENT",
                    $"EventBridge rule {rule.Name} matches root sign-ins but has no SNS target, so nobody is told.", null, facts);

            var ruleArn = RuleArnOf(rule, monitor.Region, context);
            var link = MonitorLink.Best(topics.Select(arn => monitor.Topics.TryGetValue(arn, out var topic)
                ? MonitorLink.Topic(topic, monitor.Region, context, MonitorDeliveryRequests.Publish(RootSignInAlertCheck.EventsPrincipal, arn, ruleArn), policyStage: 4, subscriptionStage: 5, facts)
                : MonitorLink.Error(SourceFailure.Denied("sns:GetTopicAttributes"), $"SNS topic {arn}", facts)));
            if (link.Status != FindingStatus.Pass) return link;

            var description = $"EventBridge rule {rule.Name} in {monitor.Region} is {rule.State} and matches root console sign-ins; its target {link.Reason}";
            var caveats = new List<Caveat>(trailCaveats.Concat(link.Caveats));
            if (analysis.UnverifiableFields.Count > 0)
                caveats.Add(new Caveat(MonitorLink.UnverifiableRank, "RULE_PATTERN_NOT_VERIFIABLE",
                    $"whether the pattern of rule {rule.Name} matches every real root sign-in cannot be verified: it requires {string.Join(", ", analysis.UnverifiableFields)} to be absent, which RootGuard's sample sign-ins never carry.",
                    $"Remove the {{\"exists\": false}} condition(s) on {string.Join(", ", analysis.UnverifiableFields)} from the pattern, or run New-RootSignInAlert to use RootGuard's own rule."));
            if (analysis.MatchesOnlySuccess && !analysis.MatchesRootSignIns)
                caveats.Add(new Caveat(MonitorLink.AdvisoryRank, "RULE_PATTERN_SUCCESS_ONLY",
                    "the pattern matches successful sign-ins only: failed root sign-in attempts alert nobody."));
            return MonitorLink.Working(description, caveats, link.Facts);
        }
    }
}
