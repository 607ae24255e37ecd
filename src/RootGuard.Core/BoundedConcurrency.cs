using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace RootGuard.Core
{
    /// <summary>Runs independent AWS work side by side, a few at a time: fast for large accounts or fleets, gentle on throttling.</summary>
    public static class BoundedConcurrency
    {
        /// <summary>Runs <paramref name="body"/> for each item, at most <paramref name="limit"/> at once; the results keep the items' order.</summary>
        public static async Task<TResult[]> MapAsync<TItem, TResult>(IEnumerable<TItem> items, int limit, Func<TItem, Task<TResult>> body,
            CancellationToken cancellationToken)
        {
            using var gate = new SemaphoreSlim(Math.Max(1, limit));
            var tasks = items.Select(async item =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    return await body(item).ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                }
            }).ToList();
            return await Task.WhenAll(tasks).ConfigureAwait(false);
        }
    }
}
