using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Aws;
using RootGuard.Core.Aws.Kms;
using RootGuard.Core.Aws.Kms.Model;
using RootGuard.Core.NotificationTopic;
using RootGuard.Core.Policies;

namespace RootGuard.Core.UsageAlarm
{
    /// <summary>
    /// Whether a KMS key policy lets a service principal use the key for an encrypted SNS topic (New-RootUsageAlarm's
    /// warning; the assessment judges the same with <see cref="MonitorDeliveryRequests"/>). Without
    /// kms:GenerateDataKey* and kms:Decrypt, SNS drops every message the service publishes, and nobody is told.
    /// </summary>
    public static class KeyPolicyGrant
    {
        /// <summary>What the publishing service needs of the topic's key.</summary>
        public static readonly string[] RequiredActions = { "kms:GenerateDataKey*", "kms:Decrypt" };

        /// <summary>What the check itself needs of the caller (both monitors' permission lists include them).</summary>
        public static readonly IReadOnlyList<string> Permissions = new[] { "kms:DescribeKey", "kms:GetKeyPolicy" };

        /// <summary>
        /// The topic plan's notes and what the policy of its customer managed key says (the one key check both monitors
        /// make, before anything is created): a missing grant or an unreadable policy is a warning, and a key
        /// given with -KmsMasterKeyId that does not exist is an error, since SNS would accept it and then drop every message.
        /// </summary>
        /// <param name="kms">A KMS client in the topic's region.</param>
        /// <param name="topic">The planned topic.</param>
        /// <param name="principal">The service that publishes for this monitor.</param>
        /// <param name="keyRequested">True when the key came from -KmsMasterKeyId rather than from an existing topic.</param>
        /// <param name="cancellationToken">Cancelled by Ctrl+C.</param>
        public static async Task<IReadOnlyList<string>> TopicNotesAsync(IKmsClient kms, NotificationTopicPlan topic, string principal, bool keyRequested,
            CancellationToken cancellationToken)
        {
            var key = topic.CustomerManagedKeyId;
            if (key == null)
            {
                return topic.Warnings;
            }

            // A topic shared by both monitors is published to by both services, which both need the grant.
            var publishers = new List<string> { principal };
            var policy = TopicPolicyDocument.Parse(topic.PolicyJson);
            publishers.AddRange(Publishers.Where(p => p != principal && policy.AllowsServiceToPublish(p)));
            var notes = topic.Warnings.ToList();
            var finding = await CheckAsync(kms, key, publishers, keyRequested, cancellationToken).ConfigureAwait(false);
            if (finding != null)
            {
                notes.Add(finding);
            }

            return notes;
        }

        // The services RootGuard's monitors publish with: EventBridge (sign-in alert) and CloudWatch (usage alarm).
        private static readonly string[] Publishers = { SignInAlert.SignInAlertNames.ServicePrincipal, UsageAlarmPlanner.CloudWatchPrincipal };

        /// <summary>
        /// The required actions the key policy does not allow the service principal for certain (judged by
        /// <see cref="ResourcePolicyEvaluator"/>: a Deny wins, an unprovable condition does not count as a grant).
        /// </summary>
        /// <param name="policyJson">The key policy.</param>
        /// <param name="servicePrincipal">For example cloudwatch.amazonaws.com.</param>
        /// <param name="keyArn">The key's ARN, for statements whose Resource names it (key policies normally say "*").</param>
        public static IReadOnlyList<string> MissingActions(string policyJson, string servicePrincipal, string keyArn = "*") =>
            RequiredActions.Where((_, i) => !Evaluate(policyJson, servicePrincipal, keyArn, i).IsAllowed).ToList();

        // RequiredActions[i] is what to grant; MonitorDeliveryRequests.KeyActions[i] is the call SNS makes for the service.
        private static PolicyEvaluation Evaluate(string policyJson, string servicePrincipal, string keyArn, int action) =>
            ResourcePolicyEvaluator.Evaluate(policyJson, MonitorDeliveryRequests.UseKey(servicePrincipal, keyArn)[action]);

