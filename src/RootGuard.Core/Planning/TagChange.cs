using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace RootGuard.Core.Planning
{
    /// <summary>
    /// The tags to put on an existing resource so that it carries the wanted ones (other tags stay), and what undoing
    /// that puts back: the values it overwrote, and the removal of the keys it added.
    /// </summary>
    public sealed class TagChange
    {
        private TagChange(IReadOnlyList<KeyValuePair<string, string>> toSet, IReadOnlyList<KeyValuePair<string, string>> overwritten,
            IReadOnlyList<string> added, SortedDictionary<string, string> after)
        {
            ToSet = toSet;
            Overwritten = overwritten;
            Added = added;
            After = after;
        }

        /// <summary>Wanted tags that are missing or have another value, in the order they were wanted.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> ToSet { get; }

        /// <summary>The values <see cref="ToSet"/> replaces, to put back on undo.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Overwritten { get; }

        /// <summary>The keys <see cref="ToSet"/> adds, to remove on undo.</summary>
        public IReadOnlyList<string> Added { get; }

        /// <summary>The resource's tags once the change is made.</summary>
        public SortedDictionary<string, string> After { get; }

        public static TagChange Plan(IReadOnlyDictionary<string, string> current, IEnumerable<KeyValuePair<string, string>> wanted)
        {
            var toSet = wanted.Where(w => !current.TryGetValue(w.Key, out var value) || value != w.Value).ToList();
            var after = new SortedDictionary<string, string>(current.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);
            foreach (var pair in toSet)
            {
                after[pair.Key] = pair.Value;
            }

            var overwritten = toSet.Where(m => current.ContainsKey(m.Key)).Select(m => new KeyValuePair<string, string>(m.Key, current[m.Key])).ToList();
            var added = toSet.Where(m => !current.ContainsKey(m.Key)).Select(m => m.Key).ToList();
            return new TagChange(toSet, overwritten, added, after);
        }

        /// <summary>A resource's tags by key; tags without a key are skipped, a missing value is empty.</summary>
        public static SortedDictionary<string, string> Current<TTag>(IEnumerable<TTag>? tags, Func<TTag, string?> key, Func<TTag, string?> value)
        {
            var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var tag in tags ?? Enumerable.Empty<TTag>())
            {
                if (key(tag) is { } k)
                {
                    result[k] = value(tag) ?? string.Empty;
                }
            }

            return result;
        }

        /// <summary>
        /// The update that tags the resource ("Tag {what} with k=v, …"); null when nothing is to be set. Undo puts back
        /// the values it overwrote and removes the keys it added.
        /// </summary>
        public PlannedChange? ToPlannedChange(string resourceType, string resourceName, string what,
            Func<IReadOnlyList<KeyValuePair<string, string>>, CancellationToken, Task> tag, Func<IReadOnlyList<string>, CancellationToken, Task> untag,
            params string[] permissions)
        {
            if (ToSet.Count == 0)
            {
                return null;
            }

            return new PlannedChange(resourceType, resourceName, ChangeAction.Update,
                $"Tag {what} with " + string.Join(", ", ToSet.Select(m => $"{m.Key}={m.Value}")),
                ct => tag(ToSet, ct),
                async ct =>
                {
                    if (Added.Count > 0)
                    {
                        await untag(Added, ct).ConfigureAwait(false);
                    }

                    if (Overwritten.Count > 0)
                    {
                        await tag(Overwritten, ct).ConfigureAwait(false);
                    }
                },
                permissions);
        }
    }
}
