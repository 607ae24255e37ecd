using System;
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
    /// member account, OrganizationAccountAccessRole, by default). <see cref="Fleet.FleetAssessment"/> uses it for every account but the caller's own.
    /// </summary>
    public static class AssumedRoleConnector
    {
        public const string DefaultRoleName = "OrganizationAccountAccessRole";

        /// <summary>An AWS account id: twelve digits. A constant so the cmdlets' ValidatePattern attributes use this one.</summary>
        public const string AccountIdPattern = "^[0-9]{12}$";

        /// <summary>IAM's own constraint on a role name. A constant so the cmdlets' ValidatePattern attributes use this one.</summary>
        public const string RoleNamePattern = @"^[\w+=,.@-]{1,64}$";

        private static readonly Regex AccountIdShape = new Regex(AccountIdPattern, RegexOptions.CultureInvariant);
        private static readonly Regex RoleNameShape = new Regex(RoleNamePattern, RegexOptions.CultureInvariant);

        // STS's own constraint on ExternalId: 2 to 1224 characters of [\w+=,.@:/-].
        private static readonly Regex ExternalIdShape = new Regex(@"^[\w+=,.@:/-]{2,1224}$", RegexOptions.CultureInvariant);

        public static bool IsValidAccountId(string? accountId) => accountId != null && AccountIdShape.IsMatch(accountId);

        public static bool IsValidRoleName(string? roleName) => roleName != null && RoleNameShape.IsMatch(roleName);

        public static bool IsValidExternalId(string? externalId) => externalId != null && ExternalIdShape.IsMatch(externalId);

        public static string RoleArn(string partition, string accountId, string roleName) => $"arn:{partition}:iam::{accountId}:role/{roleName}";

        /// <summary>The caller's connection, acting as <paramref name="roleName"/> in <paramref name="accountId"/> (a role that asks for no external id).</summary>
        public static Task<AwsConnection> AssumeAsync(AwsClientFactory callerClients, string accountId, string roleName, CancellationToken cancellationToken) =>
            AssumeAsync(callerClients, accountId, roleName, null, cancellationToken);

        /// <summary>The caller's connection, acting as <paramref name="roleName"/> in <paramref name="accountId"/>.</summary>
        /// <param name="callerClients">The caller's clients, whose STS client asks for the role.</param>
        /// <param name="accountId">The account the role is in.</param>
        /// <param name="roleName">The role's name in that account.</param>
        /// <param name="externalId">The external id the role's trust policy asks for (sts:ExternalId), or null.</param>
        /// <param name="cancellationToken">Cancels the STS call.</param>
        public static async Task<AwsConnection> AssumeAsync(AwsClientFactory callerClients, string accountId, string roleName, string? externalId,
            CancellationToken cancellationToken)
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
                    ExternalId = externalId,
                }, cancellationToken).ConfigureAwait(false);
                var credentials = response.Credentials;
                return caller.WithCredentials(new SessionAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken),
                    "AssumeRole:" + roleArn);
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                var translated = AwsErrorTranslator.Translate(e, new[] { "sts:AssumeRole" });
                if (AwsErrorTranslator.IsEndpointFailure(translated))
                {
                    // Not about the role: the endpoint did not answer, or not as STS.
                    throw translated;
                }

                throw new RootGuardException(ErrorIds.AssumeRoleFailed, translated.Kind,
                    $"Could not assume {roleArn}: {translated.Message}",
                    $"Check that the role exists in account {accountId}, trusts the caller (sts:AssumeRole) and is not blocked by a service control policy; pass -RoleName with a role that does" +
                    (externalId == null ? ", and -ExternalId if its trust policy asks for one." : ", and the -ExternalId its trust policy asks for."),
                    accountId, e)
                {
                    AwsErrorCode = translated.AwsErrorCode,
                    RequestId = translated.RequestId,
                };
            }
        }
    }
}
