using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using RootGuard.Core.Aws;

namespace RootGuard.Core.Connection
{
    /// <summary>
    /// Reaches other accounts of an organization by assuming a role in each (the role AWS Organizations creates in every
    /// member account, OrganizationAccountAccessRole, by default), and runs work across them with bounded concurrency.
    /// </summary>
    public static class AssumedRoleConnector
    {
        public const string DefaultRoleName = "OrganizationAccountAccessRole";

        private static readonly Regex AccountIdShape = new Regex("^[0-9]{12}$", RegexOptions.CultureInvariant);
        private static readonly Regex RoleNameShape = new Regex(@"^[\w+=,.@-]{1,64}$", RegexOptions.CultureInvariant);

        public static bool IsValidAccountId(string? accountId) => accountId != null && AccountIdShape.IsMatch(accountId);

        public static bool IsValidRoleName(string? roleName) => roleName != null && RoleNameShape.IsMatch(roleName);

        public static string RoleArn(string partition, string accountId, string roleName) => $"arn:{partition}:iam::{accountId}:role/{roleName}";

        /// <summary>The caller's connection, acting as <paramref name="roleName"/> in <paramref name="accountId"/>.</summary>
        public static async Task<AwsConnection> AssumeAsync(AwsClientFactory callerClients, string accountId, string roleName, CancellationToken cancellationToken)
        {
            var caller = callerClients.Connection;
            var roleArn = RoleArn(caller.Partition, accountId, roleName);
            try
            {
                var response = await callerClients.CreateSts().AssumeRoleAsync(new AssumeRoleRequest
                {
                    RoleArn = roleArn,
                    RoleSessionName = "RootGuard-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss"),
                    DurationSeconds = 3600,
                }, cancellationToken).ConfigureAwait(false);
                var credentials = response.Credentials;
                return caller.WithCredentials(new SessionAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken),
                    "AssumeRole:" + roleArn);
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                var translated = AwsErrorTranslator.Translate(e, new[] { "sts:AssumeRole" });
                throw new RootGuardException(ErrorIds.AssumeRoleFailed, translated.Kind,
                    $"Could not assume {roleArn}: {translated.Message}",
                    $"Check that the role exists in account {accountId} and trusts the caller (sts:AssumeRole), or pass -RoleName with a role that does.",
                    accountId, e)
                {
                    AwsErrorCode = translated.AwsErrorCode,
                    RequestId = translated.RequestId,
                };
            }
        }

        /// <summary>
        /// Runs <paramref name="work"/> for each account, at most <paramref name="concurrency"/> at a time, and returns each
        /// account's result or failure in the order the accounts were given: one account's failure never stops the others.
        /// </summary>
        public static async Task<IReadOnlyList<(string AccountId, T? Result, RootGuardException? Failure)>> ForEachAccountAsync<T>(
            IReadOnlyList<string> accountIds, int concurrency, Func<string, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
            where T : class
        {
            return await BoundedConcurrency.MapAsync(accountIds, concurrency, async accountId =>
            {
                try
                {
                    return (accountId, await work(accountId, cancellationToken).ConfigureAwait(false), (RootGuardException?)null);
                }
                catch (Exception e) when (!(e is OperationCanceledException))
                {
                    return (accountId, (T?)null, AwsErrorTranslator.Translate(e));
                }
            }, cancellationToken).ConfigureAwait(false);
        }
    }
}
