using System;

namespace RootGuard.Core.Monitoring
{
    /// <summary>One thing that keeps a monitor from reaching people, or that cannot be verified: what, on which resource, and the fix.</summary>
    public sealed class MonitorProblem
    {
        public MonitorProblem(string code, string text, string fix)
        {
            Code = code ?? throw new ArgumentNullException(nameof(code));
            Text = text ?? throw new ArgumentNullException(nameof(text));
            Fix = fix ?? throw new ArgumentNullException(nameof(fix));
        }

        /// <summary>The reason code of RG.ROOT.5/6 (docs/assessment.md), or READ_FAILED when evidence could not be read.</summary>
        public string Code { get; }

        /// <summary>What is wrong, naming the resource.</summary>
        public string Text { get; }

        /// <summary>What to do about it.</summary>
        public string Fix { get; }

        public override string ToString() => $"{Text.TrimEnd()} Fix: {Fix}";
    }
}
