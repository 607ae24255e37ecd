using System;
using RootGuard.Core.Connection;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Assessment.Evidence;
using RootGuard.Core.Aws;

namespace RootGuard.Core.Assessment
{
    /// <summary>Runs the selected checks: identity and evidence concurrently, then each check's decision.</summary>
    public sealed class RootAccountAssessment
    {
        private readonly AwsClientFactory clients;
        private readonly AssessmentOptions options;

        public RootAccountAssessment(AwsClientFactory clients, AssessmentOptions? options = null)
        {
            this.clients = clients ?? throw new ArgumentNullException(nameof(clients));
            this.options = options ?? new AssessmentOptions();
        }

        public async Task<AssessmentReport> RunAsync(IReadOnlyList<RootCheck> checks, int usageWindowDays, CancellationToken cancellationToken)
        {
            if (usageWindowDays < AssessmentCatalog.MinUsageWindowDays || usageWindowDays > AssessmentCatalog.MaxUsageWindowDays)
                throw new ArgumentOutOfRangeException(nameof(usageWindowDays));
            var sources = checks.Aggregate(EvidenceSources.None, (s, c) => s | c.Sources);
            var (context, evidence) = await CallerContext.ReadAsync(clients, usageWindowDays, options.Clock,
                () => new AssessmentEvidenceGatherer(clients, options).GatherAsync(sources, cancellationToken), cancellationToken).ConfigureAwait(false);
            return new AssessmentReport(context, CheckResult.Order(checks.Select(c => c.Evaluate(evidence, context))), evidence);
        }
    }
}
