namespace RootGuard.Core.MonitorDefinitions
{
    /// <summary>How a CloudWatch Logs metric filter pattern compares with the CIS root account usage pattern.</summary>
    public enum UsageFilterVerdict
    {
        /// <summary>The exact CIS text: counts root usage and satisfies Security Hub CloudWatch.1.</summary>
        ExactCis,

        /// <summary>The same conditions as CIS in another spelling, order or parenthesisation: counts the same
        /// root usage, but Security Hub CloudWatch.1 compares text and reports it as failed.</summary>
        EquivalentToCis,

        /// <summary>The CIS conditions plus one that leaves out <c>sts:AssumeRoot</c> task sessions (RootGuard's opt-in variant).</summary>
        CisWithoutAssumeRoot,

        /// <summary>
        /// Counts every essential root action CIS counts, in every variant (any region, address, API, result), but the
        /// sets differ: broader, or narrower only in what CIS counts beyond that (service events, AssumeRoot sessions).
        /// </summary>
        MatchesRootUsageDifferently,

        /// <summary>
        /// Counts every root action RootGuard can test, but requires a property no sample record has to be absent
        /// (<c>NOT EXISTS</c>), so whether real root usage carries it, and is dropped, cannot be tested.
        /// </summary>
        Unverifiable,

        /// <summary>
        /// Misses root usage that the CIS pattern counts, a sample or a variant of one (another region, address, API or
        /// result): the monitor would stay silent for it.
        /// </summary>
        MissesRootUsage,

        /// <summary>Not a JSON filter pattern RootGuard can read.</summary>
        Unparsable,
    }
}
