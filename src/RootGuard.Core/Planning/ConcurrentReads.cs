using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace RootGuard.Core.Planning
{
    /// <summary>
    /// The reads a planner starts side by side. When it gives the plan up part-way (a read failed, it refuses, or a reading
    /// kept from an earlier call turned out stale and it plans again), <see cref="AbandonAsync"/> cancels the reads still
    /// running and waits for them: no call outlives the planner's task, and no read's failure goes unobserved.
    /// </summary>
    internal sealed class ConcurrentReads : IDisposable
    {
        private readonly CancellationTokenSource cancellation;
        private readonly List<Task> started = new List<Task>();

        /// <param name="cancellationToken">The caller's token: cancelling it cancels every read too.</param>
        public ConcurrentReads(CancellationToken cancellationToken)
        {
            cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        }

        /// <summary>
        /// Runs <paramref name="plan"/> with a group of reads of its own. A plan given up part-way, by failing or by answering
        /// null (plan again), has its reads abandoned (<see cref="AbandonAsync"/>) before this returns or throws; the
        /// failure that gave it up, the first in the plan's decision order, is the one thrown.
        /// </summary>
        public static async Task<T> PlanAsync<T>(Func<ConcurrentReads, Task<T>> plan, CancellationToken cancellationToken)
        {
            using (var reads = new ConcurrentReads(cancellationToken))
            {
                T result;
                try
                {
                    result = await plan(reads).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    await reads.AbandonAsync().ConfigureAwait(false);
                    throw;
                }

                if (result is null)
                {
                    await reads.AbandonAsync().ConfigureAwait(false);
                }

                return result;
            }
        }

        /// <summary>Starts <paramref name="read"/> with this group's token and keeps it to wait for.</summary>
        public Task<T> Start<T>(Func<CancellationToken, Task<T>> read)
        {
            var task = read(cancellation.Token);
            started.Add(task);
            return task;
        }

        /// <inheritdoc cref="Start{T}"/>
        public Task Start(Func<CancellationToken, Task> read)
        {
            var task = read(cancellation.Token);
            started.Add(task);
            return task;
        }

        /// <summary>Cancels the reads still running and waits until every read has ended, its failure observed and dropped.</summary>
        public async Task AbandonAsync()
        {
            cancellation.Cancel();
            try
            {
                await Task.WhenAll(started).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The failure that gave the plan up is the one reported; these reads' own ends (mostly cancellations) are not news.
            }
        }

        public void Dispose() => cancellation.Dispose();
    }
}
