using System;
using System.Net.Http;
using Amazon.Runtime;

namespace RootGuard.Core.Aws
{
    /// <summary>
    /// Settings applied to every client an <see cref="AwsClientFactory"/> creates. The <see cref="Connection.AwsConnection"/>
    /// carries them (<see cref="Connection.AwsConnection.ClientOptions"/>), so every factory made from it, or from a
    /// connection derived from it, builds its clients the same way.
    /// </summary>
    public sealed class AwsClientFactoryOptions
    {
        /// <summary>Builds the HTTP handler under every client (the tests' recording and fault-injecting backend); null uses the SDK's own.</summary>
        public Func<HttpMessageHandler>? HttpHandlerFactory { get; set; }

        /// <summary>
        /// Standard (the default) or adaptive, which adds client-side rate limiting under throttling. Adaptive in
        /// AWSSDK.Core 4 fails a cold client's first throttled call with "insufficient capacity" instead of retrying it.
        /// </summary>
        public RequestRetryMode? RetryMode { get; set; }

        /// <summary>
        /// Attempts after the first, for every error (throttling included, unless <see cref="Throttling"/> is set); null keeps
        /// the SDK's default for the retry mode (2 for standard) and <see cref="Runtime.ThrottlingBackoff.Default"/>'s 8 for throttling.
        /// </summary>
        public int? MaxErrorRetry { get; set; }

        /// <summary>How throttled calls back off; null keeps <see cref="Runtime.ThrottlingBackoff.Default"/> (tests shorten the waits).</summary>
        public Runtime.ThrottlingBackoff? Throttling { get; set; }

        /// <summary>Timeout of each HTTP attempt; null takes the connection's <see cref="Connection.AwsConnection.RequestTimeout"/>.</summary>
        public TimeSpan? Timeout { get; set; }

        /// <summary>Use FIPS endpoints where the partition has them.</summary>
        public bool UseFipsEndpoint { get; set; }

        /// <summary>Use dual-stack (IPv6) endpoints where the partition has them.</summary>
        public bool UseDualstackEndpoint { get; set; }
    }
}
