namespace RootGuard.Core.Repair
{
    /// <summary>What the user gave that fixes need and cannot guess.</summary>
    public sealed class RepairInputs
    {
        public bool HasSecurityContact { get; set; }

        /// <summary>-EmailAddress or -TopicArn: where the monitors notify.</summary>
        public bool HasNotificationTarget { get; set; }
    }
}
