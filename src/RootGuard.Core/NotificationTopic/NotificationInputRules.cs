using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using RootGuard.Core.Ownership;

namespace RootGuard.Core.NotificationTopic
{
    /// <summary>
    /// Checks of the monitors' shared inputs, made before any AWS call so that a typo costs nothing. Each failure
    /// names the cmdlet parameter it concerns (the monitors' cmdlets share these parameter names).
    /// </summary>
    public static class NotificationInputRules
    {
        // SNS: 1-256 letters, digits, hyphens and underscores (".fifo" only for FIFO topics, which EventBridge and
        // CloudWatch alarms cannot use for plain e-mail).
        private static readonly Regex TopicName = new Regex("^[A-Za-z0-9_-]{1,256}$", RegexOptions.CultureInvariant);

        private static readonly Regex TopicArnShape = new Regex(
            "^arn:(?<partition>aws[a-z-]*):sns:(?<region>[a-z0-9-]+):(?<account>[0-9]{12}):(?<name>[A-Za-z0-9_-]{1,256})$",
            RegexOptions.CultureInvariant);

        public static void ValidateEmailAddresses(IEnumerable<string?>? addresses, string parameter = "EmailAddress")
        {
            foreach (var address in addresses ?? Enumerable.Empty<string?>())
            {
                if (!EmailAddressRule.IsValid(address))
                {
                    throw new RootGuardException(ErrorIds.InvalidEmailAddress, FailureKind.InvalidArgument,
                        $"-{parameter}: '{address}' is not an e-mail address SNS can deliver to.",
                        "Give each address as name@example.com, without spaces, angle brackets or a display name.", parameter);
                }
            }
        }

        public static void ValidateTopicName(string? name, string parameter = "Name")
        {
            if (name == null || !TopicName.IsMatch(name))
            {
                throw new RootGuardException(ErrorIds.InvalidName, FailureKind.InvalidArgument,
                    $"-{parameter}: '{name}' cannot name an SNS topic: use 1 to 256 letters, digits, hyphens and underscores.",
                    "Choose a shorter name made of letters, digits, '-' and '_'.", parameter);
            }
        }

        /// <summary>
        /// Every check of a monitor's topic inputs that needs no AWS call: the addresses, the key, the tags, and either
        /// the ARN of the user's topic (in <paramref name="region"/>, the monitor's) or the name of RootGuard's.
        /// </summary>
        public static void ValidateTopicInput(string? topicArn, string? topicName, IReadOnlyList<string> emailAddresses, string? kmsMasterKeyId,
            IReadOnlyDictionary<string, string>? tags, string region)
        {
            ValidateEmailAddresses(emailAddresses);
            ValidateKmsKey(kmsMasterKeyId);
            ValidateTags(tags);
            if (topicArn != null)
            {
                ParseTopicArn(topicArn, region);
            }
            else
            {
                ValidateTopicName(topicName);
            }
        }

        /// <summary>The parts of an SNS topic ARN; a malformed ARN or one in another region is refused.</summary>
        public static (string Partition, string Region, string AccountId, string Name) ParseTopicArn(string? arn, string expectedRegion,
            string parameter = "TopicArn")
        {
            var match = arn == null ? Match.Empty : TopicArnShape.Match(arn);
            if (!match.Success)
            {
                throw new RootGuardException(ErrorIds.InvalidTopicArn, FailureKind.InvalidArgument,
                    $"-{parameter}: '{arn}' is not an SNS topic ARN.", "Give the ARN as arn:aws:sns:<region>:<account-id>:<topic-name>.", parameter);
            }

            var region = match.Groups["region"].Value;
            if (!string.Equals(region, expectedRegion, StringComparison.Ordinal))
            {
                // EventBridge rules and CloudWatch alarms publish only to topics in their own region.
                throw new RootGuardException(ErrorIds.InvalidTopicArn, FailureKind.InvalidArgument,
                    $"-{parameter}: the topic '{arn}' is in {region}, but the monitor is made in {expectedRegion}; AWS delivers only to a topic in the same region.",
                    $"Give a topic in {expectedRegion}, or leave out -TopicArn to let RootGuard create one.", parameter);
            }

            return (match.Groups["partition"].Value, region, match.Groups["account"].Value, match.Groups["name"].Value);
        }

        /// <summary>
        /// Refuses the AWS managed SNS key: its key policy cannot be changed, so EventBridge and CloudWatch can never
        /// use it to publish, and every alert would be lost without an error anywhere.
        /// </summary>
        public static void ValidateKmsKey(string? keyId, string parameter = "KmsMasterKeyId")
        {
            if (keyId == null)
            {
                return;
            }

            if (string.IsNullOrWhiteSpace(keyId))
            {
                throw new RootGuardException(ErrorIds.InvalidKmsKey, FailureKind.InvalidArgument,
                    $"-{parameter}: the KMS key id is empty.", "Give a customer managed key's id, ARN or alias, or leave out -KmsMasterKeyId.", parameter);
            }

            if (IsAwsManagedSnsKey(keyId))
            {
                throw new RootGuardException(ErrorIds.AwsManagedKmsKey, FailureKind.InvalidArgument,
                    $"-{parameter}: the AWS managed key '{keyId}' cannot encrypt a RootGuard topic: EventBridge and CloudWatch cannot publish to a topic encrypted with the AWS managed key alias/aws/sns, because its key policy cannot grant them kms:GenerateDataKey* and kms:Decrypt.",
                    "Create a customer managed KMS key whose key policy lets the service principal use kms:GenerateDataKey* and kms:Decrypt, and give its id, ARN or alias; or leave out -KmsMasterKeyId.",
                    parameter);
            }
        }

