using System;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Util;

namespace RootGuard.Core.Connection
{
    /// <summary>
    /// Resolves credentials and region in the order AWS Tools for PowerShell documents, using AWSSDK.Core's
    /// own profile and metadata resolvers (SSO, assume-role, credential_process, web identity) rather than a copy.
    /// </summary>
    /// <remarks>
    /// Credentials: literal keys, <c>-Credential</c>, <c>-ProfileName</c> (a missing profile is an error, never a
    /// fall-through), the session default of Set-AWSCredential, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN,
    /// AWS_PROFILE, the <c>default</c> profile, web identity, container, then instance credentials.
    /// Region: <c>-Region</c>, the session default of Set-DefaultAWSRegion, the profile's region,
    /// AWS_REGION/AWS_DEFAULT_REGION, then instance metadata.
    /// </remarks>
    public static class AwsConnectionResolver
    {
        public static AwsConnection Resolve(AwsConnectionRequest request)
        {
            ValidateInput(request);
            var endpoint = ResolveEndpoint(request.EndpointUrl);
            var timeout = RequestTimeout.Parse(request.GetEnvironmentVariable(RequestTimeout.EnvironmentVariable));
            var (credentials, credentialSource, profile) = ResolveCredentials(request);
            var (region, regionSource) = ResolveRegion(request, profile);
            var connection = new AwsConnection(credentials, credentialSource, region, regionSource, endpoint, timeout);
            return request.ClientOptions == null ? connection : connection.WithClientOptions(request.ClientOptions);
        }

        /// <summary>
        /// Checks what the user typed (-EndpointUrl, -Region, -AccessKey with -SecretKey) without looking up any credential
        /// or calling anything, so bad input is reported as such even where no credentials can be found.
        /// </summary>
        public static void ValidateInput(AwsConnectionRequest request)
        {
            ResolveEndpoint(request.EndpointUrl);
            if (!string.IsNullOrWhiteSpace(request.Region))
            {
                Validated(request.Region!, "Region");
            }

            if (string.IsNullOrEmpty(request.AccessKey) != string.IsNullOrEmpty(request.SecretKey))
            {
                throw IncompleteAccessKey(request);
            }
        }

