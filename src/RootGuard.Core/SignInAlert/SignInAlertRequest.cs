using System;
using System.Collections.Generic;
using RootGuard.Core.MonitorDefinitions;
using RootGuard.Core.NotificationTopic;
using RootGuard.Core.Ownership;
using RootGuard.Core.Planning;

namespace RootGuard.Core.SignInAlert
{
    /// <summary>What the user asked of New-RootSignInAlert, once bound and resolved.</summary>
    public sealed class SignInAlertRequest : IChangeRequest
    {
        private string? accountId;

        /// <param name="region">Where the rule goes.</param>
        /// <param name="accountId">The account; null to have the planner read it from AWS once the inputs are checked (see <see cref="Validate"/>).</param>
        public SignInAlertRequest(string region, string? accountId = null)
        {
            Region = region ?? throw new ArgumentNullException(nameof(region));
            this.accountId = accountId;
        }

        public string Region { get; }

        /// <summary>The account the rule and topic live in. Input checks never need it, so bad input fails before credentials are even resolved.</summary>
        public string AccountId
        {
            get => accountId ?? throw new InvalidOperationException("The account id is read from AWS (sts:GetCallerIdentity) before the alert is planned.");
            set => accountId = value ?? throw new ArgumentNullException(nameof(value));
        }

        /// <summary>Whether <see cref="AccountId"/> is known yet; the planner reads it when not.</summary>
        public bool HasAccountId => accountId != null;

        public string Name { get; set; } = SignInAlertNames.DefaultName;
        public string? TopicArn { get; set; }
        public IReadOnlyList<string> EmailAddresses { get; set; } = Array.Empty<string>();
        public string? KmsMasterKeyId { get; set; }
        public SignInAlertMessageFormat MessageFormat { get; set; } = SignInAlertMessageFormat.Readable;
        public bool SuccessOnly { get; set; }
        public IReadOnlyDictionary<string, string>? Tags { get; set; }

        public string RuleArn => SignInAlertNames.RuleArn(Region, AccountId, Name);

        public string EventPattern => RootMonitorDefinitions.BuildSignInEventPattern(SuccessOnly);

        public IReadOnlyDictionary<string, string> WantedTags => RootGuardTags.For(RootGuardTags.SignInAlertComponent, Tags);

        /// <summary>The shared topic planner's view of this request.</summary>
        public NotificationTopicRequest ToTopicRequest() =>
            new NotificationTopicRequest(Region, AccountId, RootGuardTags.SignInAlertComponent, SignInAlertNames.ServicePrincipal,
                SignInAlertNames.StatementSid(Name), RuleArn)
            {
                TopicName = TopicArn == null ? Name : null,
                TopicArn = TopicArn,
                // The usage alarm's topic of this region, when it exists: one RootGuard topic per region.
                SharedTopic = TopicArn == null ? (UsageAlarm.UsageAlarmPlanner.TopicName(RootMonitorDefinitions.DefaultAlarmName), "made by New-RootUsageAlarm") : null,
                EmailAddresses = EmailAddresses,
                KmsMasterKeyId = KmsMasterKeyId,
                Tags = Tags,
            };

        /// <summary>Every input check that needs no AWS call and no account id; throws a <see cref="RootGuardException"/> naming the parameter.</summary>
        public void Validate()
        {
            SignInAlertNames.ValidateName(Name, namesTopic: TopicArn == null);
            NotificationInputRules.ValidateTopicInput(TopicArn, TopicArn == null ? Name : null, EmailAddresses, KmsMasterKeyId, Tags, Region);
        }
    }
}
