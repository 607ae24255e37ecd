using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace RootGuard.Core.Patterns
{
    /// <summary>Operands joined by <c>&amp;&amp;</c>.</summary>
    public sealed class FilterAnd : FilterExpression
    {
        internal FilterAnd(IReadOnlyList<FilterExpression> operands) => Operands = operands;

        public IReadOnlyList<FilterExpression> Operands { get; }

        public override bool Evaluate(JsonElement logEvent) => Operands.All(o => o.Evaluate(logEvent));

        public override string ToString() =>
            string.Join(" && ", Operands.Select(o => o is FilterOr ? "(" + o + ")" : o.ToString()));
    }
}
