using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace RootGuard.Core.Aws.Runtime
{
    /// <summary>Follows a paginated operation's token (NextToken, Marker) until the service stops returning one.</summary>
    public static class AwsPagination
    {
        /// <summary>
        /// Calls <paramref name="fetch"/> with each page's token (null first) and gathers the items of every page.
        /// A token that repeats ends the walk, so a misbehaving endpoint cannot loop forever.
        /// </summary>
        public static async Task<List<TItem>> CollectAsync<TResponse, TItem>(
            Func<string?, CancellationToken, Task<TResponse>> fetch,
            Func<TResponse, string?> nextToken,
            Func<TResponse, IEnumerable<TItem>> items,
            CancellationToken cancellationToken)
        {
            var all = new List<TItem>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            string? token = null;
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                var page = await fetch(token, cancellationToken).ConfigureAwait(false);
                all.AddRange(items(page));
                token = nextToken(page);
            }
            while (!string.IsNullOrEmpty(token) && seen.Add(token!));

            return all;
        }
    }
}
