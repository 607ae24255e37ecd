using System;
using System.Collections.Generic;
using RootGuard.Core.Connection;
using RootGuard.Core.Ownership;

namespace RootGuard.Core.NotificationTopic
{
    /// <summary>
    /// What a RootGuard monitor wants of its SNS topic: where it lives, who is subscribed, how it is encrypted and
    /// tagged, and which AWS service may publish to it on behalf of which rule or alarm.
    /// </summary>
    public sealed class NotificationTopicRequest
    {
        public NotificationTopicRequest(string region, string accountId, string component, string servicePrincipal, string statementSid,
            string sourceArn)
        {
            Region = region ?? throw new ArgumentNullException(nameof(region));
            AccountId = accountId ?? throw new ArgumentNullException(nameof(accountId));
            Component = component ?? throw new ArgumentNullException(nameof(component));
            ServicePrincipal = servicePrincipal ?? throw new ArgumentNullException(nameof(servicePrincipal));
            StatementSid = statementSid ?? throw new ArgumentNullException(nameof(statementSid));
            SourceArn = sourceArn ?? throw new ArgumentNullException(nameof(sourceArn));
        }

        /// <summary>The region of the topic; it must be the region of the rule or alarm that publishes to it.</summary>
        public string Region { get; }

        public string AccountId { get; }

        public string Partition => AwsPartitions.PartitionOf(Region);

        /// <summary>The component tag value, for example <see cref="RootGuardTags.SignInAlertComponent"/>.</summary>
        public string Component { get; }

        /// <summary><c>events.amazonaws.com</c> or <c>cloudwatch.amazonaws.com</c>.</summary>
        public string ServicePrincipal { get; }

        /// <summary>The Sid of RootGuard's statement in the topic policy; the only statement RootGuard edits.</summary>
        public string StatementSid { get; }

        /// <summary>The rule or alarm ARN allowed to publish (aws:SourceArn). Built, not read: it may not exist yet.</summary>
        public string SourceArn { get; }

        /// <summary>The name of the topic RootGuard creates or converges; ignored when <see cref="TopicArn"/> is set.</summary>
        public string? TopicName { get; set; }

        /// <summary>
        /// A topic the user already has. RootGuard never creates, tags, re-encrypts or deletes it: it only adds its
        /// policy statement and missing subscriptions.
        /// </summary>
        public string? TopicArn { get; set; }

        public IReadOnlyList<string> EmailAddresses { get; set; } = Array.Empty<string>();

        /// <summary>
        /// The topic name of RootGuard's other monitor in this region (the sign-in alert's for the usage alarm, and the
        /// other way round), and the command that makes it. When this request's own topic does not exist, no -TopicArn
        /// was given and that topic exists with RootGuard's tags (and the wanted key, if one is asked for), it is used as a
        /// given topic instead of creating a second one: one RootGuard topic per region, one confirmation e-mail per
        /// address. Null: always the request's own topic.
        /// </summary>
        public (string TopicName, string MadeBy)? SharedTopic { get; set; }

        /// <summary>A customer managed KMS key (id, ARN or alias) for a topic RootGuard creates or owns; null leaves encryption as it is.</summary>
        public string? KmsMasterKeyId { get; set; }

        /// <summary>The user's tags; RootGuard's own (ManagedBy, RootGuard:Component) are added.</summary>
        public IReadOnlyDictionary<string, string>? Tags { get; set; }

        /// <summary>
        /// Records each e-mail subscription RootGuard adds when the topic is not RootGuard's (a -TopicArn, or an existing
        /// topic of that name without RootGuard's tags), so Remove-RootMonitoring can take exactly those away again.
        /// Null: nothing is recorded.
        /// </summary>
        public SubscriptionRecorder? Recorder { get; set; }

        /// <summary>The ARN of the topic this request is about: the given one, or the one the name gives.</summary>
        public string EffectiveTopicArn => TopicArn ?? $"arn:{Partition}:sns:{Region}:{AccountId}:{TopicName}";

        /// <summary>The tags every resource of this component carries.</summary>
        public IReadOnlyDictionary<string, string> WantedTags => RootGuardTags.For(Component, Tags);
    }
}
