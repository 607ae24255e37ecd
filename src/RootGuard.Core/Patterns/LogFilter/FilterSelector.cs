using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RootGuard.Core.Patterns
{
    /// <summary>A property path such as <c>$.userIdentity.type</c> or <c>$.resources[0].ARN</c>.</summary>
    public sealed class FilterSelector : IEquatable<FilterSelector>
    {
        internal FilterSelector(IReadOnlyList<object> segments)
        {
            Segments = segments;
            var builder = new StringBuilder("$");
            foreach (var segment in segments)
            {
                if (segment is int index) builder.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
                else builder.Append('.').Append((string)segment);
            }
            Path = builder.ToString();
        }

        /// <summary>Property names (string) and array indexes (int), in order.</summary>
        public IReadOnlyList<object> Segments { get; }

        /// <summary>The selector in canonical spelling, for example <c>$.userIdentity.type</c>.</summary>
        public string Path { get; }

        /// <summary>Finds the selected value; false when any step of the path is missing.</summary>
        public bool TryResolve(JsonElement root, out JsonElement value)
        {
            value = root;
            foreach (var segment in Segments)
            {
                if (segment is int index)
                {
                    if (value.ValueKind != JsonValueKind.Array || index >= value.GetArrayLength()) return false;
                    value = value[index];
                }
                else
                {
                    if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty((string)segment, out var next)) return false;
                    value = next;
                }
            }
            return true;
        }

        public bool Equals(FilterSelector? other) => other != null && other.Path == Path;

        public override bool Equals(object? obj) => Equals(obj as FilterSelector);

        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Path);

        public override string ToString() => Path;
    }
}
