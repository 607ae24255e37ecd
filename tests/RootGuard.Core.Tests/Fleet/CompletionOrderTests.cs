using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace RootGuard.Core.Tests.Fleet;

/// <summary>BoundedConcurrency.InCompletionOrder: what a fleet run streams its accounts through.</summary>
public sealed class CompletionOrderTests
{
    [Fact]
    public void Results_arrive_in_completion_order_while_slower_items_are_still_running()
    {
        // Item 0 finishes only once the consumer has seen item 1: a stream that waited for all, or kept the items' order, would hang.
        var firstTaken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var taken = new List<int>();
        foreach (var item in BoundedConcurrency.InCompletionOrder(new[] { 0, 1 }, 2, async (i, ct) =>
                 {
                     if (i == 0) await firstTaken.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
                     return i;
                 }, CancellationToken.None))
        {
            taken.Add(item);
            firstTaken.TrySetResult();
        }

        Assert.Equal(new[] { 1, 0 }, taken);
    }

    [Fact]
    public void No_more_than_limit_items_are_running_or_waiting_to_be_taken()
    {
        var started = 0;
        var peakAhead = 0;
        var consumed = 0;
        var results = new List<int>();
        foreach (var item in BoundedConcurrency.InCompletionOrder(Enumerable.Range(0, 50), 3, async (i, ct) =>
                 {
                     var ahead = Interlocked.Increment(ref started) - Volatile.Read(ref consumed);
                     InterlockedMax(ref peakAhead, ahead);
                     await Task.Yield();
                     return i;
                 }, CancellationToken.None))
        {
            results.Add(item);
            Thread.Sleep(1); // a slow consumer: finished items must wait for it instead of piling up
            Interlocked.Increment(ref consumed);
        }

        Assert.Equal(Enumerable.Range(0, 50), results.OrderBy(i => i));
        Assert.InRange(peakAhead, 1, 3);
    }

    [Fact]
    public void A_failing_item_ends_the_enumeration_with_its_exception()
    {
        var stream = BoundedConcurrency.InCompletionOrder(new[] { 1, 2, 3 }, 1, (i, ct) =>
            i == 2 ? Task.FromException<int>(new InvalidOperationException("item 2")) : Task.FromResult(i), CancellationToken.None);

        var error = Assert.Throws<InvalidOperationException>(() => stream.ToList());
        Assert.Equal("item 2", error.Message);
    }

    [Fact]
    public void Cancelling_stops_the_consumer_and_cancels_the_items_in_flight()
    {
        using var cancel = new CancellationTokenSource();
        var cancelledInFlight = 0;
        var started = new CountdownEvent(2);
        var stream = BoundedConcurrency.InCompletionOrder(Enumerable.Range(0, 10), 2, async (i, ct) =>
        {
            started.Signal();
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref cancelledInFlight);
                throw;
            }

            return i;
        }, cancel.Token);

        var consumer = Task.Run(() => stream.ToList());
        Assert.True(started.Wait(TimeSpan.FromSeconds(30)), "the first two items did not start");
        cancel.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => consumer.GetAwaiter().GetResult());
        SpinWait.SpinUntil(() => Volatile.Read(ref cancelledInFlight) == 2, TimeSpan.FromSeconds(30));
        Assert.Equal(2, cancelledInFlight);
    }

    [Fact]
    public void Leaving_the_loop_early_starts_no_further_item()
    {
        var started = 0;
        foreach (var _ in BoundedConcurrency.InCompletionOrder(Enumerable.Range(0, 100), 2, async (i, ct) =>
                 {
                     Interlocked.Increment(ref started);
                     await Task.Yield();
                     return i;
                 }, CancellationToken.None))
        {
            break;
        }

        var afterBreak = Volatile.Read(ref started);
        Thread.Sleep(50);
        Assert.InRange(Volatile.Read(ref started), 1, 3);
        Assert.Equal(afterBreak, Volatile.Read(ref started));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
