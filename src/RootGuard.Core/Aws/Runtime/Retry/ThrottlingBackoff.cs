using System;

namespace RootGuard.Core.Aws.Runtime
{
    /// <summary>
    /// How RootGuard backs off when AWS throttles. The SDK's standard mode alone gives a throttled call 3 attempts and
    /// draws every retry from a quota shared by all clients of one endpoint in the process (500 tokens, 5 a retry): a
    /// fleet run that IAM or STS throttles empties it after 100 retries, and every throttled call after that fails at
    /// once. Throttling is answered here by waiting, with full jitter so the accounts do not retry in step: more
    /// attempts, and no quota (the quota guards against retrying into an outage; throttling is AWS asking to slow down).
    /// Other retryable errors keep the SDK's attempts and quota.
    /// </summary>
    public sealed class ThrottlingBackoff
    {
        private static readonly Random Jitter = new Random();

        public static ThrottlingBackoff Default { get; } = new ThrottlingBackoff();

        /// <summary>Retries after the first attempt for a throttled call (default 8: about half a minute of waiting in all, on average).</summary>
        public int MaxRetries { get; set; } = 8;

        /// <summary>The first retry waits up to this long; each next one up to twice as long (default 500 ms).</summary>
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

        /// <summary>No wait is longer than this (default 20 s, as the SDK's own cap).</summary>
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(20);

        /// <summary>Full jitter: a random wait between zero and min(MaxDelay, BaseDelay x 2^(retry-1)).</summary>
        public TimeSpan DelayBefore(int retry)
        {
            var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, retry - 1)));
            double share;
            lock (Jitter)
            {
                share = Jitter.NextDouble();
            }

            return TimeSpan.FromMilliseconds(ceiling * share);
        }
    }
}
