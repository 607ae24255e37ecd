using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Assessment.Checks;
using RootGuard.Core.Aws;
using RootGuard.Core.Aws.Iam;
using RootGuard.Core.Aws.Iam.Model;
using RootGuard.Core.Planning;

namespace RootGuard.Core.Repair
{
    /// <summary>
    /// The fix for RG.ROOT.1 to .3 in a member account: through a privileged root session it lists what the root user
    /// has (console password, access keys, signing certificates, MFA devices) and plans one deletion per item. Only
    /// listed items are ever deleted; one already gone by the time it is deleted counts as done.
    /// </summary>
    public sealed class RootCredentialPlanner
    {
        public const string PasswordResourceType = "Root console password";
        public const string AccessKeyResourceType = "Root access key";
        public const string SigningCertificateResourceType = "Root signing certificate";
        public const string MfaDeviceResourceType = "Root MFA device";

        /// <summary>What the caller needs in the management account; the session's own rights come from the task policy.</summary>
        public static IReadOnlyList<string> Permissions { get; } = new[] { "sts:AssumeRoot", "iam:ListOrganizationsFeatures", "organizations:DescribeOrganization" };

        /// <summary>The calls made inside the root session, all allowed by the IAMDeleteRootUserCredentials task policy.</summary>
        public static IReadOnlyList<string> SessionActions { get; } = new[]
        {
            "iam:GetLoginProfile", "iam:DeleteLoginProfile", "iam:ListAccessKeys", "iam:DeleteAccessKey", "iam:ListSigningCertificates",
            "iam:DeleteSigningCertificate", "iam:ListMFADevices", "iam:DeactivateMFADevice", "iam:DeleteVirtualMFADevice",
        };

        private readonly AwsClientFactory caller;

        public RootCredentialPlanner(AwsClientFactory caller) => this.caller = caller ?? throw new ArgumentNullException(nameof(caller));

        public async Task<FixPlan> PlanAsync(CallerStanding standing, string accountId, CancellationToken cancellationToken)
        {
            if (standing.IsManagement(accountId))
                throw RepairSelection.ManagementAccountRoot(accountId);
            await RequireCentralRootAccessAsync(standing, accountId, cancellationToken).ConfigureAwait(false);

            var session = new RootTaskSession(caller, accountId);
            try
            {
                var iam = (await session.ClientsAsync(cancellationToken).ConfigureAwait(false)).CreateIam();
                var login = await ReadLoginProfileAsync(iam, cancellationToken).ConfigureAwait(false);
                var keys = await Read(() => iam.ListAccessKeysAllAsync(null, cancellationToken), "iam:ListAccessKeys").ConfigureAwait(false);
                var certificates = await Read(() => iam.ListSigningCertificatesAllAsync(null, cancellationToken), "iam:ListSigningCertificates").ConfigureAwait(false);
                var devices = await Read(() => iam.ListMFADevicesAllAsync(null, cancellationToken), "iam:ListMFADevices").ConfigureAwait(false);

                var changes = new List<PlannedChange>();
                foreach (var key in keys.Where(k => k.AccessKeyId != null))
                    changes.Add(Delete(session, AccessKeyResourceType, key.AccessKeyId!, $"Delete root access key {key.AccessKeyId} ({key.Status})",
                        (c, ct) => c.DeleteAccessKeyAsync(new DeleteAccessKeyRequest { AccessKeyId = key.AccessKeyId }, ct), "iam:DeleteAccessKey"));
                foreach (var certificate in certificates.Where(c => c.CertificateId != null))
                    changes.Add(Delete(session, SigningCertificateResourceType, certificate.CertificateId!, $"Delete root signing certificate {certificate.CertificateId}",
                        (c, ct) => c.DeleteSigningCertificateAsync(new DeleteSigningCertificateRequest { CertificateId = certificate.CertificateId }, ct),
                        "iam:DeleteSigningCertificate"));
                if (login)
                    changes.Add(Delete(session, PasswordResourceType, $"{accountId} root", "Delete the root user's console password (login profile)",
                        (c, ct) => c.DeleteLoginProfileAsync(new DeleteLoginProfileRequest(), ct), "iam:DeleteLoginProfile"));
                foreach (var device in devices.Where(d => d.SerialNumber != null))
                    changes.Add(DeleteMfa(session, device.SerialNumber!));

                if (changes.Count == 0)
                    changes.Add(new PlannedChange(PasswordResourceType, $"{accountId} root", ChangeAction.Unchanged, "The root user has no credentials"));
                return new FixPlan(accountId, RootFix.RootCredentials, changes, null, session);
            }
            catch
            {
                session.Dispose();
                throw;
            }
        }

