using System.Collections.Generic;

namespace RootGuard.Core.MonitorDefinitions
{
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
