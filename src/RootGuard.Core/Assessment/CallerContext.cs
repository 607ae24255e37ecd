using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.SecurityToken.Model;
using RootGuard.Core.Assessment.Evidence;
using RootGuard.Core.Aws;
using RootGuard.Core.Connection;

namespace RootGuard.Core.Assessment
{
    /// <summary>
    /// Who and where a judgement runs (Test-RootAccountSecurity's assessment, Get-RootMonitoring's health): the caller's
    /// identity, read alongside the evidence, turned into the <see cref="AssessmentContext"/> the checks judge by.
    /// </summary>
    internal static class CallerContext
    {
        /// <summary>
        /// Asks sts:GetCallerIdentity, then starts <paramref name="alongside"/>, and waits for both. The identity's failure
        /// wins over the other reads': without the account id nothing can be judged, and it is a credentials problem, so the
        /// whole call fails with it. The partition is the caller ARN's (the connection's when the ARN says none), and the
        /// clock is read once both are done.
        /// </summary>
        /// <param name="clients">The caller's clients; the context's region is their connection's.</param>
        /// <param name="usageWindowDays">How far back root use counts.</param>
        /// <param name="clock">The time the evidence is judged at.</param>
        /// <param name="alongside">The evidence reads, started once the identity is asked for.</param>
        /// <param name="cancellationToken">Cancelled by Ctrl+C.</param>
        public static async Task<(AssessmentContext Context, T Evidence)> ReadAsync<T>(AwsClientFactory clients, int usageWindowDays,
            Func<DateTimeOffset> clock, Func<Task<T>> alongside, CancellationToken cancellationToken)
        {
            var identity = clients.CreateSts().GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken);
            var evidence = alongside();
            try
            {
                await Task.WhenAll(identity, evidence).ConfigureAwait(false);
            }
            catch (Exception) when (identity.IsFaulted && !cancellationToken.IsCancellationRequested)
            {
                throw AwsErrorTranslator.Translate(identity.Exception!.GetBaseException(), new[] { "sts:GetCallerIdentity" });
            }

            var caller = identity.Result;
            var partition = ArnParts.Parse(caller.Arn)?.Partition is { Length: > 0 } p ? p : clients.Connection.Partition;
            return (new AssessmentContext(caller.Account, partition, clients.Connection.Region, clock(), usageWindowDays), evidence.Result);
        }
    }
}
