using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace RootGuard.Core.Patterns
{
    /// <summary>Operands joined by <c>||</c>.</summary>
    public sealed class FilterOr : FilterExpression
    {
        internal FilterOr(IReadOnlyList<FilterExpression> operands) => Operands = operands;

        public IReadOnlyList<FilterExpression> Operands { get; }

        public override bool Evaluate(JsonElement logEvent) => Operands.Any(o => o.Evaluate(logEvent));

        public override string ToString() =>
            string.Join(" || ", Operands.Select(o => o is FilterAnd ? "(" + o + ")" : o.ToString()));
    }
}
