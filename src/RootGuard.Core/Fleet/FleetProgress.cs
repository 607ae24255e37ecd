using System;

namespace RootGuard.Core.Fleet
{
    /// <summary>How far a fleet run is: accounts done of the total, how many could not be assessed, and the time left.</summary>
    public sealed class FleetProgress
    {
        public FleetProgress(int total, int done, int failed, TimeSpan elapsed)
        {
            Total = total;
            Done = done;
            Failed = failed;
            Elapsed = elapsed;
        }

        public int Total { get; }
        public int Done { get; }

        /// <summary>Accounts that could not be assessed so far.</summary>
        public int Failed { get; }

        public TimeSpan Elapsed { get; }

        public int PercentComplete => Total == 0 ? 100 : (int)(100L * Done / Total);

        /// <summary>At the pace so far; null until the first account is done (no pace yet).</summary>
        public TimeSpan? Remaining => Done == 0 ? (TimeSpan?)null : TimeSpan.FromTicks(Elapsed.Ticks / Done * (Total - Done));

        public string Describe() =>
            $"{Done} of {Total} accounts assessed" + (Failed > 0 ? $", {Failed} could not be assessed" : string.Empty);
    }
}
