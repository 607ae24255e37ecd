namespace RootGuard.Core.Monitoring
{
    /// <summary>An SNS topic RootGuard made.</summary>
    public sealed class ManagedTopic
    {
        /// <summary>Made by a CloudFormation stack (Export-RootGuardTemplate): the stack, not Remove-RootMonitoring, removes it.</summary>
        public bool StackDeployed { get; set; }

        public ManagedTopic(string region, string arn, string? component)
        {
            Region = region;
            Arn = arn;
            Component = component;
        }

        public string Region { get; }
        public string Arn { get; }
        public string? Component { get; }
    }
}
