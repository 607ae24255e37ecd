using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Assessment.Evidence;
using RootGuard.Core.Aws.Sns.Model;
using RootGuard.Core.NotificationTopic;

namespace RootGuard.Core.Assessment.Checks
{
    /// <summary>
    /// Who of a topic's subscribers an alert from EventBridge or CloudWatch reaches: a confirmed subscription counts only
    /// when its filter policy lets a message without attributes through (<see cref="FilterPolicyJudgement"/>). One place
    /// for RG.ROOT.5/6 (<see cref="MonitorLink.Topic"/>), the health of Get-RootMonitoring and Send-RootMonitoringTest.
    /// </summary>
    internal sealed class SubscriptionReach
    {
        private SubscriptionReach(List<Subscription> confirmed, int pending)
        {
            Confirmed = confirmed;
            Pending = pending;
        }

        public IReadOnlyList<Subscription> Confirmed { get; }
        public int Pending { get; }

        /// <summary>Confirmed subscriptions that receive the alert (read until one was found).</summary>
        public List<Subscription> Delivering { get; } = new List<Subscription>();

        /// <summary>Confirmed subscriptions whose filter policy drops the alert, and why.</summary>
        public List<(Subscription Subscription, string Reason)> Dropping { get; } = new List<(Subscription, string)>();

        /// <summary>Confirmed subscriptions whose filter policy's answer cannot be proven, and why.</summary>
        public List<(Subscription Subscription, string Reason)> Unprovable { get; } = new List<(Subscription, string)>();

        /// <summary>Confirmed subscriptions whose attributes could not be read.</summary>
        public List<(Subscription Subscription, SourceFailure Failure)> Unread { get; } = new List<(Subscription, SourceFailure)>();

        /// <summary>Every confirmed subscription drops the alert: nobody receives it.</summary>
        public bool AllDrop => Confirmed.Count > 0 && Dropping.Count == Confirmed.Count;

        /// <summary>The topic's subscribers, judged. A confirmed subscription whose attributes were not read counts as
        /// unread (denied) unless another one was found that delivers, which is why the gatherer stopped reading.</summary>
        public static SubscriptionReach Of(TopicEvidence topic, IReadOnlyList<Subscription> subscriptions)
        {
            var confirmed = subscriptions.Where(MonitorLink.IsConfirmed).ToList();
            var reach = new SubscriptionReach(confirmed, subscriptions.Count - confirmed.Count);
            foreach (var subscription in confirmed)
            {
                if (!topic.SubscriptionAttributes.TryGetValue(subscription.SubscriptionArn!, out var read))
                {
                    reach.Unread.Add((subscription, SourceFailure.Denied("sns:GetSubscriptionAttributes")));
                    continue;
                }

                if (!read.Succeeded)
                {
                    reach.Unread.Add((subscription, read.Failure!));
                    continue;
                }

                var judgement = FilterPolicyJudgement.Of(read.Value!);
                switch (judgement.Delivery)
                {
                    case FilterDelivery.Delivers:
                        reach.Delivering.Add(subscription);
                        break;
                    case FilterDelivery.Drops:
                        reach.Dropping.Add((subscription, judgement.Reason));
                        break;
                    default:
                        reach.Unprovable.Add((subscription, judgement.Reason));
                        break;
                }
            }

            // Not read because one that delivers was found first: nothing is unknown about whether someone is told.
            if (reach.Delivering.Count > 0) reach.Unread.RemoveAll(u => !topic.SubscriptionAttributes.ContainsKey(u.Subscription.SubscriptionArn!));
            return reach;
        }

        public static string Name(Subscription s) => $"{s.Protocol}:{s.Endpoint} ({s.SubscriptionArn})";

        /// <summary>A subscription and what its filter policy does to the alert: "email:… (arn…): its filter policy …".</summary>
        public static string Describe((Subscription Subscription, string Reason) judged) => $"{Name(judged.Subscription)}: its filter policy {judged.Reason}";

        /// <summary>The fix for subscriptions that all drop the alert, with the command that adds one that does not.</summary>
        public string FilteredRemedy(string command) =>
            "Remove the filter policy of a subscription that should receive the alert ("
            + string.Join("; ", Dropping.Select(d => FilterPolicyJudgement.RemoveFilterCommand(d.Subscription.SubscriptionArn!)))
            + "; " + FilterPolicyJudgement.TakesEffectNote + "), or add a subscription without one: " + command + " -EmailAddress <address>.";
    }
}
