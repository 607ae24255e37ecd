using System;

namespace RootGuard.Core.Connection
{
    /// <summary>
    /// What the caller said about credentials, region and endpoint, before resolution. The names follow
    /// AWS Tools for PowerShell's common parameters, so a runbook's arguments carry over unchanged.
    /// </summary>
    public sealed class AwsConnectionRequest
    {
        public string? Region { get; set; }
        public string? ProfileName { get; set; }
        public string? ProfileLocation { get; set; }
        public string? AccessKey { get; set; }
        public string? SecretKey { get; set; }
        public string? SessionToken { get; set; }

        /// <summary>An AWSCredentials object, possibly made by another copy of AWSSDK.Core (AWS Tools).</summary>
        public object? Credential { get; set; }

        /// <summary>The session default left by <c>Set-AWSCredential</c> (<c>$StoredAWSCredentials</c>).</summary>
        public object? SessionCredential { get; set; }

        /// <summary>The session default left by <c>Set-DefaultAWSRegion</c> (<c>$StoredAWSRegion</c>).</summary>
        public string? SessionRegion { get; set; }

        public string? EndpointUrl { get; set; }

        /// <summary>How the connection's clients are built; null for the SDK's defaults. A host that embeds the module sets it
        /// (the module tests put their recording handler here), never a user's parameter.</summary>
        public Aws.AwsClientFactoryOptions? ClientOptions { get; set; }

        /// <summary>The reads the caller's session keeps between its commands (<see cref="Aws.SessionReadCache"/>); null for none.</summary>
        public Aws.SessionReadCache? ReadCache { get; set; }

        /// <summary>Reads environment variables; replaceable so resolution is testable without touching the process.</summary>
        public Func<string, string?> GetEnvironmentVariable { get; set; } = Environment.GetEnvironmentVariable;
    }
}
