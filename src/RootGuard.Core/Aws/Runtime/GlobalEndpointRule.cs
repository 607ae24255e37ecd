namespace RootGuard.Core.Aws.Runtime
{
    /// <summary>
    /// A global service's endpoint in one partition: its host and the region requests are signed for.
    /// </summary>
    /// <param name="partition">The partition name: aws, aws-cn, aws-us-gov, aws-iso...</param>
    /// <param name="implicitGlobalRegion">The partition's implicit global region from the SDK's partition data.</param>
    /// <param name="dnsSuffix">The partition's DNS suffix.</param>
    public delegate GlobalEndpoint GlobalEndpointRule(string partition, string implicitGlobalRegion, string dnsSuffix);
}
