using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RootGuard.Core.Policies
{
    /// <summary>The value matching of IAM's policy language: wildcards, ARN components, string and array values.</summary>
    internal static class PolicyMatch
    {
        /// <summary>A policy element's values: a string, or an array of them (numbers and booleans as IAM reads them).</summary>
        public static IReadOnlyList<string>? Values(JsonNode? node)
        {
            switch (node)
            {
                case null:
                    return null;
                case JsonArray array:
                    var list = new List<string>();
                    foreach (var item in array)
                    {
                        if (Scalar(item) is not { } text) return null;
                        list.Add(text);
                    }

                    return list;
                default:
                    return Scalar(node) is { } single ? new[] { single } : null;
            }
        }

        private static string? Scalar(JsonNode? node)
        {
            if (node is not JsonValue value) return null;
            return value.GetValueKind() switch
            {
                JsonValueKind.String => value.GetValue<string>(),
                JsonValueKind.Number => value.ToJsonString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            };
        }

        /// <summary>IAM's wildcards: <c>*</c> any run of characters, <c>?</c> exactly one.</summary>
        public static bool Glob(string pattern, string text, StringComparison comparison)
        {
            int p = 0, t = 0, star = -1, mark = 0;
            while (t < text.Length)
            {
                if (p < pattern.Length && pattern[p] == '*')
                {
                    star = p++;
                    mark = t;
                }
                else if (p < pattern.Length && (pattern[p] == '?' || string.Compare(pattern, p, text, t, 1, comparison) == 0))
                {
                    p++;
                    t++;
                }
                else if (star >= 0)
                {
                    p = star + 1;
                    t = ++mark;
                }
                else
                {
                    return false;
                }
            }

            while (p < pattern.Length && pattern[p] == '*') p++;
            return p == pattern.Length;
        }

        /// <summary>
        /// An ARN pattern against an ARN, component by component (arn:partition:service:region:account:resource), each
        /// with wildcards and case-sensitive, as ArnLike and the Resource element compare. A pattern that is not six
        /// components but has a wildcard is Unknown: how AWS spreads it over the components is not documented.
        /// </summary>
        public static Match Arn(string pattern, string arn)
        {
            if (pattern == "*") return Match.Yes;
            var wanted = pattern.Split(new[] { ':' }, 6);
            var actual = arn.Split(new[] { ':' }, 6);
            if (wanted.Length != 6 || actual.Length != 6)
            {
                if (pattern.IndexOfAny(new[] { '*', '?' }) >= 0) return Match.Unknown;
                return string.Equals(pattern, arn, StringComparison.Ordinal) ? Match.Yes : Match.No;
            }

            return wanted.Zip(actual, (w, a) => Glob(w, a, StringComparison.Ordinal)).All(m => m) ? Match.Yes : Match.No;
        }

        /// <summary>Yes when any is Yes; else Unknown when any is Unknown; else No.</summary>
        public static Match Any(IEnumerable<Match> matches)
        {
            var result = Match.No;
            foreach (var m in matches)
            {
                if (m == Match.Yes) return Match.Yes;
                if (m == Match.Unknown) result = Match.Unknown;
            }

            return result;
        }

        public static Match Not(Match m) => m switch { Match.Yes => Match.No, Match.No => Match.Yes, _ => Match.Unknown };

        public static Match Of(bool value) => value ? Match.Yes : Match.No;

        public static string List(IEnumerable<string> values) => string.Join(", ", values.Select(v => "'" + v + "'"));
    }
}
