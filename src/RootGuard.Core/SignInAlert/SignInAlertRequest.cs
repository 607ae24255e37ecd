using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using RootGuard.Core.Connection;
using RootGuard.Core.MonitorDefinitions;
using RootGuard.Core.NotificationTopic;
using RootGuard.Core.Ownership;
using RootGuard.Core.Planning;

namespace RootGuard.Core.SignInAlert
{
    /// <summary>The names and identifiers of a sign-in alert, derived from its base name: one place for each.</summary>
    public static class SignInAlertNames
    {
        /// <summary>The default base name of the rule and the topic.</summary>
        public const string DefaultName = "RootGuard-RootSignIn";

        /// <summary>The id of RootGuard's target on the rule; other targets on the rule are left alone.</summary>
        public const string TargetId = "RootGuard-SNS";

        /// <summary>The publishing service in the topic policy.</summary>
        public const string ServicePrincipal = "events.amazonaws.com";

        public const string RuleDescription = "RootGuard: every AWS root user console sign-in, successful or failed, to SNS.";

        // EventBridge rule names: 1-64 of letters, digits, '.', '-', '_'.
        private static readonly Regex RuleName = new Regex("^[.\\-_A-Za-z0-9]{1,64}$", RegexOptions.CultureInvariant);

        /// <summary>The rule's ARN, built (not read) so the topic policy can name it before the rule exists.</summary>
        public static string RuleArn(string region, string accountId, string ruleName) =>
            $"arn:{AwsPartitions.PartitionOf(region)}:events:{region}:{accountId}:rule/{ruleName}";

        /// <summary>
        /// The Sid of the rule's statement in the topic policy: one per rule, so two alerts can share a topic. Letters
        /// and digits only, which every policy language accepts.
        /// </summary>
        public static string StatementSid(string ruleName) => "RootGuardSignInAlert" + Regex.Replace(ruleName, "[^A-Za-z0-9]", string.Empty);

        /// <summary>
        /// Checks the base name. It names the rule and, without -TopicArn, the topic too, so it must suit both: the
        /// rule allows 64 characters, the topic no dots.
        /// </summary>
        public static void ValidateName(string? name, bool namesTopic)
        {
            if (name == null || !RuleName.IsMatch(name))
            {
                throw new RootGuardException(ErrorIds.InvalidName, FailureKind.InvalidArgument,
                    $"-Name: '{name}' cannot name an EventBridge rule: use 1 to 64 letters, digits, '.', '-' and '_' ({name?.Length ?? 0} characters given).",
                    $"Choose a shorter name, or leave out -Name to use {DefaultName}.", "Name");
            }

            if (namesTopic && name.Contains("."))
            {
                throw new RootGuardException(ErrorIds.InvalidName, FailureKind.InvalidArgument,
                    $"-Name: '{name}' also names the SNS topic, and SNS topic names cannot contain '.'.",
                    "Use letters, digits, '-' and '_' only, or give an existing topic with -TopicArn.", "Name");
            }
        }
    }

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
