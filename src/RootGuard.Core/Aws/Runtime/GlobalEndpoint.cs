namespace RootGuard.Core.Aws.Runtime
{
    /// <summary>A resolved global endpoint: host name and signing region.</summary>
    public readonly struct GlobalEndpoint
    {
        public GlobalEndpoint(string host, string signingRegion)
        {
            Host = host;
            SigningRegion = signingRegion;
        }

        public string Host { get; }

        public string SigningRegion { get; }
    }
}
