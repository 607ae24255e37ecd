using System;
using RootGuard.Core.Connection;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.SecurityToken.Model;
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
            var identity = clients.CreateSts().GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken);
            var evidence = new AssessmentEvidenceGatherer(clients, options).GatherAsync(sources, cancellationToken);
            try
            {
                await Task.WhenAll(identity, evidence).ConfigureAwait(false);
            }
            catch (Exception) when (identity.IsFaulted && !cancellationToken.IsCancellationRequested)
            {
                // Without the account id nothing can be judged; this is a credentials problem, so the whole call fails.
                throw AwsErrorTranslator.Translate(identity.Exception!.GetBaseException(), new[] { "sts:GetCallerIdentity" });
            }

            var caller = identity.Result;
            var partition = ArnParts.Parse(caller.Arn)?.Partition is { Length: > 0 } p ? p : clients.Connection.Partition;
            var context = new AssessmentContext(caller.Account, partition, clients.Connection.Region, options.Clock(), usageWindowDays);
            return new AssessmentReport(context, CheckResult.Order(checks.Select(c => c.Evaluate(evidence.Result, context))), evidence.Result);
        }
    }
}
