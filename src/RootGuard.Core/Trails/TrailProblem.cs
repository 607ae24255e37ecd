namespace RootGuard.Core.Trails
{
    /// <summary>One condition a trail fails: what is wrong and what to change.</summary>
    public sealed class TrailProblem
    {
        public TrailProblem(TrailCondition condition, string problem, string fix)
        {
            Condition = condition;
            Problem = problem;
            Fix = fix;
        }

        public TrailCondition Condition { get; }

        /// <summary>What is wrong, as a sentence.</summary>
        public string Problem { get; }

        /// <summary>What to change, with the AWS CLI command when there is one.</summary>
        public string Fix { get; }

        public override string ToString() => $"{Problem} {Fix}";
    }
}
