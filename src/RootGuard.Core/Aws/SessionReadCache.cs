using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Trails;

namespace RootGuard.Core.Aws
{
    /// <summary>
    /// Reads that one PowerShell session (runspace) shares between its calls, so New-RootSignInAlert and
    /// New-RootUsageAlarm run one after the other do not ask AWS the same question twice. Keyed by the connection: the
    /// endpoint and the access key id of the credentials (a new key, an assumed role's new session or another profile is
    /// another key), and for trails the region.
    /// </summary>
    /// <remarks>
    /// What is kept, and why that is safe:
    /// <list type="bullet">
    /// <item>The caller's account id (sts:GetCallerIdentity), for <see cref="IdentityLifetime"/>: the account of an access
    /// key never changes.</item>
    /// <item>The trails visible from a region with their status and selectors (<see cref="TrailSnapshot"/>), for
    /// <see cref="TrailLifetime"/>, and only when every read answered: RootGuard never changes a trail, so only someone
    /// else can make it stale, within the same minute. Callers use it only where it leads to a go-ahead (a covered region,
    /// a suitable trail); before they refuse or warn they read again (<see cref="TrailsAsync"/> with fresh), so a trail
    /// fixed a moment ago is never reported broken. The log group a usage alarm is put on is always read fresh, and
    /// when it is gone the trails are read again too. What remains: a trail repointed by someone else within those
    /// seconds, the same race a plan always has with the changes it applies a moment later.</item>
    /// </list>
    /// Nothing that RootGuard changes is ever kept: rules, topics, subscriptions, filters and alarms are read by every
    /// call right before it plans.
    /// </remarks>
    public sealed class SessionReadCache
    {
        public static readonly TimeSpan IdentityLifetime = TimeSpan.FromMinutes(15);
        public static readonly TimeSpan TrailLifetime = TimeSpan.FromSeconds(30);

        private readonly ConcurrentDictionary<string, (DateTimeOffset At, string AccountId)> identities =
            new ConcurrentDictionary<string, (DateTimeOffset, string)>(StringComparer.Ordinal);

        private readonly ConcurrentDictionary<string, (DateTimeOffset At, TrailSnapshot Trails)> trails =
            new ConcurrentDictionary<string, (DateTimeOffset, TrailSnapshot)>(StringComparer.Ordinal);

        private readonly Func<DateTimeOffset> clock;

        public SessionReadCache(Func<DateTimeOffset>? clock = null)
        {
            this.clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        /// <summary>The caller's account id: kept, or <paramref name="read"/> (sts:GetCallerIdentity, see <see cref="Connection.CallerAccount"/>).</summary>
        public async Task<string> AccountIdAsync(AwsClientFactory clients, Func<Task<string>> read)
        {
            var key = await KeyAsync(clients).ConfigureAwait(false);
            if (identities.TryGetValue(key, out var kept) && clock() - kept.At < IdentityLifetime)
            {
                return kept.AccountId;
            }

            var account = await read().ConfigureAwait(false);
            identities[key] = (clock(), account);
            return account;
        }

        /// <summary>
        /// The trails visible from <paramref name="region"/>: kept (unless <paramref name="fresh"/>; Kept then says so), or
        /// read and kept when every read answered.
        /// </summary>
        public async Task<(TrailSnapshot Trails, bool Kept)> TrailsAsync(AwsClientFactory clients, string region, bool fresh, CancellationToken cancellationToken)
        {
            var key = await KeyAsync(clients).ConfigureAwait(false) + "|" + region;
            if (!fresh && trails.TryGetValue(key, out var kept) && clock() - kept.At < TrailLifetime)
            {
                return (kept.Trails, true);
            }

            var snapshot = await TrailSnapshot.ReadAsync(clients, region, cancellationToken).ConfigureAwait(false);
            if (snapshot.HasFailedRead)
            {
                trails.TryRemove(key, out _);
            }
            else
            {
                trails[key] = (clock(), snapshot);
            }

            return (snapshot, false);
        }

        private static async Task<string> KeyAsync(AwsClientFactory clients)
        {
            // The SDK keeps resolved credentials, so this costs nothing after the first call of a connection.
            var credentials = await clients.Connection.Credentials.GetCredentialsAsync().ConfigureAwait(false);
            return (clients.Connection.EndpointUrl?.AbsoluteUri ?? "aws") + "|" + credentials.AccessKey;
        }
    }
}
