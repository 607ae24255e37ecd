using System;
using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Assessment.Evidence;

namespace RootGuard.Core.Assessment.Checks
{
    /// <summary>RG.ROOT.3: the root user's MFA is a hardware device, not a virtual one (CIS 1.6, FSBP IAM.6).</summary>
    public sealed class RootHardwareMfaCheck : RootCheck
    {
        public override string Id => "RG.ROOT.3";
        public override string Title => "Root user MFA is hardware, not virtual";
        public override FindingSeverity Severity => FindingSeverity.Critical;
        public override IReadOnlyList<string> Compliance { get; } = new[] { "CIS 1.6", "FSBP IAM.6" };
        public override string Remediation =>
            "Sign in as the root user, register a FIDO security key or hardware TOTP token under Security credentials, then remove the virtual MFA device.";
        public override EvidenceSources Sources => EvidenceSources.AccountSummary | EvidenceSources.VirtualMfaDevices;
        public override IReadOnlyList<string> RequiredActions { get; } = new[] { "iam:GetAccountSummary", "iam:ListVirtualMFADevices" };

        public override CheckResult Evaluate(AssessmentEvidence evidence, AssessmentContext context)
        {
            var devices = Require(evidence.VirtualMfaDevices, nameof(evidence.VirtualMfaDevices));
            var summary = Require(evidence.AccountSummary, nameof(evidence.AccountSummary));
            if (!devices.Succeeded) return ErrorFrom(devices.Failure!, "the virtual MFA devices", context.HomeRegion);

            // Exact ARN: IAM users are arn:...:user/<name>, so "rootadmin" must never be taken for root.
            var rootDevice = devices.Value!.FirstOrDefault(d => string.Equals(d.User?.Arn, context.RootArn, StringComparison.Ordinal));
            if (rootDevice != null)
                return Result(FindingStatus.Fail, context.HomeRegion,
                    $"The root user's MFA is the virtual device {rootDevice.SerialNumber}, not a hardware device.",
                    ("RootArn", context.RootArn), ("VirtualMfaSerialNumber", rootDevice.SerialNumber), ("AssignedVirtualMfaDevices", devices.Value!.Count));

            if (!summary.Succeeded) return ErrorFrom(summary.Failure!, "the IAM account summary", context.HomeRegion);
            var facts = RootCredentialFacts.Facts(summary.Value!).Concat(new (string, object?)[]
            {
                ("RootArn", context.RootArn), ("AssignedVirtualMfaDevices", devices.Value!.Count),
            }).ToArray();
            if (RootCredentialFacts.HasNoCredentials(summary.Value!))
                return Result(FindingStatus.NotApplicable, context.HomeRegion,
                    RootCredentialFacts.NoCredentialsSentence + ": nobody can sign in as root, so the kind of MFA does not apply.", facts);

            return RootCredentialFacts.Get(summary.Value!, RootCredentialFacts.MfaEnabled) switch
            {
                null => Result(FindingStatus.Warning, context.HomeRegion,
                    "No virtual MFA device is assigned to the root user, but GetAccountSummary did not report AccountMFAEnabled, so whether root has a hardware device is unknown.", facts),
                0 => Result(FindingStatus.Fail, context.HomeRegion, "The root user has no MFA device at all, hardware or virtual (AccountMFAEnabled is 0).", facts),
                _ => Result(FindingStatus.Pass, context.HomeRegion,
                    $"The root user has MFA and none of the {devices.Value!.Count} assigned virtual MFA devices belongs to {context.RootArn}, so it is a hardware device.", facts),
            };
        }
    }
}
