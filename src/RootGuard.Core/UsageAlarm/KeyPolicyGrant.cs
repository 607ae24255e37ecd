using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Aws;
using RootGuard.Core.Aws.Kms;
using RootGuard.Core.Aws.Kms.Model;
using RootGuard.Core.Notifications;

namespace RootGuard.Core.UsageAlarm
{
    /// <summary>
    /// Whether a KMS key policy lets a service principal use the key for an encrypted SNS topic. Without
    /// kms:GenerateDataKey* and kms:Decrypt, SNS drops every message the service publishes, and nobody is told.
    /// </summary>
    public static class KeyPolicyGrant
    {
        /// <summary>What the publishing service needs of the topic's key.</summary>
        public static readonly string[] RequiredActions = { "kms:GenerateDataKey*", "kms:Decrypt" };

        /// <summary>What the check itself needs of the caller (both monitors' permission lists include them).</summary>
        public static readonly IReadOnlyList<string> Permissions = new[] { "kms:DescribeKey", "kms:GetKeyPolicy" };

        /// <summary>
        /// The topic plan's notes with the generic key note replaced by what the key policy says (the one key check both
        /// monitors make, before anything is created): a missing grant or an unreadable policy is a warning, and a key
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
            var key = topic.KmsMasterKeyId;
            if (key == null || NotificationInputRules.IsAwsManagedSnsKey(key))
            {
                return topic.Notes;
            }

            // A topic shared by both monitors is published to by both services, which both need the grant.
            var publishers = new List<string> { principal };
            var policy = TopicPolicyDocument.Parse(topic.PolicyJson);
            publishers.AddRange(Publishers.Where(p => p != principal && policy.AllowsServiceToPublish(p)));
            var generic = new HashSet<string>(Publishers.Select(p => NotificationTopicPlanner.KeyPolicyNote(key, p)));
            var notes = topic.Notes.Where(n => !generic.Contains(n)).ToList();
            var finding = await CheckAsync(kms, key, publishers, keyRequested, cancellationToken).ConfigureAwait(false);
            if (finding != null)
            {
                notes.Add(finding);
            }

            return notes;
        }

        // The services RootGuard's monitors publish with: EventBridge (sign-in alert) and CloudWatch (usage alarm).
        private static readonly string[] Publishers = { SignInAlert.SignInAlertNames.ServicePrincipal, UsageAlarmPlanner.CloudWatchPrincipal };

        /// <summary>The required actions that no Allow statement grants the service principal (empty when all are granted).</summary>
        public static IReadOnlyList<string> MissingActions(string policyJson, string servicePrincipal)
        {
            var root = JsonNode.Parse(policyJson) as JsonObject ?? throw new FormatException("The key policy is not a JSON object.");
            var statements = root["Statement"] switch
            {
                JsonArray array => array.OfType<JsonObject>().ToList(),
                JsonObject single => new List<JsonObject> { single },
                _ => new List<JsonObject>(),
            };
            var granting = statements.Where(s => string.Equals((string?)s["Effect"], "Allow", StringComparison.OrdinalIgnoreCase)
                                                 && NamesPrincipal(s["Principal"], servicePrincipal)).ToList();
            return RequiredActions.Where(action => !granting.Any(s => Values(s["Action"]).Any(a => Covers(a, action)))).ToList();
        }

        private static bool NamesPrincipal(JsonNode? principal, string servicePrincipal) =>
            Values(principal).Contains("*") || principal is JsonObject o
            && (Values(o["Service"]).Contains(servicePrincipal, StringComparer.OrdinalIgnoreCase) || Values(o["AWS"]).Contains("*"));

        // IAM action wildcards: "*", "kms:*", "kms:GenerateDataKey*" covers "kms:GenerateDataKey*" and its variants.
        private static bool Covers(string granted, string wanted)
        {
            if (granted == "*" || string.Equals(granted, "kms:*", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (string.Equals(granted, wanted, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            // A grant of the exact GenerateDataKey action is what SNS uses; treat it as covering the wildcard need.
            return string.Equals(wanted, "kms:GenerateDataKey*", StringComparison.OrdinalIgnoreCase)
                   && string.Equals(granted, "kms:GenerateDataKey", StringComparison.OrdinalIgnoreCase);
        }

        private static IEnumerable<string> Values(JsonNode? node) => node switch
        {
            JsonArray array => array.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).Where(s => s != null).Select(s => s!),
            JsonValue value when value.TryGetValue<string>(out var s) => new[] { s },
            _ => Enumerable.Empty<string>(),
        };

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
                var gaps = servicePrincipals
                    .Select(p => (Principal: p, Missing: MissingActions(policy.Policy ?? "{}", p)))
                    .Where(g => g.Missing.Count > 0)
                    .ToList();
                return gaps.Count == 0
                    ? null
                    : $"The topic's KMS key '{keyId}' does not allow "
                      + string.Join("; nor ", gaps.Select(g => $"{g.Principal} {string.Join(" and ", g.Missing)}"))
                      + ", so SNS will drop those notifications without an error. Add a key policy statement with Principal {\"Service\": ["
                      + string.Join(", ", gaps.Select(g => $"\"{g.Principal}\"")) + "]} and Action [\"kms:GenerateDataKey*\", \"kms:Decrypt\"].";
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
