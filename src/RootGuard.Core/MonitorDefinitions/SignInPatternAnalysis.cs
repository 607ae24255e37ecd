using System.Collections.Generic;

namespace RootGuard.Core.MonitorDefinitions
{
    /// <summary>The analysis of one EventBridge event pattern against root console sign-ins.</summary>
    public sealed class SignInPatternAnalysis
    {
        internal SignInPatternAnalysis(string eventPattern, bool isValid, string? parseError, bool matchesRootSignIns,
            bool matchesOnlySuccess, bool matchesIamUserSignIns, IReadOnlyList<string> missedRootSignIns, string reason,
            IReadOnlyList<RootMonitorSample>? missedVariants = null, IReadOnlyList<string>? unverifiableFields = null)
        {
            MissedVariants = missedVariants ?? new RootMonitorSample[0];
            UnverifiableFields = unverifiableFields ?? new string[0];
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

        /// <summary>
        /// True when every root sign-in sample and every variant of it matches: success and failure, with and without MFA,
        /// from any address, browser or the mobile console (<see cref="RootMonitorVariants"/>).
        /// </summary>
        public bool MatchesRootSignIns { get; }

        /// <summary>True when every successful root sign-in and every variant of one matches, and the failed one does not.</summary>
        public bool MatchesOnlySuccess { get; }

        /// <summary>True when IAM user sign-ins match too: still a working monitor, only noisier.</summary>
        public bool MatchesIamUserSignIns { get; }

        /// <summary>Same as <see cref="MatchesIamUserSignIns"/>: the pattern is broader than root sign-ins.</summary>
        public bool IsOverlyBroad => MatchesIamUserSignIns;

        /// <summary>
        /// Descriptions of the root sign-in samples the pattern misses, such as "a failed root sign-in", then of the
        /// <see cref="MissedVariants"/>.
        /// </summary>
        public IReadOnlyList<string> MissedRootSignIns { get; }

        /// <summary>
        /// Variants of samples the pattern matches that it misses: real root sign-ins it would drop, such as "a
        /// successful root sign-in with MFA from 203.0.113.7" (the first for each of the pattern's fields, at most three).
        /// </summary>
        public IReadOnlyList<RootMonitorSample> MissedVariants { get; }

        /// <summary>True when the pattern matches the samples but misses variants of them: it is narrower than it looks.</summary>
        public bool IsNarrowed => MissedVariants.Count > 0;

        /// <summary>
        /// On a pattern that matches, the fields it requires to be absent that no sample has (dotted paths): whether real
        /// root sign-ins lack them cannot be tested, so such a pattern is unverifiable, not a pass.
        /// </summary>
        public IReadOnlyList<string> UnverifiableFields { get; }

        /// <summary>One readable sentence.</summary>
        public string Reason { get; }

        public override string ToString() => Reason;
    }
}