        /// <summary>
        /// AssumeRoot works only with centralized root access on; read it in the management account first so the error
        /// says what to do instead of AWS's bare AccessDenied.
        /// </summary>
        private async Task RequireCentralRootAccessAsync(CallerStanding standing, string accountId, CancellationToken cancellationToken)
        {
            var enabled = await CentralRootAccessPlanner.ReadFeaturesAsync(caller.CreateIam(), cancellationToken).ConfigureAwait(false);
            var missing = new[] { CentralRootAccessCheck.RootCredentialsManagement, CentralRootAccessCheck.RootSessions }.Where(f => !enabled.Contains(f)).ToList();
            if (missing.Count > 0)
                throw new RootGuardException(ErrorIds.CentralRootAccessRequired, FailureKind.InvalidOperation,
                    $"Account {accountId}'s root credentials can only be removed through a privileged root session, which needs centralized root access; organization {standing.OrganizationId} has {string.Join(" and ", missing)} off.",
                    "Run the RG.ROOT.8 fix first: Repair-RootAccountSecurity -CheckId RG.ROOT.8 from the management account (or include its RG.ROOT.8 finding), then repair this account again.",
                    accountId);
        }

        private static PlannedChange Delete(RootTaskSession session, string type, string name, string description,
            Func<IIamClient, CancellationToken, Task> delete, string permission) =>
            new PlannedChange(type, name, ChangeAction.Delete, description, async ct =>
            {
                var iam = (await session.ClientsAsync(ct).ConfigureAwait(false)).CreateIam();
                try
                {
                    await delete(iam, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (AwsErrorTranslator.IsNotFound(e))
                {
                    // Deleted by someone else since it was listed: the wanted state holds.
                }
            }, null, permission);

        // A virtual device (serial arn:...:mfa/...) is deactivated and deleted; a hardware key or token is only
        // deactivated: the object stays with its owner.
        private static PlannedChange DeleteMfa(RootTaskSession session, string serial)
        {
            var isVirtual = serial.StartsWith("arn:", StringComparison.Ordinal) && serial.Contains(":mfa/");
            return new PlannedChange(MfaDeviceResourceType, serial, ChangeAction.Delete,
                isVirtual ? $"Deactivate and delete the root user's virtual MFA device {serial}" : $"Deactivate the root user's MFA device {serial}",
                async ct =>
                {
                    var iam = (await session.ClientsAsync(ct).ConfigureAwait(false)).CreateIam();
                    try
                    {
                        await iam.DeactivateMFADeviceAsync(new DeactivateMFADeviceRequest { SerialNumber = serial }, ct).ConfigureAwait(false);
                    }
                    catch (Exception e) when (AwsErrorTranslator.IsNotFound(e))
                    {
                    }

                    if (isVirtual)
                    {
                        try
                        {
                            await iam.DeleteVirtualMFADeviceAsync(new DeleteVirtualMFADeviceRequest { SerialNumber = serial }, ct).ConfigureAwait(false);
                        }
                        catch (Exception e) when (AwsErrorTranslator.IsNotFound(e))
                        {
                        }
                    }
                }, null, isVirtual ? new[] { "iam:DeactivateMFADevice", "iam:DeleteVirtualMFADevice" } : new[] { "iam:DeactivateMFADevice" });
        }

        private static async Task<bool> ReadLoginProfileAsync(IIamClient iam, CancellationToken cancellationToken)
        {
            try
            {
                await iam.GetLoginProfileAsync(new GetLoginProfileRequest(), cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (Exception e) when (AwsErrorTranslator.IsNotFound(e))
            {
                return false;
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                throw AwsErrorTranslator.Translate(e, new[] { "iam:GetLoginProfile" });
            }
        }

        private static async Task<T> Read<T>(Func<Task<T>> read, string permission)
        {
            try
            {
                return await read().ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                throw AwsErrorTranslator.Translate(e, new[] { permission });
            }
        }
    }
}
