using System;

namespace RootGuard.Core.Assessment.Evidence
{
    /// <summary>Who and where the assessment runs, and the clock it judges dates by.</summary>
    public sealed class AssessmentContext
    {
        public AssessmentContext(string accountId, string partition, string region, DateTimeOffset now, int usageWindowDays)
        {
            AccountId = accountId;
            Partition = partition;
            Region = region;
            HomeRegion = Connection.AwsPartitions.HomeRegion(partition);
            Now = now;
            UsageWindowDays = usageWindowDays;
        }

        public string AccountId { get; }
        public string Partition { get; }

        /// <summary>The region the caller asked for: where the usage alarm chain is looked for.</summary>
        public string Region { get; }

        /// <summary>The partition's home region: where IAM, Account and Organizations answer and sign-in events arrive.</summary>
        public string HomeRegion { get; }

        public DateTimeOffset Now { get; }
        public int UsageWindowDays { get; }

        /// <summary>The root user's ARN, compared exactly (a substring match would take an IAM user named "rootadmin" for root).</summary>
        public string RootArn => $"arn:{Partition}:iam::{AccountId}:root";
    }
}
