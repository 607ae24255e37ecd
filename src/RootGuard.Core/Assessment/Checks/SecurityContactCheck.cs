using System.Collections.Generic;
using RootGuard.Core.Assessment.Evidence;

namespace RootGuard.Core.Assessment.Checks
{
    /// <summary>RG.ROOT.7: a security alternate contact is registered (CIS 1.2, FSBP Account.1).</summary>
    public sealed class SecurityContactCheck : RootCheck
    {
        public override string Id => "RG.ROOT.7";
        public override string Title => "Security alternate contact registered";
        public override FindingSeverity Severity => FindingSeverity.Medium;
        public override IReadOnlyList<string> Compliance { get; } = new[] { "CIS 1.2", "FSBP Account.1" };
        public override string Remediation =>
            "Register a security contact that a team (not one person) reads: aws account put-alternate-contact --alternate-contact-type SECURITY --name ... --title ... --email-address ... --phone-number ..., or Account settings > Alternate contacts in the console.";
        public override EvidenceSources Sources => EvidenceSources.SecurityContact;
        public override IReadOnlyList<string> RequiredActions { get; } = new[] { "account:GetAlternateContact" };

        public override CheckResult Evaluate(AssessmentEvidence evidence, AssessmentContext context)
        {
            var source = Require(evidence.SecurityContact, nameof(evidence.SecurityContact));
            if (!source.Succeeded) return ErrorFrom(source.Failure!, "the security alternate contact", context.HomeRegion);
            var contact = source.Value;
            if (contact == null || string.IsNullOrWhiteSpace(contact.EmailAddress))
                return Result(FindingStatus.Fail, context.HomeRegion, "No security alternate contact is registered for the account.",
                    ("AlternateContactType", "SECURITY"), ("EmailAddress", contact?.EmailAddress));

            return Result(FindingStatus.Pass, context.HomeRegion,
                $"The security alternate contact is {contact.Name} <{contact.EmailAddress}>.",
                ("AlternateContactType", "SECURITY"), ("Name", contact.Name), ("Title", contact.Title),
                ("EmailAddress", contact.EmailAddress), ("PhoneNumber", contact.PhoneNumber));
        }
    }
}
