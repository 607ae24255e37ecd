using System.Collections.Generic;
using System.Linq;

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

        /// <summary>Counts every essential root action CIS counts, but the sets differ (broader, or narrower elsewhere).</summary>
        MatchesRootUsageDifferently,

        /// <summary>Misses root usage that the CIS pattern counts: the monitor would stay silent.</summary>
        MissesRootUsage,

        /// <summary>Not a JSON filter pattern RootGuard can read.</summary>
        Unparsable,
    }

    /// <summary>The analysis of one metric filter pattern against the CIS root account usage pattern.</summary>
    public sealed class UsageFilterAnalysis
    {
        internal UsageFilterAnalysis(string filterPattern, UsageFilterVerdict verdict, string reason, string? parseError = null,
            IReadOnlyList<string>? missedRootUsage = null, IReadOnlyList<string>? additionalMatches = null,
            IReadOnlyList<string>? missingCisConditions = null, IReadOnlyList<string>? additionalConditions = null)
        {
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

        /// <summary>True when the filter counts the root usage CIS asks for (every verdict except MissesRootUsage and Unparsable).</summary>
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

        public override string ToString() => $"{Verdict}: {Reason}";
    }

    /// <summary>The analysis of one EventBridge event pattern against root console sign-ins.</summary>
    public sealed class SignInPatternAnalysis
    {
        internal SignInPatternAnalysis(string eventPattern, bool isValid, string? parseError, bool matchesRootSignIns,
            bool matchesOnlySuccess, bool matchesIamUserSignIns, IReadOnlyList<string> missedRootSignIns, string reason)
        {
            EventPattern = eventPattern;
            IsValid = isValid;
            ParseError = parseError;
            MatchesRootSignIns = matchesRootSignIns;
            MatchesOnlySuccess = matchesOnlySuccess;
            MatchesIamUserSignIns = matchesIamUserSignIns;
            MissedRootSignIns = missedRootSignIns;
            Reason = reason;
        }

        /// <summary>The event pattern text analysed.</summary>
        public string EventPattern { get; }

        /// <summary>False when the pattern cannot be parsed; <see cref="ParseError"/> says why.</summary>
        public bool IsValid { get; }

        public string? ParseError { get; }

        /// <summary>True when every root sign-in sample matches: success and failure, with and without MFA.</summary>
        public bool MatchesRootSignIns { get; }

        /// <summary>True when every successful root sign-in matches and the failed one does not.</summary>
        public bool MatchesOnlySuccess { get; }

        /// <summary>True when IAM user sign-ins match too: still a working monitor, only noisier.</summary>
        public bool MatchesIamUserSignIns { get; }

        /// <summary>Same as <see cref="MatchesIamUserSignIns"/>: the pattern is broader than root sign-ins.</summary>
        public bool IsOverlyBroad => MatchesIamUserSignIns;

        /// <summary>Descriptions of the root sign-in samples the pattern misses, such as "a failed root sign-in".</summary>
        public IReadOnlyList<string> MissedRootSignIns { get; }

        /// <summary>One readable sentence.</summary>
        public string Reason { get; }

        public override string ToString() => Reason;
    }
}
