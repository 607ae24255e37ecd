namespace RootGuard
{
    /// <summary>One resource RootGuard made (or its statement in a topic it did not make), as Get-RootMonitoring lists it.</summary>
    public sealed class RootGuardResource
    {
        internal RootGuardResource(string component, string resourceType, string name, string region, string? arn, string detail)
        {
            Component = component;
            ResourceType = resourceType;
            Name = name;
            Region = region;
            Arn = arn;
            Detail = detail;
        }

        /// <summary>SignInAlert, UsageAlarm, or Unknown when the component tag is missing.</summary>
        public string Component { get; }
        public string ResourceType { get; }
        public string Name { get; }
        public string Region { get; }
        public string? Arn { get; }
        public string Detail { get; }

        public override string ToString() => $"{ResourceType} {Name} ({Region})";
    }
}
