using System;
using System.Collections.Generic;

namespace RootGuard.Core.Policies
{
    /// <summary>The decision, one sentence why, and the statements that decided it.</summary>
    public sealed class PolicyEvaluation
    {
        public PolicyEvaluation(PolicyDecision decision, string reason, IReadOnlyList<string>? statements = null)
        {
            Decision = decision;
            Reason = reason ?? throw new ArgumentNullException(nameof(reason));
            Statements = statements ?? Array.Empty<string>();
        }

        public PolicyDecision Decision { get; }

        /// <summary>Why, naming the statements (by Sid, else by position) and the condition that decided.</summary>
        public string Reason { get; }

        /// <summary>The Sids (or "statement N") of the statements behind the decision.</summary>
        public IReadOnlyList<string> Statements { get; }

        public bool IsAllowed => Decision == PolicyDecision.Allowed;

        public override string ToString() => $"{Decision}: {Reason}";
    }
}
