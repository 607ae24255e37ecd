namespace RootGuard.Core.Policies
{
    /// <summary>What a resource policy answers to one <see cref="ServiceRequest"/>.</summary>
    public enum PolicyDecision
    {
        /// <summary>An Allow statement applies for certain and no Deny can apply.</summary>
        Allowed,

        /// <summary>A Deny statement applies for certain: it wins over every Allow.</summary>
        Denied,

        /// <summary>No Allow statement applies (the implicit deny), and the request fails.</summary>
        NotAllowed,

        /// <summary>
        /// The answer hangs on something the evaluator cannot prove (a condition on a key it does not know, an operator it
        /// does not evaluate, a policy that is not JSON): an Allow that may not apply, or a Deny that may. Never a pass.
        /// </summary>
        Unverifiable,
    }
}
