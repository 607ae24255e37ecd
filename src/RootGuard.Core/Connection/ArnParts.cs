using Amazon;

namespace RootGuard.Core.Connection
{
    /// <summary>
    /// Reads the fields of an ARN (arn:partition:service:region:account:resource) with the SDK's own parser, so every
    /// component reads topic, alarm and caller ARNs the same way. The cmdlets call only the members that return strings:
    /// an AWSSDK type in the cmdlet assembly would bind outside RootGuard's load context.
    /// </summary>
    public static class ArnParts
    {
        public static Arn? Parse(string? arn) => arn != null && Arn.TryParse(arn, out var parsed) ? parsed : null;

        /// <summary>The region field (empty for global resources), or null when this is not an ARN.</summary>
        public static string? RegionOf(string? arn) => Parse(arn)?.Region;

        /// <summary>The account and region fields, or nulls when this is not an ARN.</summary>
        public static (string? Account, string? Region) AccountAndRegionOf(string? arn) =>
            Parse(arn) is { } parsed ? (parsed.AccountId, parsed.Region) : (null, null);

        /// <summary>The resource field (a topic's name), or null when this is not an ARN.</summary>
        public static string? ResourceOf(string? arn) => Parse(arn)?.Resource;

        /// <summary>True when this is an ARN of <paramref name="service"/> (for example "sns").</summary>
        public static bool IsService(string? arn, string service) => Parse(arn)?.Service == service;
    }
}
