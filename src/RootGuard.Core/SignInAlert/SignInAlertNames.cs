using System.Text.RegularExpressions;
using RootGuard.Core.Connection;

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
}
