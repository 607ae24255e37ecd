using System.Collections.Generic;

namespace RootGuard.Core.Assessment.Checks
{
    /// <summary>The root user's credential facts in GetAccountSummary, and the "root without credentials" rule.</summary>
    internal static class RootCredentialFacts
    {
        public const string MfaEnabled = "AccountMFAEnabled";
        public const string AccessKeysPresent = "AccountAccessKeysPresent";
        public const string PasswordPresent = "AccountPasswordPresent";
        public const string SigningCertificatesPresent = "AccountSigningCertificatesPresent";

        private static readonly string[] All = { PasswordPresent, AccessKeysPresent, MfaEnabled, SigningCertificatesPresent };

        /// <summary>A key's value, or null when AWS left it out: unknown is not 0.</summary>
        public static int? Get(IReadOnlyDictionary<string, int> summary, string key) => summary.TryGetValue(key, out var v) ? v : (int?)null;

        /// <summary>
        /// True only when all four keys are present and 0: a root user whose credentials were removed (centrally, by
        /// the organization). As AWS Config does, that excuses the MFA checks. A missing key never counts as 0.
        /// </summary>
        public static bool HasNoCredentials(IReadOnlyDictionary<string, int> summary)
        {
            foreach (var key in All)
            {
                if (Get(summary, key) != 0) return false;
            }

            return true;
        }

        public const string NoCredentialsSentence =
            "The root user has no credentials at all (AccountPasswordPresent, AccountAccessKeysPresent, AccountMFAEnabled and AccountSigningCertificatesPresent are all 0), as after central root credential removal";

        public static (string, object?)[] Facts(IReadOnlyDictionary<string, int> summary) => new (string, object?)[]
        {
            (PasswordPresent, Get(summary, PasswordPresent)),
            (AccessKeysPresent, Get(summary, AccessKeysPresent)),
            (MfaEnabled, Get(summary, MfaEnabled)),
            (SigningCertificatesPresent, Get(summary, SigningCertificatesPresent)),
        };
    }
}
