using System;
using RootGuard.Core.Connection;
using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Assessment.Evidence;
using RootGuard.Core.Aws.EventBridge.Model;
using RootGuard.Core.MonitorDefinitions;
using RootGuard.Core.Policies;
using RootGuard.Core.SignInAlert;

namespace RootGuard.Core.Assessment.Checks
{
    /// <summary>
    /// RG.ROOT.5: a root console sign-in reaches a person: an enabled EventBridge rule (any enabled state of the service
    /// model, <see cref="RuleStates"/>) in the home region whose pattern (analysed, not its name) matches root sign-ins,
    /// with an SNS target that exists, whose policy and key let EventBridge publish for this rule
    /// (<see cref="ResourcePolicyEvaluator"/>), and that has a confirmed subscription.
    /// </summary>
    public sealed class RootSignInAlertCheck : RootCheck
    {
        public const string EventsPrincipal = SignInAlertNames.ServicePrincipal;

        /// <summary>The stable failure reason codes, in chain order.</summary>
        public static readonly IReadOnlyList<string> ReasonCodes = new[]
        {
            "RULE_NOT_PRESENT", "RULE_PATTERN_NOT_VALID", "RULE_NOT_ENABLED", "TARGET_NOT_PRESENT", "SNS_TOPIC_NOT_PRESENT",
            "SNS_TOPIC_POLICY_NOT_VALID", "SNS_TOPIC_KEY_NOT_VALID", "SNS_SUBSCRIPTION_NOT_PRESENT",
        };

        /// <summary>The warnings: the alert works but cannot be fully verified, or misses failed sign-ins.</summary>
        public static readonly IReadOnlyList<string> WarningCodes = new[]
        {
            "RULE_PATTERN_SUCCESS_ONLY", "SNS_TOPIC_NOT_VERIFIABLE", "SNS_TOPIC_POLICY_NOT_VERIFIABLE", "SNS_TOPIC_KEY_NOT_VERIFIABLE",
        };

        public override string Id => "RG.ROOT.5";
        public override string Title => "Root sign-in alert works end to end";
        public override FindingSeverity Severity => FindingSeverity.Medium;
        public override IReadOnlyList<string> Compliance { get; } = Array.Empty<string>();
        public override string Remediation =>
            "Run New-RootSignInAlert -EmailAddress <address> (it creates or repairs the rule, the topic, its policy and the subscription), then confirm the subscription from the inbox.";
        public override EvidenceSources Sources => EvidenceSources.SignInMonitor;
        public override IReadOnlyList<string> RequiredActions { get; } = new[]
        {
            "events:ListRules", "events:ListTargetsByRule", "sns:GetTopicAttributes", "sns:ListSubscriptionsByTopic", "kms:DescribeKey", "kms:GetKeyPolicy",
        };

        /// <summary>Whether a rule is worth reading targets for: enabled, with a pattern that matches at least successful root sign-ins.</summary>
        public static bool IsCandidate(Rule rule) =>
            IsEnabled(rule) && rule.EventPattern != null && Analyze(rule) is { } a && (a.MatchesRootSignIns || a.MatchesOnlySuccess);

