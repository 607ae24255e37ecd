namespace RootGuard
{
    /// <summary>
    /// One resource RootGuard made (or its statement in a topic it did not make), as Get-RootMonitoring -Resource lists it.
    /// RuleName, AlarmName and TopicArn name what Remove-RootMonitoring removes it by, so the objects pipe into it.
    /// </summary>
    public sealed class RootGuardResource
    {
        internal RootGuardResource(string component, string resourceType, string name, string region, string? arn, string detail,
            string? ruleName = null, string? alarmName = null, string? topicArn = null)
        {
            Component = component;
            ResourceType = resourceType;
            Name = name;
            Region = region;
            Arn = arn;
            Detail = detail;
            RuleName = ruleName;
            AlarmName = alarmName;
            TopicArn = topicArn;
        }

        /// <summary>SignInAlert, UsageAlarm, or Unknown when the component tag is missing.</summary>
        public string Component { get; }
        public string ResourceType { get; }
        public string Name { get; }
        public string Region { get; }
        public string? Arn { get; }
        public string Detail { get; }

        /// <summary>The sign-in alert's rule this resource is (or belongs to); binds to Remove-RootMonitoring and Send-RootMonitoringTest -RuleName.</summary>
        public string? RuleName { get; }

        /// <summary>The usage alarm this resource is (or whose metric filter it is); binds to -AlarmName.</summary>
        public string? AlarmName { get; }

        /// <summary>The topic this resource is, or holds RootGuard's statement; binds to Remove-RootMonitoring -TopicArn.</summary>
        public string? TopicArn { get; }

        public override string ToString() => $"{ResourceType} {Name} ({Region})";
    }
}
