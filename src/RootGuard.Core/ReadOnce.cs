using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;

namespace RootGuard.Core
{
    /// <summary>
    /// One AWS read per key for the life of its owner (an assessment, an inventory): the first caller starts the read,
    /// every later or concurrent caller shares its task, whether it is still running, answered or failed.
    /// </summary>
    internal sealed class ReadOnce<T>
    {
        // Lazy, so two callers racing on a new key start one read, not two.
        private readonly ConcurrentDictionary<string, Lazy<Task<T>>> reads = new ConcurrentDictionary<string, Lazy<Task<T>>>(StringComparer.Ordinal);

        /// <summary>The read of <paramref name="key"/>: <paramref name="read"/>(key) on the first call, the same task after.</summary>
        public Task<T> GetAsync(string key, Func<string, Task<T>> read) => reads.GetOrAdd(key, k => new Lazy<Task<T>>(() => read(k))).Value;
    }
}
