using System;
using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Assessment.Evidence;

namespace RootGuard.Core.Assessment
{
    /// <summary>
    /// One posture check of the root user: a stable id, what it is called in the auditors' frameworks, which reads it
    /// needs, and the decision on the gathered evidence. Decisions are pure, so each one is unit-tested on evidence objects.
    /// </summary>
    public abstract class RootCheck
    {
        public abstract string Id { get; }
        public abstract string Title { get; }
        public abstract FindingSeverity Severity { get; }

        /// <summary>CIS AWS Foundations Benchmark and AWS Foundational Security Best Practices control ids.</summary>
        public abstract IReadOnlyList<string> Compliance { get; }

        /// <summary>How to fix a failure, naming the RootGuard command where one exists.</summary>
        public abstract string Remediation { get; }

        public abstract EvidenceSources Sources { get; }

        /// <summary>The IAM actions the check's reads need; all are in <see cref="AssessmentPermissions.PolicyJson"/>.</summary>
        public abstract IReadOnlyList<string> RequiredActions { get; }

        public abstract CheckResult Evaluate(AssessmentEvidence evidence, AssessmentContext context);

        protected CheckResult Result(FindingStatus status, string region, string reason, params (string Key, object? Value)[] evidence) =>
            new CheckResult(this, status, region, reason,
                status == FindingStatus.Pass || status == FindingStatus.NotApplicable ? string.Empty : Remediation,
                evidence.Select(e => new KeyValuePair<string, object?>(e.Key, e.Value)).ToList());

        /// <summary>A result whose fix is more specific than the check's general <see cref="Remediation"/>.</summary>
        protected CheckResult Result(FindingStatus status, string region, string reason, string? remediation, (string Key, object? Value)[] evidence) =>
            remediation == null || status == FindingStatus.Pass || status == FindingStatus.NotApplicable
                ? Result(status, region, reason, evidence)
                : new CheckResult(this, status, region, reason, remediation, evidence.Select(e => new KeyValuePair<string, object?>(e.Key, e.Value)).ToList());

        /// <summary>A failure to read evidence: Error, naming the missing permission, with the remedy for it.</summary>
        protected CheckResult ErrorFrom(SourceFailure failure, string whatFor, string region, params (string Key, object? Value)[] evidence) =>
            new CheckResult(this, FindingStatus.Error, region, failure.Describe(whatFor), failure.Remedy,
                new[] { new KeyValuePair<string, object?>("FailedAction", failure.Action), new KeyValuePair<string, object?>("ErrorCode", failure.ErrorCode) }
                    .Concat(evidence.Select(e => new KeyValuePair<string, object?>(e.Key, e.Value))).ToList());

        /// <summary>For a check whose evidence was not gathered: a programming error, never a user's.</summary>
        protected static T Require<T>(T? value, string source) where T : class =>
            value ?? throw new InvalidOperationException($"The evidence '{source}' was not gathered.");

        public override string ToString() => $"{Id} {Title}";
    }
}
