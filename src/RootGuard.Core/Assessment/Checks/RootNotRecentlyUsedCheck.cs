using System;
using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Assessment.Evidence;

namespace RootGuard.Core.Assessment.Checks
{
    /// <summary>RG.ROOT.4: the root user was not used in the last <c>-UsageWindowDays</c> days (CIS 1.7).</summary>
    public sealed class RootNotRecentlyUsedCheck : RootCheck
    {
        /// <summary>The credential report columns that record root use; the latest of all three counts, not the first found.</summary>
        public static readonly IReadOnlyList<string> UsageColumns = new[] { "password_last_used", "access_key_1_last_used_date", "access_key_2_last_used_date" };

        public override string Id => "RG.ROOT.4";
        public override string Title => "Root user not used recently";
        public override FindingSeverity Severity => FindingSeverity.High;
        public override IReadOnlyList<string> Compliance { get; } = new[] { "CIS 1.7" };
        public override string Remediation =>
            "Find out who used the root user and why (CloudTrail: userIdentity.type = Root), move that task to an IAM role, and watch root use with New-RootSignInAlert and New-RootUsageAlarm.";
        public override EvidenceSources Sources => EvidenceSources.CredentialReport;
        public override IReadOnlyList<string> RequiredActions { get; } = new[] { "iam:GenerateCredentialReport", "iam:GetCredentialReport" };

        public override CheckResult Evaluate(AssessmentEvidence evidence, AssessmentContext context)
        {
            var source = Require(evidence.CredentialReport, nameof(evidence.CredentialReport));
            if (!source.Succeeded) return ErrorFrom(source.Failure!, "the IAM credential report", context.HomeRegion);
            var report = source.Value!;
            if (report.RootRow == null)
                return Result(FindingStatus.Warning, context.HomeRegion,
                    "The credential report has no <root_account> row, so there is no evidence of when the root user was last used.",
                    ("ReportGeneratedTime", report.GeneratedTime), ("ReportReused", report.Reused));

            var dates = UsageColumns.Select(c => (Column: c, Date: report.DateOf(c))).ToList();
            var facts = dates.Select(d => (d.Column, (object?)(report.RootRow.TryGetValue(d.Column, out var raw) ? raw : null)))
                .Concat(new (string, object?)[] { ("UsageWindowDays", context.UsageWindowDays), ("ReportGeneratedTime", report.GeneratedTime), ("ReportReused", report.Reused) })
                .ToList();
            var latest = dates.Where(d => d.Date.HasValue).OrderByDescending(d => d.Date!.Value).FirstOrDefault();
            if (latest.Date == null)
            {
                facts.Add(("LastUsed", null));
                return Result(FindingStatus.Pass, context.HomeRegion,
                    "The credential report shows no use of the root user's password or access keys ever.", facts.ToArray());
            }

            var lastUsed = latest.Date.Value;
            facts.Add(("LastUsed", lastUsed));
            var days = (int)Math.Floor((context.Now - lastUsed).TotalDays);
            var when = AwsTime.Text(lastUsed);
            var how = latest.Column == "password_last_used" ? "its password" : latest.Column.StartsWith("access_key_1", StringComparison.Ordinal) ? "access key 1" : "access key 2";
            return lastUsed > context.Now.AddDays(-context.UsageWindowDays)
                ? Result(FindingStatus.Fail, context.HomeRegion,
                    $"The root user was used {days} day(s) ago ({when}, {how}), within the last {context.UsageWindowDays} days.", facts.ToArray())
                : Result(FindingStatus.Pass, context.HomeRegion,
                    $"The root user was last used {days} days ago ({when}, {how}), not within the last {context.UsageWindowDays} days.", facts.ToArray());
        }
    }
}
