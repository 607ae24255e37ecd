using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RootGuard.Core.Patterns
{
    /// <summary>One condition on one selector, such as <c>$.userIdentity.type = "Root"</c>.</summary>
    public sealed class FilterCondition : FilterExpression
    {
        private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(250);
        private readonly Regex? valueRegex;

        internal FilterCondition(FilterSelector selector, FilterOperator op, FilterValueKind? valueKind = null, string? valueText = null)
        {
            Selector = selector;
            Operator = op;
            ValueKind = valueKind;
            ValueText = valueText;
            if (valueKind == FilterValueKind.Regex)
                valueRegex = new Regex(valueText!, RegexOptions.CultureInvariant, RegexTimeout);
            else if (valueKind == FilterValueKind.String && valueText!.IndexOf('*') >= 0)
                valueRegex = new Regex("^" + string.Join(".*", valueText.Split('*').Select(Regex.Escape)) + "$",
                    RegexOptions.Singleline | RegexOptions.CultureInvariant, RegexTimeout);
        }

        public FilterSelector Selector { get; }

        public FilterOperator Operator { get; }

        /// <summary>The kind of literal compared with; null for EXISTS, NOT EXISTS and the IS tests.</summary>
        public FilterValueKind? ValueKind { get; }

        /// <summary>The literal without quotes or percent signs; null when there is none.</summary>
        public string? ValueText { get; }

        /// <remarks>
        /// CloudWatch Logs compares only properties that are there: a comparison on a missing property is false
        /// whatever the operator, so <c>$.a != "x"</c> does not match an event without <c>a</c>. That is why the
        /// CIS pattern tests <c>invokedBy NOT EXISTS</c> rather than comparing it. A comparison with a null,
        /// an object or an array is false too; <c>IS NULL</c> is the test for null.
        /// </remarks>
        public override bool Evaluate(JsonElement logEvent)
        {
            var found = Selector.TryResolve(logEvent, out var value);
            switch (Operator)
            {
                case FilterOperator.Exists: return found;
                case FilterOperator.NotExists: return !found;
                case FilterOperator.IsNull: return found && value.ValueKind == JsonValueKind.Null;
                case FilterOperator.IsTrue: return found && value.ValueKind == JsonValueKind.True;
                case FilterOperator.IsFalse: return found && value.ValueKind == JsonValueKind.False;
            }
            if (!found || !IsScalar(value)) return false;
            switch (Operator)
            {
                case FilterOperator.Equal: return EqualsValue(value);
                case FilterOperator.NotEqual: return !EqualsValue(value);
                default:
                    if (value.ValueKind != JsonValueKind.Number) return false;
                    var actual = value.GetDouble();
                    var bound = double.Parse(ValueText!, NumberStyles.Float, CultureInfo.InvariantCulture);
                    return Operator switch
                    {
                        FilterOperator.LessThan => actual < bound,
                        FilterOperator.LessThanOrEqual => actual <= bound,
                        FilterOperator.GreaterThan => actual > bound,
                        _ => actual >= bound,
                    };
            }
        }

        private static bool IsScalar(JsonElement value) =>
            value.ValueKind == JsonValueKind.String || value.ValueKind == JsonValueKind.Number
            || value.ValueKind == JsonValueKind.True || value.ValueKind == JsonValueKind.False;

        private bool EqualsValue(JsonElement value)
        {
            var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
            if (ValueKind == FilterValueKind.Number && value.ValueKind == JsonValueKind.Number)
                return value.GetDouble() == double.Parse(ValueText!, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (valueRegex != null)
            {
                try
                {
                    return valueRegex.IsMatch(text);
                }
                catch (RegexMatchTimeoutException)
                {
                    return false;
                }
            }
            return string.Equals(text, ValueText, StringComparison.Ordinal);
        }

        public override string ToString()
        {
            switch (Operator)
            {
                case FilterOperator.Exists: return Selector + " EXISTS";
                case FilterOperator.NotExists: return Selector + " NOT EXISTS";
                case FilterOperator.IsNull: return Selector + " IS NULL";
                case FilterOperator.IsTrue: return Selector + " IS TRUE";
                case FilterOperator.IsFalse: return Selector + " IS FALSE";
            }
            var op = Operator switch
            {
                FilterOperator.Equal => "=",
                FilterOperator.NotEqual => "!=",
                FilterOperator.LessThan => "<",
                FilterOperator.LessThanOrEqual => "<=",
                FilterOperator.GreaterThan => ">",
                _ => ">=",
            };
            var value = ValueKind switch
            {
                FilterValueKind.Number => ValueText!,
                FilterValueKind.Regex => "%" + ValueText + "%",
                _ => "\"" + ValueText!.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"",
            };
            return $"{Selector} {op} {value}";
        }
    }
}
