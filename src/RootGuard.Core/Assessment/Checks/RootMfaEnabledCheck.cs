using System.Collections.Generic;
using RootGuard.Core.Assessment.Evidence;

namespace RootGuard.Core.Assessment.Checks
{
    /// <summary>RG.ROOT.2: the root user has MFA (CIS 1.5, FSBP IAM.9).</summary>
    public sealed class RootMfaEnabledCheck : RootCheck
    {
        public override string Id => "RG.ROOT.2";
        public override string Title => "Root user has MFA enabled";
        public override FindingSeverity Severity => FindingSeverity.Critical;
        public override IReadOnlyList<string> Compliance { get; } = new[] { "CIS 1.5", "FSBP IAM.9" };
        public override string Remediation =>
            "Sign in as the root user, open Security credentials, and assign an MFA device (a FIDO security key or hardware TOTP token; see RG.ROOT.3).";
        public override EvidenceSources Sources => EvidenceSources.AccountSummary;
        public override IReadOnlyList<string> RequiredActions { get; } = new[] { "iam:GetAccountSummary" };

        public override CheckResult Evaluate(AssessmentEvidence evidence, AssessmentContext context)
        {
            var source = Require(evidence.AccountSummary, nameof(evidence.AccountSummary));
            if (!source.Succeeded) return ErrorFrom(source.Failure!, "the IAM account summary", context.HomeRegion);
            var summary = source.Value!;
            var facts = RootCredentialFacts.Facts(summary);
            if (RootCredentialFacts.HasNoCredentials(summary))
                return Result(FindingStatus.NotApplicable, context.HomeRegion,
                    RootCredentialFacts.NoCredentialsSentence + ": nobody can sign in as root, so MFA does not apply.", facts);

            return RootCredentialFacts.Get(summary, RootCredentialFacts.MfaEnabled) switch
            {
                null => Result(FindingStatus.Warning, context.HomeRegion,
                    "GetAccountSummary did not report AccountMFAEnabled, so whether the root user has MFA is unknown.", facts),
                0 => Result(FindingStatus.Fail, context.HomeRegion, "The root user has no MFA device (AccountMFAEnabled is 0).", facts),
                _ => Result(FindingStatus.Pass, context.HomeRegion, "The root user has MFA enabled (AccountMFAEnabled is 1).", facts),
            };
        }
    }
}
