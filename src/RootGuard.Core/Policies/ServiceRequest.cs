using System;
using System.Collections.Generic;
using System.Linq;

namespace RootGuard.Core.Policies
{
    /// <summary>
    /// One request an AWS service makes on a resource on someone's behalf, as a resource policy sees it: the service
    /// principal, the action, the resource ARN, and the condition keys in the request context. A key is either known
    /// (with its value), known to be absent (AWS documents that the service does not send it), or unknown (not listed):
    /// a condition on an unknown key cannot be proven, so <see cref="ResourcePolicyEvaluator"/> answers Unverifiable
    /// rather than guess.
    /// </summary>
    public sealed class ServiceRequest
    {
        private readonly Dictionary<string, string?> context;

        /// <param name="servicePrincipal">For example <c>events.amazonaws.com</c>.</param>
        /// <param name="action">For example <c>sns:Publish</c>.</param>
        /// <param name="resourceArn">The resource the policy is attached to (topic ARN, key ARN).</param>
        /// <param name="context">Condition keys (case-insensitive, as in IAM) to their value; a null value means the key is absent from the request.</param>
        public ServiceRequest(string servicePrincipal, string action, string resourceArn, IEnumerable<KeyValuePair<string, string?>>? context = null)
        {
            ServicePrincipal = servicePrincipal ?? throw new ArgumentNullException(nameof(servicePrincipal));
            Action = action ?? throw new ArgumentNullException(nameof(action));
            ResourceArn = resourceArn ?? throw new ArgumentNullException(nameof(resourceArn));
            this.context = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in context ?? Enumerable.Empty<KeyValuePair<string, string?>>())
            {
                this.context[pair.Key] = pair.Value;
            }
        }

        public string ServicePrincipal { get; }
        public string Action { get; }
        public string ResourceArn { get; }

        /// <summary>The condition keys whose presence (and value) is known.</summary>
        public IReadOnlyDictionary<string, string?> Context => context;

        /// <summary>True when the key's presence is known; <paramref name="value"/> is null when it is known to be absent.</summary>
        public bool TryGetKey(string key, out string? value) => context.TryGetValue(key, out value);

        /// <summary>The same request for another action (a KMS key is asked for two).</summary>
        public ServiceRequest WithAction(string action) => new ServiceRequest(ServicePrincipal, action, ResourceArn, context);

        public override string ToString() => $"{ServicePrincipal} {Action} on {ResourceArn}";
    }
}