        public override CheckResult Evaluate(AssessmentEvidence evidence, AssessmentContext context)
        {
            var monitor = Require(evidence.SignInMonitor, nameof(evidence.SignInMonitor));
            var region = monitor.Region;
            if (!monitor.Rules.Succeeded) return ErrorFrom(monitor.Rules.Failure!, $"the EventBridge rules in {region}", region);
            var rules = monitor.Rules.Value!;
            var analysed = rules.Where(r => r.EventPattern != null).Select(r => (Rule: r, Analysis: Analyze(r)!)).ToList();
            var links = new List<MonitorLink>();

            foreach (var (rule, analysis) in analysed)
            {
                var facts = new (string, object?)[] { ("RuleName", rule.Name), ("RuleArn", rule.Arn), ("RuleState", rule.State), ("EventPattern", rule.EventPattern) };
                var matches = analysis.MatchesRootSignIns || analysis.MatchesOnlySuccess;
                if (!matches)
                {
                    // Only rules that look meant for sign-ins say why they miss; the account's other rules are noise.
                    if (rule.EventPattern!.IndexOf("Sign In", StringComparison.OrdinalIgnoreCase) >= 0 || rule.EventPattern.IndexOf("aws.signin", StringComparison.Ordinal) >= 0)
                        links.Add(new MonitorLink(1, FindingStatus.Fail, "RULE_PATTERN_NOT_VALID",
                            $"EventBridge rule {rule.Name} does not catch root sign-ins: {analysis.Reason}", null, facts));
                    continue;
                }

                if (!IsEnabled(rule))
                {
                    links.Add(new MonitorLink(2, FindingStatus.Fail, "RULE_NOT_ENABLED",
                        $"EventBridge rule {rule.Name} matches root sign-ins but is {rule.State ?? "in no state"}, and only {string.Join(" and ", RuleStates.Enabled)} deliver events.", null, facts));
                    continue;
                }

                links.Add(Chain(monitor, rule, analysis, context, facts));
            }

            if (links.Count == 0)
                return Result(FindingStatus.Fail, region,
                    $"No EventBridge rule in {region} matches root console sign-ins (of {rules.Count} rule(s) read), so a root sign-in alerts nobody.",
                    ("ReasonCode", "RULE_NOT_PRESENT"), ("Region", region), ("RulesRead", rules.Count));

            var best = MonitorLink.Best(links);
            var all = new List<(string, object?)> { ("ReasonCode", best.ReasonCode), ("Region", region) };
            all.AddRange(best.Facts);
            if (best.Status == FindingStatus.Error) return ErrorFrom(best.Failure!, "part of the sign-in alert", region, all.ToArray());
            return Result(best.Status, region, best.Reason, best.Remediation, all.ToArray());
        }

        private MonitorLink Chain(SignInMonitorEvidence monitor, Rule rule, SignInPatternAnalysis analysis, AssessmentContext context, (string, object?)[] facts)
        {
            if (!monitor.Targets.TryGetValue(rule.Name ?? string.Empty, out var targets))
                return new MonitorLink(3, FindingStatus.Fail, "TARGET_NOT_PRESENT", $"The targets of EventBridge rule {rule.Name} were not read.", null, facts);
            if (!targets.Succeeded) return MonitorLink.Error(targets.Failure!, $"the targets of EventBridge rule {rule.Name}", facts);
            var topics = targets.Value!.Where(t => ArnParts.IsService(t.Arn, "sns")).Select(t => t.Arn!).Distinct().ToList();
            if (topics.Count == 0)
                return new MonitorLink(3, FindingStatus.Fail, "TARGET_NOT_PRESENT",
                    $"EventBridge rule {rule.Name} matches root sign-ins but has no SNS target, so nobody is told.", null, facts);

            var ruleArn = rule.Arn ?? $"arn:{context.Partition}:events:{monitor.Region}:{context.AccountId}:rule/{rule.Name}";
            var link = MonitorLink.Best(topics.Select(arn => monitor.Topics.TryGetValue(arn, out var topic)
                ? MonitorLink.Topic(topic, monitor.Region, context, MonitorDeliveryRequests.Publish(EventsPrincipal, arn, ruleArn), policyStage: 4, subscriptionStage: 5, facts)
                : MonitorLink.Error(SourceFailure.Denied("sns:GetTopicAttributes"), $"SNS topic {arn}", facts)));
            if (link.Status != FindingStatus.Pass) return link;

            var description = $"EventBridge rule {rule.Name} in {monitor.Region} is {rule.State} and matches root console sign-ins; its target {link.Reason}";
            var caveats = new List<Caveat>(link.Caveats);
            if (analysis.MatchesOnlySuccess && !analysis.MatchesRootSignIns)
                caveats.Add(new Caveat(MonitorLink.AdvisoryRank, "RULE_PATTERN_SUCCESS_ONLY",
                    "the pattern matches successful sign-ins only: failed root sign-in attempts alert nobody."));
            return MonitorLink.Working(description, caveats, link.Facts);
        }

        private static bool IsEnabled(Rule rule) => RuleStates.IsEnabled(rule.State);

        private static SignInPatternAnalysis? Analyze(Rule rule) =>
            rule.EventPattern == null ? null : RootMonitorPatternAnalysis.AnalyzeSignInPattern(rule.EventPattern);
    }
}
