using System.Collections.Specialized;
using System.Linq;
using RootGuard.Core.Assessment;
using RootGuard.Core.Fleet;

namespace RootGuard
{
    /// <summary>One check of the root user's posture, in the terms of CIS, Security Hub (FSBP) and Prowler.</summary>
    public sealed class Finding
    {
        internal Finding(CheckResult result, string accountId)
            : this(result, accountId, AccountStanding.Unknown)
        {
        }

        internal Finding(CheckResult result, string accountId, AccountStanding standing)
        {
            CheckId = result.CheckId;
            Title = result.Title;
            // Both enums are compiled from one source file, so the values are the same.
            Status = (FindingStatus)(int)result.Status;
            Severity = (FindingSeverity)(int)result.Severity;
            AccountId = accountId;
            IsManagementAccount = standing.IsManagementAccount;
            RootCredentialsCentrallyManaged = standing.RootCredentialsCentrallyManaged;
            Region = result.Region;
            Reason = result.Reason;
            Remediation = result.Remediation;
            Compliance = result.Compliance.ToArray();
            var evidence = new OrderedDictionary();
            foreach (var fact in result.Evidence)
            {
                evidence[fact.Key] = fact.Value;
            }

            Evidence = evidence;
        }

        /// <summary>The stable check id, RG.ROOT.1 to RG.ROOT.8.</summary>
        public string CheckId { get; }

        public string Title { get; }
        public FindingStatus Status { get; }
        public FindingSeverity Severity { get; }
        public string AccountId { get; }

        /// <summary>True for the organization's management account, false for a member account or one in no organization; empty when not known.</summary>
        public bool? IsManagementAccount { get; }

        /// <summary>
        /// True when the account's organization manages root credentials centrally (RootCredentialsManagement, RG.ROOT.8's
        /// evidence, read by the management account or a delegated administrator for the whole organization); empty when not known.
        /// </summary>
        public bool? RootCredentialsCentrallyManaged { get; }

        /// <summary>Where the evidence lives: the partition's home region for IAM, Account and Organizations and the sign-in alert.</summary>
        public string Region { get; }

        /// <summary>One sentence with the evidence.</summary>
        public string Reason { get; }

        /// <summary>What to do, naming the RootGuard command that fixes it where one exists; empty for a pass.</summary>
        public string Remediation { get; }

        /// <summary>CIS AWS Foundations Benchmark and AWS Foundational Security Best Practices control ids.</summary>
        public string[] Compliance { get; }

        /// <summary>The raw facts the verdict rests on, in a stable order.</summary>
        public OrderedDictionary Evidence { get; }

        public override string ToString() => $"{CheckId} {Status}";
    }
}
