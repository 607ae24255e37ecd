namespace RootGuard.Core.Aws.Runtime
{
    /// <summary>A client configuration that carries RootGuard's <see cref="ThrottlingBackoff"/> to the retry policy.</summary>
    public interface IThrottlingBackoffConfig
    {
        ThrottlingBackoff Throttling { get; set; }
    }
}
