using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Ownership;

namespace RootGuard.Core.NotificationTopic
{
    /// <summary>
    /// Where a monitor records the e-mail subscriptions RootGuard adds to a topic it did not create: a tag per
    /// subscription on the monitor's own rule or alarm (see <see cref="RootGuardOwnership.SubscriptionTagPrefix"/>).
    /// RootGuard's own resource, not the user's topic, holds the record: RootGuard changes nothing on a topic it did not
    /// create but its policy statement and subscriptions, the record goes when the monitor goes, and Get- and
    /// Remove-RootMonitoring already read those tags. A topic RootGuard made needs no record: DeleteTopic removes its
    /// subscriptions.
    /// </summary>
    public sealed class SubscriptionRecorder
    {
        /// <param name="resource">The resource that holds the record, for messages: "CloudWatch alarm 'RootGuard-RootAccountUsage'".</param>
        /// <param name="tag">Sets one tag on that resource.</param>
        /// <param name="untag">Removes one tag key from it.</param>
        /// <param name="permissions">The IAM actions tag and untag need.</param>
        public SubscriptionRecorder(string resource, Func<KeyValuePair<string, string>, CancellationToken, Task> tag,
            Func<string, CancellationToken, Task> untag, params string[] permissions)
        {
            Resource = resource ?? throw new ArgumentNullException(nameof(resource));
            Tag = tag ?? throw new ArgumentNullException(nameof(tag));
            Untag = untag ?? throw new ArgumentNullException(nameof(untag));
            Permissions = permissions;
        }

        public string Resource { get; }
        public Func<KeyValuePair<string, string>, CancellationToken, Task> Tag { get; }
        public Func<string, CancellationToken, Task> Untag { get; }
        public IReadOnlyList<string> Permissions { get; }
    }
}
