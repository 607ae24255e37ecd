using System;
using System.Reflection;
using Amazon.Runtime;

namespace RootGuard.Core.Connection
{
    /// <summary>
    /// Credentials held in an object from another copy of AWSSDK.Core (AWS Tools for PowerShell's): read
    /// through reflection at each use, so refreshing credentials (assume-role, SSO) stay fresh.
    /// </summary>
    internal sealed class ForeignCredentials : AWSCredentials
    {
        private readonly object source;
        private readonly MethodInfo getCredentials;

        private ForeignCredentials(object source, MethodInfo getCredentials)
        {
            this.source = source;
            this.getCredentials = getCredentials;
        }

        public static AWSCredentials From(object value, string parameter)
        {
            if (value is AWSCredentials own)
            {
                return own;
            }

            // AWS Tools wraps credentials in AWSPSCredentials; its Credentials property holds the AWSCredentials.
            var candidate = value;
            var method = candidate.GetType().GetMethod("GetCredentials", Type.EmptyTypes);
            if (method == null)
            {
                var inner = candidate.GetType().GetProperty("Credentials")?.GetValue(candidate);
                if (inner is AWSCredentials ownInner)
                {
                    return ownInner;
                }

                if (inner != null)
                {
                    candidate = inner;
                    method = inner.GetType().GetMethod("GetCredentials", Type.EmptyTypes);
                }
            }

            if (method == null)
            {
                throw new RootGuardException(ErrorIds.InvalidCredentialObject, FailureKind.InvalidArgument,
                    $"The {parameter} value of type '{value.GetType().FullName}' is not an AWS credentials object.",
                    "Pass an object from New-AWSCredential or Get-AWSCredential, or use -ProfileName or -AccessKey/-SecretKey.",
                    parameter);
            }

            return new ForeignCredentials(candidate, method);
        }

        public override ImmutableCredentials GetCredentials()
        {
            var snapshot = getCredentials.Invoke(source, null)
                           ?? throw new InvalidOperationException("The credentials object returned no credentials.");
            var type = snapshot.GetType();
            string? Read(string name) => type.GetProperty(name)?.GetValue(snapshot) as string;
            return new ImmutableCredentials(Read("AccessKey"), Read("SecretKey"), Read("Token"));
        }
    }
}