        private static Uri? ResolveEndpoint(string? endpointUrl)
        {
            if (string.IsNullOrWhiteSpace(endpointUrl))
            {
                return null;
            }

            if (!Uri.TryCreate(endpointUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new RootGuardException(ErrorIds.InvalidEndpointUrl, FailureKind.InvalidArgument,
                    $"'{endpointUrl}' is not an absolute http or https URL.",
                    "Pass -EndpointUrl as a full URL such as http://127.0.0.1:5000, or leave it out to reach AWS itself.",
                    "EndpointUrl");
            }

            return uri;
        }

        private static RootGuardException IncompleteAccessKey(AwsConnectionRequest request) =>
            new RootGuardException(ErrorIds.IncompleteAccessKey, FailureKind.InvalidArgument,
                "-AccessKey and -SecretKey must be given together.",
                "Pass both -AccessKey and -SecretKey (and -SessionToken for temporary credentials), or use -ProfileName.",
                string.IsNullOrEmpty(request.AccessKey) ? "AccessKey" : "SecretKey");

        private static (AWSCredentials, string, CredentialProfile?) ResolveCredentials(AwsConnectionRequest request)
        {
            var store = ProfileStore(request);

            if (!string.IsNullOrEmpty(request.AccessKey) || !string.IsNullOrEmpty(request.SecretKey))
            {
                if (string.IsNullOrEmpty(request.AccessKey) || string.IsNullOrEmpty(request.SecretKey))
                {
                    throw IncompleteAccessKey(request);
                }

                AWSCredentials literal = string.IsNullOrEmpty(request.SessionToken)
                    ? new BasicAWSCredentials(request.AccessKey, request.SecretKey)
                    : new SessionAWSCredentials(request.AccessKey, request.SecretKey, request.SessionToken);
                return (literal, "AccessKey", null);
            }

            if (request.Credential != null)
            {
                return (ForeignCredentials.From(request.Credential, "Credential"), "Credential", null);
            }

            if (!string.IsNullOrWhiteSpace(request.ProfileName))
            {
                if (!store.TryGetProfile(request.ProfileName, out var named))
                {
                    throw new RootGuardException(ErrorIds.ProfileNotFound, FailureKind.InvalidArgument,
                        $"The credential profile '{request.ProfileName}' was not found"
                        + (string.IsNullOrWhiteSpace(request.ProfileLocation) ? " in the shared credentials and config files." : $" in '{request.ProfileLocation}'."),
                        "Check the name with 'aws configure list-profiles', or pass -ProfileLocation for a credentials file elsewhere.",
                        "ProfileName");
                }

                return (CredentialsOf(named, store), "Profile:" + named.Name, named);
            }

            if (request.SessionCredential != null)
            {
                return (ForeignCredentials.From(request.SessionCredential, "StoredAWSCredentials"), "SessionDefault", null);
            }

            var accessKey = request.GetEnvironmentVariable("AWS_ACCESS_KEY_ID");
            var secretKey = request.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY");
            if (!string.IsNullOrEmpty(accessKey) && !string.IsNullOrEmpty(secretKey))
            {
                var token = request.GetEnvironmentVariable("AWS_SESSION_TOKEN");
                AWSCredentials fromEnvironment = string.IsNullOrEmpty(token)
                    ? new BasicAWSCredentials(accessKey, secretKey)
                    : new SessionAWSCredentials(accessKey, secretKey, token);
                return (fromEnvironment, "Environment", null);
            }

            var environmentProfile = request.GetEnvironmentVariable("AWS_PROFILE");
            if (!string.IsNullOrWhiteSpace(environmentProfile))
            {
                if (!store.TryGetProfile(environmentProfile, out var fromVariable))
                {
                    throw new RootGuardException(ErrorIds.ProfileNotFound, FailureKind.InvalidArgument,
                        $"AWS_PROFILE names the credential profile '{environmentProfile}', which was not found.",
                        "Correct or clear the AWS_PROFILE environment variable, or pass -ProfileName.",
                        "ProfileName");
                }

                return (CredentialsOf(fromVariable, store), "Profile:" + fromVariable.Name, fromVariable);
            }

            if (store.TryGetProfile("default", out var defaultProfile))
            {
                return (CredentialsOf(defaultProfile, store), "Profile:default", defaultProfile);
            }

            if (!string.IsNullOrEmpty(request.GetEnvironmentVariable("AWS_WEB_IDENTITY_TOKEN_FILE"))
                && !string.IsNullOrEmpty(request.GetEnvironmentVariable("AWS_ROLE_ARN")))
            {
                return (AssumeRoleWithWebIdentityCredentials.FromEnvironmentVariables(), "WebIdentity", null);
            }

            if (!string.IsNullOrEmpty(request.GetEnvironmentVariable("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"))
                || !string.IsNullOrEmpty(request.GetEnvironmentVariable("AWS_CONTAINER_CREDENTIALS_FULL_URI")))
            {
                return (new GenericContainerCredentials(), "Container", null);
            }

            if (!string.Equals(request.GetEnvironmentVariable("AWS_EC2_METADATA_DISABLED"), "true", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    // Asked now rather than at the first call, so "no credentials" is one clear error up front.
                    var instance = new InstanceProfileAWSCredentials();
                    instance.GetCredentials();
                    return (instance, "InstanceProfile", null);
                }
                catch (Exception)
                {
                    // Not on EC2, or no role attached: fall through to the error below.
                }
            }

            throw new RootGuardException(ErrorIds.NoCredentials, FailureKind.Authentication,
                "No AWS credentials were found: no -AccessKey/-SecretKey, -Credential or -ProfileName, no session default from Set-AWSCredential, no AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE, no 'default' profile, and no container or instance role.",
                "Pass -ProfileName NAME, run Set-AWSCredential -ProfileName NAME for the session, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run on an instance or container with a role.");
        }

        // The SDK reads AWS_SHARED_CREDENTIALS_FILE once per process; a long PowerShell session (or a runbook
        // that sets it) expects the current value, so it is read here on every call.
        private static CredentialProfileStoreChain ProfileStore(AwsConnectionRequest request)
        {
            var location = !string.IsNullOrWhiteSpace(request.ProfileLocation)
                ? request.ProfileLocation
                : request.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE");
            return new CredentialProfileStoreChain(string.IsNullOrWhiteSpace(location) ? null : location);
        }

        private static AWSCredentials CredentialsOf(CredentialProfile profile, ICredentialProfileSource source)
        {
            try
            {
                return AWSCredentialsFactory.GetAWSCredentials(profile, source);
            }
            catch (Exception e) when (!(e is RootGuardException))
            {
                throw new RootGuardException(ErrorIds.NoCredentials, FailureKind.Authentication,
                    $"The credential profile '{profile.Name}' could not provide credentials: {e.Message}",
                    "Check the profile's settings (keys, role_arn and source_profile, sso_* or credential_process).",
                    "ProfileName", e);
            }
        }

        private static (string, string) ResolveRegion(AwsConnectionRequest request, CredentialProfile? profile)
        {
            if (!string.IsNullOrWhiteSpace(request.Region))
            {
                return (Validated(request.Region!, "Region"), "Parameter");
            }

            if (!string.IsNullOrWhiteSpace(request.SessionRegion))
            {
                return (Validated(request.SessionRegion!, "Region"), "SessionDefault");
            }

            if (profile == null)
            {
                // The profile's region applies even when the credentials came from elsewhere (AWS Tools does the same).
                var store = ProfileStore(request);
                var name = request.GetEnvironmentVariable("AWS_PROFILE");
                store.TryGetProfile(string.IsNullOrWhiteSpace(name) ? "default" : name, out profile);
            }

            if (profile?.Region != null)
            {
                return (Validated(profile.Region.SystemName, "Region"), "Profile:" + profile.Name);
            }

            foreach (var variable in new[] { "AWS_REGION", "AWS_DEFAULT_REGION" })
            {
                var value = request.GetEnvironmentVariable(variable);
                if (!string.IsNullOrWhiteSpace(value))
                {
                    return (Validated(value!, "Region"), "Environment:" + variable);
                }
            }

            if (!string.Equals(request.GetEnvironmentVariable("AWS_EC2_METADATA_DISABLED"), "true", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    var fromMetadata = EC2InstanceMetadata.Region;
                    if (fromMetadata != null)
                    {
                        return (fromMetadata.SystemName, "InstanceMetadata");
                    }
                }
                catch (Exception)
                {
                    // Not on EC2.
                }
            }

            throw new RootGuardException(ErrorIds.NoRegion, FailureKind.InvalidArgument,
                "No AWS region was given or found: no -Region, no session default from Set-DefaultAWSRegion, no region in the profile, and no AWS_REGION or AWS_DEFAULT_REGION.",
                "Pass -Region (for example -Region us-east-1), or run Set-DefaultAWSRegion for the session.",
                "Region");
        }

        private static string Validated(string region, string parameter)
        {
            var trimmed = region.Trim();
            if (!AwsPartitions.IsValidRegionName(trimmed))
            {
                throw new RootGuardException(ErrorIds.InvalidRegion, FailureKind.InvalidArgument,
                    $"'{region}' is not a valid AWS region name.",
                    "Pass a region system name such as us-east-1, eu-west-1 or us-gov-west-1 (tab completion lists them).",
                    parameter);
            }

            return trimmed;
        }
    }
}
