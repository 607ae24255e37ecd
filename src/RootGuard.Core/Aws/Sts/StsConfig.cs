using Amazon.SecurityToken;
using RootGuard.Core.Aws.Runtime;

namespace RootGuard.Core.Aws.Sts
{
    /// <summary>The official STS client's configuration, carrying RootGuard's <see cref="ThrottlingBackoff"/>.</summary>
    public sealed class StsConfig : AmazonSecurityTokenServiceConfig, IThrottlingBackoffConfig
    {
        public ThrottlingBackoff Throttling { get; set; } = ThrottlingBackoff.Default;
    }
}
