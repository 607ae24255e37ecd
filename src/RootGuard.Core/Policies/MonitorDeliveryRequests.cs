using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Connection;
using RootGuard.Core.SignInAlert;
using RootGuard.Core.UsageAlarm;

namespace RootGuard.Core.Policies
{
    /// <summary>
    /// The requests a root monitor's delivery rests on, as the topic's and the key's policies see them: the one place
    /// that says which condition keys each service sends. Used by RG.ROOT.5/6, the New-* planners and the health of
    /// Get-RootMonitoring.
    /// </summary>
    /// <remarks>
    /// What each request carries, and why:
    /// <list type="bullet">
    /// <item>aws:SourceArn (the rule or alarm) and aws:SourceAccount (its account): EventBridge and CloudWatch send both
    /// when they publish to SNS; AWS's own examples condition on them ("Amazon SNS permissions" in the EventBridge user
    /// guide; "Allow any CloudWatch alarm to publish to a topic in a different account" in the SNS developer guide).</item>
    /// <item>aws:SourceOwner: CloudWatch sends it (the SNS default policy, which allows only requests whose SourceOwner is the
    /// topic's account, lets a same-account alarm publish: the CIS remediation relies on that). EventBridge does not: its
    /// guide requires an explicit statement for events.amazonaws.com, which the console adds; the default policy is not enough.</item>
    /// <item>KMS requests: no condition key is taken as known. SNS calls KMS for the publishing service, and which of
    /// aws:SourceArn/aws:SourceAccount reach the key policy is not documented per service, so a key policy statement that
    /// conditions on them is Unverifiable, not a pass.</item>
    /// </list>
    /// </remarks>
    public static class MonitorDeliveryRequests
    {
        public const string PublishAction = "sns:Publish";

        /// <summary>
        /// What the publishing service needs of a customer managed key on the topic (SNS's "Enable compatibility between event
        /// sources from AWS services and encrypted topics"): a data key to encrypt the message, and Decrypt.
        /// </summary>
        public static readonly IReadOnlyList<string> KeyActions = new[] { "kms:GenerateDataKey", "kms:Decrypt" };

        /// <summary>The services RootGuard's monitors publish through (EventBridge for the sign-in alert, CloudWatch for the usage alarm).</summary>
        public static readonly IReadOnlyList<string> Publishers = new[] { SignInAlertNames.ServicePrincipal, UsageAlarmPlanner.CloudWatchPrincipal };

        /// <summary>
        /// <paramref name="servicePrincipal"/> publishing to <paramref name="topicArn"/> for <paramref name="sourceArn"/>
        /// (the rule or alarm). For a service other than EventBridge and CloudWatch, aws:SourceOwner stays unknown.
        /// </summary>
        public static ServiceRequest Publish(string servicePrincipal, string topicArn, string sourceArn)
        {
            var account = ArnParts.AccountAndRegionOf(sourceArn).Account;
            var context = new Dictionary<string, string?>
            {
                ["aws:SourceArn"] = sourceArn,
                ["aws:SourceAccount"] = account,
            };
            if (servicePrincipal == UsageAlarmPlanner.CloudWatchPrincipal)
            {
                context["aws:SourceOwner"] = account;
            }
            else if (servicePrincipal == SignInAlertNames.ServicePrincipal)
            {
                context["aws:SourceOwner"] = null;
            }

            return new ServiceRequest(servicePrincipal, PublishAction, topicArn, context);
        }

        /// <summary>The key requests SNS makes for <paramref name="servicePrincipal"/> on an encrypted topic, one per <see cref="KeyActions"/>.</summary>
        public static IReadOnlyList<ServiceRequest> UseKey(string servicePrincipal, string keyArn) =>
            KeyActions.Select(action => new ServiceRequest(servicePrincipal, action, keyArn)).ToList();

        /// <summary>
        /// The first key request the policy does not allow for certain (Denied, NotAllowed or Unverifiable), or the
        /// Allowed evaluation of the last when every one is allowed.
        /// </summary>
        public static PolicyEvaluation EvaluateKeyPolicy(string? keyPolicyJson, string servicePrincipal, string keyArn)
        {
            PolicyEvaluation? last = null;
            foreach (var request in UseKey(servicePrincipal, keyArn))
            {
                last = ResourcePolicyEvaluator.Evaluate(keyPolicyJson, request);
                if (!last.IsAllowed) return last;
            }

            return last!;
        }
    }
}
