namespace RootGuard.Core.Aws.Runtime
{
    /// <summary>
    /// The single endpoint per partition of AWS's global services, as their <c>endpoint-rule-set-1.json</c> names them.
    /// </summary>
    public static class GlobalEndpoints
    {
        /// <summary>IAM: iam.amazonaws.com signed for us-east-1; iam.cn-north-1.amazonaws.com.cn for cn-north-1; iam.us-gov.amazonaws.com for us-gov-west-1.</summary>
        public static GlobalEndpoint Iam(string partition, string implicitGlobalRegion, string dnsSuffix) => partition switch
        {
            "aws" => new GlobalEndpoint("iam.amazonaws.com", "us-east-1"),
            "aws-cn" => new GlobalEndpoint("iam.cn-north-1.amazonaws.com.cn", "cn-north-1"),
            "aws-us-gov" => new GlobalEndpoint("iam.us-gov.amazonaws.com", "us-gov-west-1"),
            "aws-iso" => new GlobalEndpoint("iam.us-iso-east-1.c2s.ic.gov", "us-iso-east-1"),
            "aws-iso-b" => new GlobalEndpoint("iam.us-isob-east-1.sc2s.sgov.gov", "us-isob-east-1"),
            _ => new GlobalEndpoint("iam." + dnsSuffix, implicitGlobalRegion),
        };

        /// <summary>Organizations: organizations.us-east-1.amazonaws.com; cn-northwest-1 in aws-cn; us-gov-west-1 in aws-us-gov.</summary>
        public static GlobalEndpoint Organizations(string partition, string implicitGlobalRegion, string dnsSuffix) => partition switch
        {
            "aws" => new GlobalEndpoint("organizations.us-east-1.amazonaws.com", "us-east-1"),
            "aws-cn" => new GlobalEndpoint("organizations.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1"),
            "aws-us-gov" => new GlobalEndpoint("organizations.us-gov-west-1.amazonaws.com", "us-gov-west-1"),
            _ => new GlobalEndpoint($"organizations.{implicitGlobalRegion}.{dnsSuffix}", implicitGlobalRegion),
        };

        /// <summary>Account: account.{implicit global region}.{DNS suffix}, signed for the implicit global region.</summary>
        public static GlobalEndpoint Account(string partition, string implicitGlobalRegion, string dnsSuffix) =>
            new GlobalEndpoint($"account.{implicitGlobalRegion}.{dnsSuffix}", implicitGlobalRegion);
    }
}
