using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Assessment.Evidence;

namespace RootGuard.Core.Assessment.Checks
{
    /// <summary>RG.ROOT.1: the root user has no access keys (CIS 1.4, FSBP IAM.4).</summary>
    public sealed class NoRootAccessKeysCheck : RootCheck
    {
        public override string Id => "RG.ROOT.1";
        public override string Title => "Root user has no access keys";
        public override FindingSeverity Severity => FindingSeverity.Critical;
        public override IReadOnlyList<string> Compliance { get; } = new[] { "CIS 1.4", "FSBP IAM.4" };
        public override string Remediation =>
            "Sign in as the root user, open Security credentials, and delete every root access key (deactivate first if something still uses it; move that workload to an IAM role). In an organization with centralized root access, the management account can delete them with a privileged root task (sts:AssumeRoot, task policy IAMDeleteRootUserCredentials).";
        public override EvidenceSources Sources => EvidenceSources.AccountSummary;
        public override IReadOnlyList<string> RequiredActions { get; } = new[] { "iam:GetAccountSummary" };

        public override CheckResult Evaluate(AssessmentEvidence evidence, AssessmentContext context)
        {
            var source = Require(evidence.AccountSummary, nameof(evidence.AccountSummary));
            if (!source.Succeeded) return ErrorFrom(source.Failure!, "the IAM account summary", context.HomeRegion);
            var summary = source.Value!;
            var facts = RootCredentialFacts.Facts(summary);
            if (RootCredentialFacts.HasNoCredentials(summary))
                return Result(FindingStatus.Pass, context.HomeRegion, RootCredentialFacts.NoCredentialsSentence + ", so it has no access keys.", facts);

            return RootCredentialFacts.Get(summary, RootCredentialFacts.AccessKeysPresent) switch
            {
                0 => Result(FindingStatus.Pass, context.HomeRegion, "The root user has no access keys (AccountAccessKeysPresent is 0).", facts),
                null => Result(FindingStatus.Warning, context.HomeRegion,
                    "GetAccountSummary did not report AccountAccessKeysPresent, so whether the root user has access keys is unknown.", facts),
                var n => Result(FindingStatus.Fail, context.HomeRegion, $"The root user has access keys (AccountAccessKeysPresent is {n}).", facts),
            };
        }
    }
}
