using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.ExceptionServices;
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

        /// <summary>
        /// Runs <paramref name="body"/> for each item, at most <paramref name="limit"/> at once, and hands each result to the
        /// enumerating thread as soon as it is ready (completion order, not item order). The enumerating thread is the only
        /// one that sees results, so a cmdlet can write them on the pipeline thread while the work goes on.
        /// </summary>
        /// <remarks>
        /// An item's slot is given back only when the consumer asks for the next result, so at most <paramref name="limit"/>
        /// results exist at once, running or waiting to be taken: memory does not grow with the number of items, and a slow
        /// consumer (a pipeline writing to a slow disk) slows the work instead of piling results up. A body that throws ends
        /// the enumeration with its exception. Cancelling <paramref name="cancellationToken"/>, or leaving the loop early,
        /// stops the work and returns at once, without waiting for calls in flight to notice.
        /// </remarks>
        public static IEnumerable<TResult> InCompletionOrder<TItem, TResult>(IEnumerable<TItem> items, int limit,
            Func<TItem, CancellationToken, Task<TResult>> body, CancellationToken cancellationToken)
        {
            if (items == null) throw new ArgumentNullException(nameof(items));
            if (body == null) throw new ArgumentNullException(nameof(body));
            return Stream(items, Math.Max(1, limit), body, cancellationToken);
        }

        private static IEnumerable<TResult> Stream<TItem, TResult>(IEnumerable<TItem> items, int limit,
            Func<TItem, CancellationToken, Task<TResult>> body, CancellationToken cancellationToken)
        {
            // Not disposed: work still in flight after an early exit may touch them; they hold no unmanaged resource
            // (no wait handle is ever asked for), so the collector takes them.
            var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var slots = new SemaphoreSlim(limit);
            var ready = new BlockingCollection<(TResult Result, ExceptionDispatchInfo? Failure)>();

            async Task RunOne(TItem item)
            {
                (TResult, ExceptionDispatchInfo?) completion;
                try
                {
                    completion = (await body(item, stop.Token).ConfigureAwait(false), null);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    completion = (default!, ExceptionDispatchInfo.Capture(e));
                }

                ready.Add(completion);
            }

            async Task Produce()
            {
                var running = new List<Task>();
                ExceptionDispatchInfo? sourceFailure = null;
                try
                {
                    foreach (var item in items)
                    {
                        await slots.WaitAsync(stop.Token).ConfigureAwait(false);
                        running.Add(RunOne(item));
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                }
                catch (Exception e)
                {
                    // The items themselves failed (a lazy source threw): the consumer sees it after what already ran.
                    sourceFailure = ExceptionDispatchInfo.Capture(e);
                }

                await Task.WhenAll(running).ConfigureAwait(false);
                if (sourceFailure != null) ready.Add((default!, sourceFailure));
                ready.CompleteAdding();
            }

            // Task.Run: the first items start on the thread pool, not synchronously on the consumer's thread.
            _ = Task.Run(Produce);
            try
            {
                foreach (var (result, failure) in ready.GetConsumingEnumerable(stop.Token))
                {
                    failure?.Throw();
                    yield return result;
                    slots.Release();
                }
            }
            finally
            {
                stop.Cancel();
            }
        }
    }
}
