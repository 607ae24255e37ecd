using System;

namespace RootGuard.Core.NotificationTopic
{
    /// <summary>How long <see cref="TopicPolicyWriter"/> waits before it checks that a write stuck, and how often it tries.</summary>
    public sealed class TopicPolicyWriteRetry
    {
        /// <summary>Writes of the policy before RootGuard gives up and reports the conflict (default 5).</summary>
        public int MaxWrites { get; set; } = 5;

        /// <summary>
        /// The first wait, in round trips of RootGuard's own policy write (default 4). A writer that read the policy
        /// before RootGuard's write lands its own write about one round trip after its read, so a few round trips cover
        /// it, however near or far the service is.
        /// </summary>
        public int RoundTrips { get; set; } = 4;

        /// <summary>The shortest wait before the first read-back, for a service that answers at once (default 25 ms).</summary>
        public TimeSpan MinSettleDelay { get; set; } = TimeSpan.FromMilliseconds(25);

        /// <summary>The longest wait before the first read-back; it doubles with each further write (default 250 ms).</summary>
        public TimeSpan SettleDelay { get; set; } = TimeSpan.FromMilliseconds(250);

        /// <summary>The longest wait before a read-back (default 4 s).</summary>
        public TimeSpan MaxSettleDelay { get; set; } = TimeSpan.FromSeconds(4);

        /// <summary>
        /// The wait before read-back number <paramref name="attempt"/> (1-based), after a write that took
        /// <paramref name="writeTook"/>: <see cref="RoundTrips"/> of it, kept between <see cref="MinSettleDelay"/> and
        /// <see cref="SettleDelay"/>, doubled per further write up to <see cref="MaxSettleDelay"/>, of which a random 50–100 %.
        /// </summary>
        internal TimeSpan SettleBefore(int attempt, Random random, TimeSpan writeTook)
        {
            var first = Math.Min(Math.Max(writeTook.TotalMilliseconds * RoundTrips, MinSettleDelay.TotalMilliseconds), SettleDelay.TotalMilliseconds);
            var doubled = first * Math.Pow(2, Math.Min(attempt - 1, 16));
            var capped = Math.Min(doubled, MaxSettleDelay.TotalMilliseconds);
            // Random, so that writers that collided once do not collide again at the same moment.
            return TimeSpan.FromMilliseconds(capped * (0.5 + 0.5 * random.NextDouble()));
        }
    }
}
