using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace RootGuard.Core.Patterns
{
    /// <summary>One listed value or operator: matches when any of the field's values passes it.</summary>
    internal sealed class ValueTest
    {
        private readonly Func<JsonElement, bool>? test;
        private readonly bool? exists;

        public ValueTest(Func<JsonElement, bool> test) => this.test = test;
        private ValueTest(bool exists) => this.exists = exists;

        public static ValueTest Exists(bool exists) => new ValueTest(exists);

        public bool Matches(bool present, IReadOnlyList<JsonElement> values)
        {
            if (exists.HasValue)
            {
                // EventBridge's exists applies to leaves: a field holding only an object does not "exist".
                var hasLeaf = present && (values.Count == 0 || values.Any(v => v.ValueKind != JsonValueKind.Object));
                return hasLeaf == exists.Value;
            }
            return values.Any(test!);
        }
    }
}
