namespace RootGuard
{
    /// <summary>Where RootGuard's credentials and region came from. Never holds a secret.</summary>
    public sealed class RootGuardContext
    {
        internal RootGuardContext(string region, string regionSource, string credentialSource, string partition, string homeRegion, string? endpointUrl)
        {
            Region = region;
            RegionSource = regionSource;
            CredentialSource = credentialSource;
            Partition = partition;
            HomeRegion = homeRegion;
            EndpointUrl = endpointUrl;
        }

        public string Region { get; }
        public string RegionSource { get; }
        public string CredentialSource { get; }
        public string Partition { get; }

        /// <summary>The partition's home region, where console sign-in events arrive.</summary>
        public string HomeRegion { get; }

        public string? EndpointUrl { get; }
    }
}
