using System.Text.Json;

namespace RootGuard.Core.Patterns
{
    /// <summary>A node of a parsed CloudWatch Logs JSON filter pattern.</summary>
    public abstract class FilterExpression
    {
        internal FilterExpression() { }

        /// <summary>Whether a JSON log event satisfies this expression.</summary>
        public abstract bool Evaluate(JsonElement logEvent);

        /// <summary>The expression in a canonical spelling: one space around operators, quoted strings.</summary>
        public abstract override string ToString();
    }
}
