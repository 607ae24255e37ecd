using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Aws;

namespace RootGuard.Core.Trails
{
    /// <summary>The trails a connection's caller sees from a region, as New-RootSignInAlert and New-RootUsageAlarm both judge them.</summary>
    public static class CallerTrails
    {
        /// <summary>
        /// The <see cref="TrailSnapshot"/> of <paramref name="region"/>: kept for the session when the connection carries a
        /// <see cref="SessionReadCache"/> (Kept then says it came from an earlier call), otherwise read.
        /// </summary>
        /// <param name="clients">The connection's clients.</param>
        /// <param name="region">The region the trails are seen from.</param>
        /// <param name="fresh">Read again even when the session keeps a snapshot: a kept one is trusted only for a go-ahead.</param>
        /// <param name="cancellationToken">Cancels the reads.</param>
        public static async Task<(TrailSnapshot Trails, bool Kept)> ReadAsync(AwsClientFactory clients, string region, bool fresh,
            CancellationToken cancellationToken) =>
            clients.Connection.ReadCache is { } cache
                ? await cache.TrailsAsync(clients, region, fresh, cancellationToken).ConfigureAwait(false)
                : (await TrailSnapshot.ReadAsync(clients, region, cancellationToken).ConfigureAwait(false), false);
    }
}