        /// <summary>
        /// Reads the key's policy and says what to do about it: null when every publishing service has the grant or the
        /// key is AWS managed (another rule refuses that), otherwise a warning (missing grant, or the policy could not be read).
        /// </summary>
        /// <param name="kms">A KMS client in the topic's region.</param>
        /// <param name="keyId">The topic's KmsMasterKeyId (id, ARN or alias).</param>
        /// <param name="servicePrincipals">The services that publish to the topic: CloudWatch, and EventBridge when the topic is shared with the sign-in alert.</param>
        /// <param name="keyRequested">True when the key came from -KmsMasterKeyId: a key that does not exist is then an error.</param>
        /// <param name="cancellationToken">Cancelled by Ctrl+C.</param>
        public static async Task<string?> CheckAsync(IKmsClient kms, string keyId, IReadOnlyList<string> servicePrincipals, bool keyRequested,
            CancellationToken cancellationToken)
        {
            var who = string.Join(" and ", servicePrincipals);
            try
            {
                var key = (await kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = keyId }, cancellationToken).ConfigureAwait(false)).KeyMetadata;
                if (key?.KeyManager == "AWS")
                {
                    return null;
                }

                var policy = await kms.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = key?.KeyId ?? keyId, PolicyName = "default" },
                    cancellationToken).ConfigureAwait(false);
                var keyArn = key?.Arn ?? keyId;
                var verdicts = servicePrincipals
                    .Select(p => (Principal: p, Verdict: MonitorDeliveryRequests.EvaluateKeyPolicy(policy.Policy ?? "{}", p, keyArn)))
                    .Where(g => !g.Verdict.IsAllowed)
                    .ToList();
                if (verdicts.Count == 0)
                {
                    return null;
                }

                var unverifiable = verdicts.Where(v => v.Verdict.Decision == PolicyDecision.Unverifiable).ToList();
                var refused = verdicts.Except(unverifiable).ToList();
                return refused.Count > 0
                    ? $"The topic's KMS key '{keyId}' does not allow "
                      + string.Join("; nor ", refused.Select(g => $"{g.Principal} {string.Join(" and ", MissingActions(policy.Policy ?? "{}", g.Principal, keyArn))} ({g.Verdict.Reason})"))
                      + ", so SNS will drop those notifications without an error. Add a key policy statement with Principal {\"Service\": ["
                      + string.Join(", ", refused.Select(g => $"\"{g.Principal}\"")) + "]} and Action [\"kms:GenerateDataKey*\", \"kms:Decrypt\"], and no Deny that covers them."
                    : $"Whether the topic's KMS key '{keyId}' lets {string.Join(" and ", unverifiable.Select(v => v.Principal))} use it cannot be verified ({unverifiable[0].Verdict.Reason}). "
                      + $"Make sure it allows {who} kms:GenerateDataKey* and kms:Decrypt, or SNS drops every notification without an error.";
            }
            catch (Exception e) when (keyRequested && AwsErrorTranslator.IsNotFound(e))
            {
                throw new RootGuardException(ErrorIds.KmsKeyNotFound, FailureKind.NotFound,
                    $"-KmsMasterKeyId: there is no KMS key '{keyId}' in the topic's region. SNS would accept it, then drop every message. Nothing was changed.",
                    "Give the id, ARN or alias of a customer managed key in the topic's region (aws kms list-aliases), or leave out -KmsMasterKeyId.",
                    "KmsMasterKeyId", e);
            }
            catch (Exception e) when (!(e is OperationCanceledException) && !AwsErrorTranslator.IsEndpointFailure(e)
                                      && (e is JsonException || e is FormatException || AwsErrorTranslator.ErrorCodeOf(e) != null))
            {
                return $"The key policy of the topic's KMS key '{keyId}' could not be checked ({AwsErrorTranslator.Translate(e).Message}). "
                       + $"Make sure it allows {who} kms:GenerateDataKey* and kms:Decrypt, or SNS drops every notification without an error.";
            }
        }
    }
}
