using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Aws;

namespace RootGuard.Core.Trails
{
    /// <summary>
    /// The trails visible from one region with every trail's status and event selectors, read at once: DescribeTrails,
    /// then all status and selector reads together (each from the trail's home region). What New-RootSignInAlert's
    /// coverage check and New-RootUsageAlarm's trail discovery both judge, so a session reads it once for both
    /// (<see cref="Aws.SessionReadCache"/>).
    /// </summary>
    public sealed class TrailSnapshot
    {
        private TrailSnapshot(string region, IReadOnlyList<TrailReading> trails)
        {
            Region = region;
            Trails = trails;
        }

        public string Region { get; }

        public IReadOnlyList<TrailReading> Trails { get; }

        /// <summary>Reads the snapshot; a failed DescribeTrails throws, a failed status or selector read is kept on its trail.</summary>
        public static async Task<TrailSnapshot> ReadAsync(AwsClientFactory clients, string region, CancellationToken cancellationToken)
        {
            var trails = await TrailReader.ListAsync(clients.CreateCloudTrail(region), cancellationToken).ConfigureAwait(false);
            var readings = trails.Select(trail =>
            {
                var home = TrailReader.HomeClient(clients, trail, region);
                return new TrailReading(trail, TrailReader.ReadStatusAsync(home, trail, cancellationToken),
                    TrailReader.ReadSelectorsAsync(home, trail, cancellationToken));
            }).ToList();
            return await OfAsync(region, readings, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// The snapshot of readings already started (the assessment shares its status and selector reads between both
        /// monitors), once every read has ended; each failure stays on its trail's reading.
        /// </summary>
        internal static async Task<TrailSnapshot> OfAsync(string region, IReadOnlyList<TrailReading> readings, CancellationToken cancellationToken)
        {
            try
            {
                await Task.WhenAll(readings.SelectMany(r => new Task[] { r.StatusRead, r.SelectorsRead })).ConfigureAwait(false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Each failure stays on its trail's reading; the callers judge it.
            }

            cancellationToken.ThrowIfCancellationRequested();
            return new TrailSnapshot(region, readings);
        }

        /// <summary>True when a status or selector read failed: such a snapshot is judged, but not kept for later calls.</summary>
        internal bool HasFailedRead => Trails.Any(t => t.StatusRead.IsFaulted || t.SelectorsRead.IsFaulted);
    }
}
