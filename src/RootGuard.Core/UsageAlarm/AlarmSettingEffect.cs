namespace RootGuard.Core.UsageAlarm
{
    /// <summary>How much a setting matters to whether one root event raises the alarm.</summary>
    public enum AlarmSettingEffect
    {
        /// <summary>One root event in one period does not raise the alarm (or raises it once and never again).</summary>
        Blocks,

        /// <summary>Whether it does cannot be proven from the settings (metric math, a value taken from the event…).</summary>
        Unprovable,

        /// <summary>The alarm still fires on one root event, but differs from the CIS remediation.</summary>
        Differs,
    }
}
