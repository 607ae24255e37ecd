using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Amazon;

namespace RootGuard.Core.Connection
{
    /// <summary>Partitions, their home regions, and what a valid region name looks like.</summary>
    public static class AwsPartitions
    {
        // A region name: two or more lower-case words and a number (us-east-1, us-gov-west-1, eu-isoe-west-1).
        private static readonly Regex RegionName = new Regex("^[a-z]{2,4}(-[a-z]+){1,3}-[0-9]{1,2}$", RegexOptions.CultureInvariant);

        /// <summary>
        /// The region that receives the partition's global events (console sign-in among them): us-east-1
        /// for <c>aws</c>, cn-north-1 for <c>aws-cn</c>, us-gov-west-1 for <c>aws-us-gov</c>.
        /// </summary>
        public static string HomeRegion(string partition) => partition switch
        {
            "aws-cn" => "cn-north-1",
            "aws-us-gov" => "us-gov-west-1",
            "aws-iso" => "us-iso-east-1",
            "aws-iso-b" => "us-isob-east-1",
            _ => "us-east-1",
        };

        public static string PartitionOf(string region)
        {
            if (region.StartsWith("cn-", StringComparison.Ordinal)) return "aws-cn";
            if (region.StartsWith("us-gov-", StringComparison.Ordinal)) return "aws-us-gov";
            if (region.StartsWith("us-isob-", StringComparison.Ordinal)) return "aws-iso-b";
            if (region.StartsWith("us-iso-", StringComparison.Ordinal)) return "aws-iso";
            return "aws";
        }

        public static bool IsValidRegionName(string? region) => region != null && RegionName.IsMatch(region);

        /// <summary>The region names the SDK knows, for tab completion.</summary>
        public static IReadOnlyList<string> KnownRegions() =>
            RegionEndpoint.EnumerableAllRegions.Select(r => r.SystemName).Where(IsValidRegionName).OrderBy(r => r, StringComparer.Ordinal).ToList();
    }
}
