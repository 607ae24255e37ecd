using System.Collections.Generic;
using System.Linq;

namespace RootGuard.Core.MonitorDefinitions
{
    /// <summary>The analysis of one metric filter pattern against the CIS root account usage pattern.</summary>
    public sealed class UsageFilterAnalysis
    {
        internal UsageFilterAnalysis(string filterPattern, UsageFilterVerdict verdict, string reason, string? parseError = null,
            IReadOnlyList<string>? missedRootUsage = null, IReadOnlyList<string>? additionalMatches = null,
            IReadOnlyList<string>? missingCisConditions = null, IReadOnlyList<string>? additionalConditions = null,
            IReadOnlyList<string>? unverifiableConditions = null)
        {
            UnverifiableConditions = unverifiableConditions ?? new string[0];
            FilterPattern = filterPattern;
            Verdict = verdict;
            Reason = reason;
            ParseError = parseError;
            MissedRootUsage = missedRootUsage ?? new string[0];
            AdditionalMatches = additionalMatches ?? new string[0];
            MissingCisConditions = missingCisConditions ?? new string[0];
            AdditionalConditions = additionalConditions ?? new string[0];
        }

        /// <summary>The pattern text analysed.</summary>
        public string FilterPattern { get; }

        public UsageFilterVerdict Verdict { get; }

        /// <summary>One readable sentence saying why the verdict is what it is.</summary>
        public string Reason { get; }

        /// <summary>
        /// True when the filter counts every root action CIS counts that RootGuard can test, samples and variants (every
        /// verdict except MissesRootUsage and Unparsable; for Unverifiable, only as far as it can be tested).
        /// </summary>
        public bool CountsRootUsage =>
            Verdict != UsageFilterVerdict.MissesRootUsage && Verdict != UsageFilterVerdict.Unparsable;

        /// <summary>True only for the exact CIS text, the one Security Hub control CloudWatch.1 accepts.</summary>
        public bool SatisfiesSecurityHub => Verdict == UsageFilterVerdict.ExactCis;

        /// <summary>
        /// True when the filter also counts IAM users' calls: it still sees root usage, but an alarm on it fires for
        /// everyone's activity, so a posture check may want to flag it.
        /// </summary>
        public bool CountsNonRootActivity =>
            AdditionalMatches.Contains(RootMonitorSamples.IamUserApiCall.Name)
            || AdditionalMatches.Contains(RootMonitorSamples.IamUserNamedRootadminApiCall.Name);

        /// <summary>The parser's message when the verdict is <see cref="UsageFilterVerdict.Unparsable"/>.</summary>
        public string? ParseError { get; }

        /// <summary>Names of sample records CIS counts that this filter does not (see <see cref="RootMonitorSamples"/>).</summary>
        public IReadOnlyList<string> MissedRootUsage { get; }

        /// <summary>Names of sample records CIS leaves out that this filter counts.</summary>
        public IReadOnlyList<string> AdditionalMatches { get; }

        /// <summary>CIS conditions absent from the filter's top-level conjunction, in canonical spelling.</summary>
        public IReadOnlyList<string> MissingCisConditions { get; }

        /// <summary>Top-level conditions of the filter that CIS does not have, in canonical spelling.</summary>
        public IReadOnlyList<string> AdditionalConditions { get; }

        /// <summary>For <see cref="UsageFilterVerdict.Unverifiable"/>: the NOT EXISTS conditions on properties no sample record has.</summary>
        public IReadOnlyList<string> UnverifiableConditions { get; }

        public override string ToString() => $"{Verdict}: {Reason}";
    }
}
