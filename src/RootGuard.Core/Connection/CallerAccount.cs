using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.SecurityToken.Model;
using RootGuard.Core.Aws;

namespace RootGuard.Core.Connection
{
    /// <summary>The account a connection's credentials belong to.</summary>
    public static class CallerAccount
    {
        /// <summary>The caller's account id (sts:GetCallerIdentity, which needs no permission); ARNs RootGuard builds start from it.</summary>
        /// <param name="clients">The connection's clients.</param>
        /// <param name="region">The STS region to ask; null for the connection's.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        /// <remarks>Kept for the session when the connection carries a <see cref="SessionReadCache"/>: a key's account never changes.</remarks>
        public static async Task<string> ReadIdAsync(AwsClientFactory clients, string? region, CancellationToken cancellationToken)
        {
            try
            {
                return clients.Connection.ReadCache is { } cache
                    ? await cache.AccountIdAsync(clients, () => AskStsAsync(clients, region, cancellationToken)).ConfigureAwait(false)
                    : await AskStsAsync(clients, region, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                throw AwsErrorTranslator.Translate(e, new[] { "sts:GetCallerIdentity" });
            }
        }

        private static async Task<string> AskStsAsync(AwsClientFactory clients, string? region, CancellationToken cancellationToken) =>
            (await clients.CreateSts(region).GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken).ConfigureAwait(false)).Account;
    }
}
