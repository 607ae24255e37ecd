using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using RootGuard.Core.Aws;
using RootGuard.Core.Connection;

namespace RootGuard.Core.Repair
{
    /// <summary>
    /// A privileged root session in a member account (sts:AssumeRoot from the management account), scoped by an AWS
    /// managed task policy and at most 15 minutes long. It is opened again when it would expire before a call, so a
    /// slow -Confirm answer never runs a deletion on expired credentials.
    /// </summary>
    public sealed class RootTaskSession : IDisposable
    {
        /// <summary>AssumeRoot's longest session.</summary>
        public const int MaxDurationSeconds = 900;

        /// <summary>The task policy that allows exactly the listing and deletion of root credentials.</summary>
        public const string DeleteRootUserCredentialsPolicyName = "IAMDeleteRootUserCredentials";

        private static readonly TimeSpan RenewMargin = TimeSpan.FromMinutes(2);

        private readonly AwsClientFactory caller;
        private readonly string taskPolicyArn;
        private AwsClientFactory? session;
        private DateTime expiresUtc;

        public RootTaskSession(AwsClientFactory caller, string accountId, string taskPolicyName = DeleteRootUserCredentialsPolicyName)
        {
            this.caller = caller ?? throw new ArgumentNullException(nameof(caller));
            AccountId = accountId;
            taskPolicyArn = TaskPolicyArn(caller.Connection.Partition, taskPolicyName);
        }

        public string AccountId { get; }

        /// <summary>How many times sts:AssumeRoot was called for this session.</summary>
        public int Opened { get; private set; }

        /// <summary>arn:&lt;partition&gt;:iam::aws:policy/root-task/&lt;name&gt;.</summary>
        public static string TaskPolicyArn(string partition, string policyName) => $"arn:{partition}:iam::aws:policy/root-task/{policyName}";

        /// <summary>Clients acting as the member account's root user, within the task policy.</summary>
        public async Task<AwsClientFactory> ClientsAsync(CancellationToken cancellationToken)
        {
            if (session != null && DateTime.UtcNow < expiresUtc - RenewMargin)
                return session;

            session?.Dispose();
            session = null;
            AssumeRootResponse response;
            try
            {
                // A regional STS endpoint: AssumeRoot is not served by the global one.
                response = await caller.CreateSts(caller.Connection.Region).AssumeRootAsync(new AssumeRootRequest
                {
                    TargetPrincipal = AccountId,
                    TaskPolicyArn = new PolicyDescriptorType { Arn = taskPolicyArn },
                    DurationSeconds = MaxDurationSeconds,
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                var translated = AwsErrorTranslator.Translate(e, new[] { "sts:AssumeRoot" });
                throw new RootGuardException(ErrorIds.AssumeRootFailed, translated.Kind,
                    $"Could not open a privileged root session in account {AccountId} (sts:AssumeRoot with {taskPolicyArn}): {translated.Message}",
                    translated.Kind == FailureKind.PermissionDenied
                        ? "Grant the caller sts:AssumeRoot in the management account (see docs/iam-policies.md), and check that no SCP denies it."
                        : "Check that centralized root access is on (RG.ROOT.8) and that the account is a member of the caller's organization.",
                    AccountId, e)
                {
                    AwsErrorCode = translated.AwsErrorCode,
                    RequestId = translated.RequestId,
                };
            }

            Opened++;
            var credentials = response.Credentials;
            expiresUtc = credentials.Expiration?.ToUniversalTime() ?? DateTime.UtcNow.AddSeconds(MaxDurationSeconds);
            session = caller.For(caller.Connection.WithCredentials(
                new SessionAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken), $"AssumeRoot:{AccountId}"));
            return session;
        }

        public void Dispose()
        {
            session?.Dispose();
            session = null;
        }
    }
}
