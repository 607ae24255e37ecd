using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RootGuard.Core.Policies
{
    /// <summary>
    /// Answers one question of a resource policy (an SNS topic policy, a KMS key policy): may this AWS service perform
    /// this action on this resource, on behalf of this source? It follows AWS's policy evaluation logic for a request
    /// within one account, where the resource policy alone decides
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
    /// an explicit Deny that applies wins; otherwise an Allow that applies allows; otherwise the request is implicitly
    /// denied. A statement applies when its Principal (or NotPrincipal), Action (or NotAction), Resource (or NotResource)
    /// and every condition match (see <see cref="PolicyConditions"/>). Where that hangs on something it cannot prove, the
    /// answer is <see cref="PolicyDecision.Unverifiable"/>, never Allowed: a false pass is the one finding nobody rechecks.
    /// Service control and resource control policies of an organization are not seen from here.
    /// </summary>
    /// <remarks>
    /// Used by the assessment (RG.ROOT.5, RG.ROOT.6) and by the planners to know whether a topic's publish grant and a
    /// key's grant are effective; build the requests with <see cref="MonitorDeliveryRequests"/>.
    /// </remarks>
    public static class ResourcePolicyEvaluator
    {
        /// <summary>Evaluates a policy document given as JSON text; text that is not a JSON object is Unverifiable.</summary>
        public static PolicyEvaluation Evaluate(string? policyJson, ServiceRequest request)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (string.IsNullOrWhiteSpace(policyJson))
                return new PolicyEvaluation(PolicyDecision.NotAllowed, $"The resource has no policy, so nothing allows {Describe(request)}.");
            JsonNode? root;
            try
            {
                root = JsonNode.Parse(policyJson!);
            }
            catch (JsonException e)
            {
                return new PolicyEvaluation(PolicyDecision.Unverifiable, $"The policy is not valid JSON ({e.Message}), so whether it allows {Describe(request)} cannot be told.");
            }

            return root is JsonObject policy
                ? Evaluate(policy, request)
                : new PolicyEvaluation(PolicyDecision.Unverifiable, $"The policy is not a JSON object, so whether it allows {Describe(request)} cannot be told.");
        }

        /// <summary>Evaluates a parsed policy document.</summary>
        public static PolicyEvaluation Evaluate(JsonObject policy, ServiceRequest request)
        {
            if (policy == null) throw new ArgumentNullException(nameof(policy));
            if (request == null) throw new ArgumentNullException(nameof(request));
            var statements = policy["Statement"] switch
            {
                JsonArray array => array.ToList(),
                JsonObject single => new List<JsonNode?> { single },
                _ => new List<JsonNode?>(),
            };

            var judged = new List<(string Name, bool Deny, Match Match, string? Why)>();
            for (var i = 0; i < statements.Count; i++)
            {
                var name = statements[i]?["Sid"] is JsonValue sid && sid.TryGetValue<string>(out var text) && text.Length > 0 ? $"'{text}'" : $"statement {i + 1}";
                if (statements[i] is not JsonObject statement)
                {
                    judged.Add((name, true, Match.Unknown, "it is not a JSON object"));
                    continue;
                }

                var effect = PolicyMatch.Values(statement["Effect"]) is { Count: 1 } one ? one[0] : null;
                var deny = string.Equals(effect, "Deny", StringComparison.OrdinalIgnoreCase);
                if (!deny && !string.Equals(effect, "Allow", StringComparison.OrdinalIgnoreCase))
                {
                    // AWS rejects such a policy when it is set; one that exists anyway is read as possibly denying.
                    judged.Add((name, true, Match.Unknown, $"its Effect '{effect}' is neither Allow nor Deny"));
                    continue;
                }

                var (match, why) = Applies(statement, request);
                judged.Add((name, deny, match, why));
            }

            var what = Describe(request);
            var denying = judged.Where(s => s.Deny && s.Match == Match.Yes).ToList();
            if (denying.Count > 0)
                return new PolicyEvaluation(PolicyDecision.Denied,
                    $"Statement {denying[0].Name} explicitly denies {what}, and an explicit deny wins over any allow.", Names(denying));

            var allowing = judged.Where(s => !s.Deny && s.Match == Match.Yes).ToList();
            var maybeAllowing = judged.Where(s => !s.Deny && s.Match == Match.Unknown).ToList();
            var maybeDenying = judged.Where(s => s.Deny && s.Match == Match.Unknown).ToList();
            if (allowing.Count == 0 && maybeAllowing.Count == 0)
            {
                var near = judged.Where(s => !s.Deny && s.Why != null).ToList();
                return new PolicyEvaluation(PolicyDecision.NotAllowed,
                    near.Count == 0
                        ? $"No statement allows {what}."
                        : $"No statement allows {what}: {string.Join("; ", near.Select(s => $"{s.Name} would, but {s.Why}"))}.",
                    Names(near));
            }

            if (maybeDenying.Count > 0)
                return new PolicyEvaluation(PolicyDecision.Unverifiable,
                    $"Statement {maybeDenying[0].Name} may deny {what}: {maybeDenying[0].Why}.", Names(maybeDenying));
            if (allowing.Count > 0)
                return new PolicyEvaluation(PolicyDecision.Allowed, $"Statement {allowing[0].Name} allows {what}.", Names(allowing));
            return new PolicyEvaluation(PolicyDecision.Unverifiable,
                $"Statement {maybeAllowing[0].Name} allows {what} only if {maybeAllowing[0].Why}, which RootGuard cannot verify.", Names(maybeAllowing));
        }

        private static IReadOnlyList<string> Names(IEnumerable<(string Name, bool Deny, Match Match, string? Why)> statements) =>
            statements.Select(s => s.Name.Trim('\'')).ToList();

        private static string Describe(ServiceRequest request) => $"{request.ServicePrincipal} to call {request.Action} on {request.ResourceArn}";

        // Whether one statement applies; Why says what stopped it (a condition) or what could not be told.
        private static (Match, string?) Applies(JsonObject statement, ServiceRequest request)
        {
            var principal = statement.ContainsKey("Principal") ? NamesPrincipal(statement["Principal"], request)
                : statement.ContainsKey("NotPrincipal") ? PolicyMatch.Not(NamesPrincipal(statement["NotPrincipal"], request))
                : Match.No; // A resource policy statement without a principal applies to nobody.
            if (principal == Match.No) return (Match.No, null);

            var action = Element(statement, "Action", "NotAction", request.Action,
                (pattern, value) => PolicyMatch.Of(PolicyMatch.Glob(pattern, value, StringComparison.OrdinalIgnoreCase)));
            if (action == Match.No) return (Match.No, null);

            // No Resource element: the policy's own resource (a resource policy cannot name another).
            var resource = statement.ContainsKey("Resource") || statement.ContainsKey("NotResource")
                ? Element(statement, "Resource", "NotResource", request.ResourceArn, PolicyMatch.Arn)
                : Match.Yes;
            if (resource == Match.No) return (Match.No, null);

            var (condition, why) = PolicyConditions.Evaluate(statement["Condition"], request);
            if (condition == Match.No) return (Match.No, why);
            if (principal == Match.Unknown) return (Match.Unknown, "its principal cannot be read");
            if (resource == Match.Unknown) return (Match.Unknown, "its resource pattern is not a full ARN");
            if (action == Match.Unknown) return (Match.Unknown, "its action list cannot be read");
            return (condition, why);
        }

        private static Match Element(JsonObject statement, string positive, string negative, string value, Func<string, string, Match> compare)
        {
            var name = statement.ContainsKey(positive) ? positive : statement.ContainsKey(negative) ? negative : null;
            if (name == null) return Match.No;
            var patterns = PolicyMatch.Values(statement[name]);
            if (patterns == null) return Match.Unknown;
            var any = PolicyMatch.Any(patterns.Select(p => compare(p, value)));
            return name == positive ? any : PolicyMatch.Not(any);
        }

        // "*" and {"AWS": "*"} name every principal, services included; {"Service": ...} names the listed services.
        private static Match NamesPrincipal(JsonNode? principal, ServiceRequest request)
        {
            if (principal is JsonValue)
                return PolicyMatch.Values(principal) is { } all ? PolicyMatch.Of(all.Contains("*")) : Match.Unknown;
            if (principal is not JsonObject map) return Match.Unknown;
            foreach (var entry in map)
            {
                var values = PolicyMatch.Values(entry.Value);
                if (values == null) return Match.Unknown;
                if (entry.Key == "AWS" && values.Contains("*")) return Match.Yes;
                if (entry.Key == "Service" && values.Contains(request.ServicePrincipal, StringComparer.OrdinalIgnoreCase)) return Match.Yes;
            }

            return Match.No;
        }
    }
}
