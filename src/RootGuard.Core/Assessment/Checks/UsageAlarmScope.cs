namespace RootGuard.Core.Assessment.Checks
{
    /// <summary>
    /// One alarm RootGuard looks after: its name and region, and the metric filter RootGuard recorded making for it (so a
    /// trail that stopped delivering to that filter's log group can be named).
    /// </summary>
    internal sealed class UsageAlarmScope
    {
        public UsageAlarmScope(string alarmName, string region, (string LogGroupName, string FilterName)? recordedFilter = null)
        {
            AlarmName = alarmName;
            Region = region;
            RecordedFilter = recordedFilter;
        }

        public string AlarmName { get; }
        public string Region { get; }
        public (string LogGroupName, string FilterName)? RecordedFilter { get; }
    }
}
