using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Aws.EventBridge.Model;
using RootGuard.Core.NotificationTopic;
using RootGuard.Core.Planning;

namespace RootGuard.Core.SignInAlert
{
    /// <summary>The sign-in alert as it will be once <see cref="Changes"/> are applied, and the steps that get it there.</summary>
    public sealed class SignInAlertPlan : IChangePlan
    {
        internal SignInAlertPlan(SignInAlertRequest request, NotificationTopicPlan topic, InputTransformer? transformer,
            IReadOnlyDictionary<string, string> ruleTags, IReadOnlyList<PlannedChange> changes, IReadOnlyList<string> warnings)
        {
            Request = request;
            Topic = topic;
            Transformer = transformer;
            RuleTags = ruleTags;
            Changes = changes;
            Warnings = warnings;
        }

        public SignInAlertRequest Request { get; }

        public string Region => Request.Region;
        public string RuleName => Request.Name;
        public string RuleArn => Request.RuleArn;

        /// <summary>RootGuard always leaves its rule enabled.</summary>
        public string State => SignInAlertPlanner.EnabledState;

        public string EventPattern => Request.EventPattern;
        public SignInAlertMessageFormat MessageFormat => Request.MessageFormat;

        public NotificationTopicPlan Topic { get; }

        /// <summary>The target's input transformer; null for the raw event.</summary>
        public InputTransformer? Transformer { get; }

        /// <summary>The rule's tags once applied.</summary>
        public IReadOnlyDictionary<string, string> RuleTags { get; }

        /// <summary>In order: topic, rule, target, then subscriptions (a confirmation e-mail cannot be taken back, so it goes last).</summary>
        public IReadOnlyList<PlannedChange> Changes { get; }

        /// <summary>Warnings for the user: key policy, a topic RootGuard does not own, no trail that delivers sign-in events.</summary>
        public IReadOnlyList<string> Warnings { get; }

        internal SignInAlertPlan WithWarning(string warning) =>
            new SignInAlertPlan(Request, Topic, Transformer, RuleTags, Changes, Warnings.Concat(new[] { warning }).ToList());
    }
}
