using System;
using RootGuard.Core.Connection;
using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Assessment.Evidence;
using RootGuard.Core.Aws.EventBridge.Model;
using RootGuard.Core.MonitorDefinitions;
using RootGuard.Core.Policies;
using RootGuard.Core.SignInAlert;
using RootGuard.Core.Trails;

namespace RootGuard.Core.Assessment.Checks
{
    /// <summary>
    /// RG.ROOT.5: a root console sign-in reaches a person: a CloudTrail trail that brings console sign-ins of the home
    /// region to EventBridge (<see cref="CloudTrailCoverageCheck"/>, the judgement New-RootSignInAlert warns with), an enabled EventBridge rule (any enabled state of the service
    /// model, <see cref="RuleStates"/>) in the home region whose pattern (analysed, not its name) matches root sign-ins,
    /// with an SNS target that exists, whose policy and key let EventBridge publish for this rule
    /// (<see cref="ResourcePolicyEvaluator"/>), and that has a confirmed subscription whose filter policy lets the alert through.
    /// </summary>
    public sealed class RootSignInAlertCheck : RootCheck
    {
        public const string EventsPrincipal = SignInAlertNames.ServicePrincipal;

        /// <summary>The stable failure reason codes, in chain order.</summary>
        public static readonly IReadOnlyList<string> ReasonCodes = new[]
        {
            "TRAIL_NOT_PRESENT", "TRAIL_NOT_LOGGING", "TRAIL_SIGNIN_EVENTS_EXCLUDED", "RULE_NOT_PRESENT", "RULE_PATTERN_NOT_VALID", "RULE_NOT_ENABLED", "TARGET_NOT_PRESENT", "SNS_TOPIC_NOT_PRESENT",
            "SNS_TOPIC_POLICY_NOT_VALID", "SNS_TOPIC_KEY_NOT_VALID", "SNS_SUBSCRIPTION_NOT_PRESENT", "SNS_SUBSCRIPTION_FILTERED",
        };

        /// <summary>The warnings: the alert works but cannot be fully verified, or misses failed sign-ins.</summary>
        public static readonly IReadOnlyList<string> WarningCodes = new[]
        {
            "TRAIL_NOT_VERIFIABLE", "RULE_PATTERN_NOT_VERIFIABLE", "RULE_PATTERN_SUCCESS_ONLY", "SNS_TOPIC_NOT_VERIFIABLE", "SNS_TOPIC_POLICY_NOT_VERIFIABLE", "SNS_TOPIC_KEY_NOT_VERIFIABLE", "SNS_SUBSCRIPTION_FILTER_NOT_VERIFIABLE",
        };

        public override string Id => "RG.ROOT.5";
        public override string Title => "Root sign-in alert works end to end";
        public override FindingSeverity Severity => FindingSeverity.Medium;
        public override IReadOnlyList<string> Compliance { get; } = Array.Empty<string>();
        public override string Remediation =>
            "Run New-RootSignInAlert -EmailAddress <address> (it creates or repairs the rule, the topic, its policy and the subscription), then confirm the subscription from the inbox.";
        public override EvidenceSources Sources => EvidenceSources.SignInMonitor;
        public override IReadOnlyList<string> RequiredActions { get; } = TrailReader.Permissions.Concat(new[]
        {
            "events:ListRules", "events:ListTargetsByRule", "sns:GetTopicAttributes", "sns:ListSubscriptionsByTopic", "sns:GetSubscriptionAttributes", "kms:DescribeKey", "kms:GetKeyPolicy",
        }).ToList();

        /// <summary>Whether a rule is worth reading targets for: enabled, with a pattern that matches at least successful root sign-ins.</summary>
        public static bool IsCandidate(Rule rule) => RuleStates.IsEnabled(rule.State) && SignInAlertChain.Matches(SignInAlertChain.Analyze(rule));

        public override CheckResult Evaluate(AssessmentEvidence evidence, AssessmentContext context)
        {
            var monitor = Require(evidence.SignInMonitor, nameof(evidence.SignInMonitor));
            var region = monitor.Region;
            // The trails are the first link of every rule's chain: without one that brings sign-ins to EventBridge, no rule ever fires.
            var trailCaveats = new List<Caveat>();
            var trailLinkFacts = new List<(string, object?)>();
            if (SignInAlertChain.TrailLink(monitor, trailCaveats, trailLinkFacts) is { } noTrail)
            {
                var trailFacts = new List<(string, object?)> { ("ReasonCode", noTrail.ReasonCode), ("Region", region) };
                trailFacts.AddRange(noTrail.Facts);
                return Result(FindingStatus.Fail, region, noTrail.Reason, noTrail.Remediation, trailFacts.ToArray());
            }

            if (!monitor.Rules.Succeeded) return ErrorFrom(monitor.Rules.Failure!, $"the EventBridge rules in {region}", region);
            var rules = monitor.Rules.Value!;
            // Only rules that match, or look meant for sign-ins and say why they miss; the account's other rules are noise.
            var links = rules.Where(r => r.EventPattern != null && (SignInAlertChain.Matches(SignInAlertChain.Analyze(r)) || SignInAlertChain.LooksMeantForSignIns(r)))
                .Select(r => SignInAlertChain.Evaluate(monitor, r, context, trailCaveats, trailLinkFacts)).ToList();

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
    }
}
