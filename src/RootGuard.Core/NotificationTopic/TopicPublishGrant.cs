using System.Collections.Generic;

namespace RootGuard.Core.NotificationTopic
{
    /// <summary>A statement of a topic's policy that lets someone publish to it: its Sid (null when it has none) and the principals it names.</summary>
    public sealed class TopicPublishGrant
    {
        public TopicPublishGrant(string? sid, IReadOnlyList<string> principals)
        {
            Sid = sid;
            Principals = principals;
        }

        public string? Sid { get; }
        public IReadOnlyList<string> Principals { get; }

        /// <summary>Stands for a whole policy that is not JSON: it may let anyone publish.</summary>
        public bool Unreadable { get; private set; }

        public static TopicPublishGrant UnreadablePolicy() => new TopicPublishGrant(null, new string[0]) { Unreadable = true };

        /// <summary>"statement 'Sid' (principal, …)", for messages.</summary>
        public override string ToString() => Unreadable
            ? "an access policy RootGuard cannot read (it may let anyone publish)"
            : (Sid != null ? $"statement '{Sid}'" : "a statement without Sid") + (Principals.Count > 0 ? $" ({string.Join(", ", Principals)})" : string.Empty);
    }
}