        public static bool IsAwsManagedSnsKey(string? keyId) =>
            keyId != null && (string.Equals(keyId, "alias/aws/sns", StringComparison.OrdinalIgnoreCase)
                              || keyId.EndsWith(":alias/aws/sns", StringComparison.OrdinalIgnoreCase));

        /// <summary>
        /// Refuses the keys RootGuard's ownership rests on, and tags AWS would reject, by the rules SNS topics, EventBridge
        /// rules and CloudWatch alarms share: at most 50 tags on a resource (RootGuard's own included), keys of 1 to 128
        /// and values of up to 256 characters, made of letters, digits, spaces and <c>_ . : / = + - @</c>, and no key
        /// starting with <c>aws:</c> (reserved by AWS).
        /// </summary>
        /// <param name="tags">The -Tag hashtable.</param>
        /// <param name="ownTagCount">How many tags RootGuard itself puts on the resource that carries the most of them.</param>
        /// <param name="parameter">The parameter to name.</param>
        public static void ValidateTags(IReadOnlyDictionary<string, string>? tags, int ownTagCount = RootGuardTags.OwnTagCount, string parameter = "Tag")
        {
            var given = tags ?? new Dictionary<string, string>();
            foreach (var pair in given)
            {
                if (RootGuardTags.IsReservedKey(pair.Key))
                {
                    throw new RootGuardException(ErrorIds.ReservedTagKey, FailureKind.InvalidArgument,
                        $"-{parameter}: the tag key '{pair.Key}' is RootGuard's own: it marks what RootGuard made and may delete.",
                        $"Leave '{RootGuardTags.ManagedByKey}' and the 'RootGuard:' keys RootGuard uses ({RootGuardTags.ComponentKey}, {RootGuardTags.DeployedByKey}, {RootGuardOwnership.CreatedMetricFilterTagKey}, {RootGuardOwnership.SubscriptionTagPrefix}…) out of -Tag; RootGuard sets them itself.", parameter);
                }

                var value = pair.Value ?? string.Empty;
                var problem = string.IsNullOrEmpty(pair.Key) ? "the key is empty"
                    : CharacterCount(pair.Key) > MaxTagKeyLength ? $"the key is longer than {MaxTagKeyLength} characters"
                    : pair.Key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase) ? "keys starting with 'aws:' are reserved by AWS"
                    : !IsTagText(pair.Key) ? "the key has a character AWS does not allow in tags"
                    : CharacterCount(value) > RootGuardTags.MaxValueLength ? $"the value is longer than {RootGuardTags.MaxValueLength} characters"
                    : !IsTagText(value) ? "the value has a character AWS does not allow in tags"
                    : null;
                if (problem != null)
                {
                    throw new RootGuardException(ErrorIds.InvalidTag, FailureKind.InvalidArgument,
                        $"-{parameter}: the tag '{Printable(pair.Key)}' is not accepted by AWS: {problem}. Keys are 1 to {MaxTagKeyLength} characters and values up to {RootGuardTags.MaxValueLength}, "
                        + "made of letters, digits, spaces and _ . : / = + - @.",
                        "Shorten or rename the tag, or leave it out.", parameter);
                }
            }

            var allowed = MaxTagsPerResource - ownTagCount;
            if (given.Count > allowed)
            {
                throw new RootGuardException(ErrorIds.TooManyTags, FailureKind.InvalidArgument,
                    $"-{parameter}: {given.Count} tags were given, but AWS allows {MaxTagsPerResource} on a resource and RootGuard adds {ownTagCount} of its own, which leaves room for {allowed}.",
                    $"Give at most {allowed} tags.", parameter);
            }
        }

        /// <summary>Tags per resource on SNS, EventBridge and CloudWatch.</summary>
        public const int MaxTagsPerResource = 50;

        private const int MaxTagKeyLength = 128;

        // Letters, digits and spaces in any script ("representable in UTF-8"), and _ . : / = + - @; checked per
        // Unicode character, since a letter outside the basic plane is two UTF-16 chars in .NET.
        private static bool IsTagText(string text)
        {
            for (var i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
            {
                var ok = CharUnicodeInfo.GetUnicodeCategory(text, i) switch
                {
                    UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                        or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
                    UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
                    UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => true,
                    _ => "_.:/=+-@".IndexOf(text[i]) >= 0,
                };
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        // AWS counts Unicode characters, not UTF-16 chars.
        private static int CharacterCount(string text)
        {
            var count = 0;
            for (var i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
            {
                count++;
            }

            return count;
        }

        // Control characters (a NUL, say) would garble the message; show them as escapes.
        private static string Printable(string text) =>
            Regex.Replace(text.Length > 40 ? text.Substring(0, 40) + "…" : text, @"[\p{Cc}\p{Cf}]", m => $"\\u{(int)m.Value[0]:x4}");
    }
}
