using System.Globalization;
using System.Net;
using System.Text;

namespace RootGuard.Testing;

/// <summary>The root user of one account as the fake holds it: what IAM would list in a root session.</summary>
public sealed class FakeRootUser
{
    public bool Password { get; set; }
    public List<string> AccessKeyIds { get; } = [];
    public List<string> SigningCertificateIds { get; } = [];

    /// <summary>MFA serial numbers: an ARN with <c>:mfa/</c> for a virtual device, anything else for hardware.</summary>
    public List<string> MfaDevices { get; } = [];

    /// <summary>Virtual devices that exist in the account (assigned or not); deleting one removes it from here.</summary>
    public List<string> VirtualMfaDevices { get; } = [];
}

/// <summary>
/// Centralized root access as AWS documents it, for what moto 5.2.1 lacks: STS AssumeRoot, IAM's organization root
/// features (ListOrganizationsFeatures, EnableOrganizationsRootCredentialsManagement, EnableOrganizationsRootSessions)
/// and trusted access for IAM in Organizations (moto refuses iam.amazonaws.com) and the root user's own credentials (GetAccountSummary, ListVirtualMFADevices and, inside a root session, the
/// login profile, access keys, signing certificates and MFA devices with their deletions). Shapes follow botocore's
/// models. Each request is attributed to an account by its access key id: a root session this fake issued, a role
/// moto issued through AssumeRole (read from the handler's recorded calls), or else the moto default account, which is
/// the organization's management account. DescribeOrganization stays moto's.
/// </summary>
public sealed class CentralRootAccessFake
{
    public const string DeleteRootUserCredentialsPolicy = "arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials";

    /// <summary>What the IAMDeleteRootUserCredentials task policy allows in the session (AWS managed policy, version 1).</summary>
    public static readonly IReadOnlySet<string> TaskPolicyActions = new HashSet<string>(StringComparer.Ordinal)
    {
        "GetLoginProfile", "DeleteLoginProfile", "ListAccessKeys", "DeleteAccessKey", "ListSigningCertificates", "DeleteSigningCertificate",
        "ListMFADevices", "DeactivateMFADevice", "DeleteVirtualMFADevice", "GetUser", "GetAccessKeyLastUsed",
    };

    private readonly object _gate = new();
    private readonly RecordingHandler _handler;
    private readonly Dictionary<string, FakeRootUser> _roots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Account, string TaskPolicyArn)> _sessions = new(StringComparer.Ordinal);
    private int _issued;

    public CentralRootAccessFake(RecordingHandler handler, string managementAccountId = MotoServerFixture.AccountId)
    {
        _handler = handler;
        ManagementAccountId = managementAccountId;
        handler.Stub("sts", "AssumeRoot", AssumeRoot);
        handler.Stub("iam", "ListOrganizationsFeatures", call => Features(call, null));
        handler.Stub("iam", "EnableOrganizationsRootCredentialsManagement", call => Features(call, "RootCredentialsManagement"));
        handler.Stub("iam", "EnableOrganizationsRootSessions", call => Features(call, "RootSessions"));
        handler.Stub("organizations", "EnableAWSServiceAccess", EnableServiceAccess);
        handler.Stub("organizations", "ListAWSServiceAccessForOrganization", ListServiceAccess);
        handler.Stub("iam", "GetAccountSummary", AccountSummary);
        handler.Stub("iam", "ListVirtualMFADevices", ListVirtualMfaDevices);
        foreach (var operation in TaskPolicyActions) handler.Stub("iam", operation, call => InRootSession(call, operation));
    }

    public string ManagementAccountId { get; }

    /// <summary>How long issued root sessions live; null: the DurationSeconds asked for.</summary>
    public TimeSpan? SessionLifetime { get; set; }

    /// <summary>The organization's id in the features' answers.</summary>
    public string OrganizationId { get; set; } = "o-exampleorg1";

    /// <summary>RootCredentialsManagement and RootSessions, as enabled.</summary>
    public HashSet<string> EnabledFeatures { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether trusted access for IAM is on in Organizations; off, IAM answers ServiceAccessNotEnabledException.
    /// Organizations EnableAWSServiceAccess for iam.amazonaws.com turns it on (moto 5.2.1 refuses that principal).
    /// </summary>
    public bool IamTrustedAccess { get; set; } = true;

    /// <summary>Turns on both features and trusted access: centralized root access as RG.ROOT.8 passes it.</summary>
    public CentralRootAccessFake WithCentralRootAccess()
    {
        IamTrustedAccess = true;
        EnabledFeatures.Add("RootCredentialsManagement");
        EnabledFeatures.Add("RootSessions");
        return this;
    }

    /// <summary>The root user of an account (created empty on first use: no credentials).</summary>
    public FakeRootUser Root(string accountId)
    {
        lock (_gate)
        {
            if (!_roots.TryGetValue(accountId, out var root)) _roots[accountId] = root = new FakeRootUser();
            return root;
        }
    }

    /// <summary>A root user with a password, an access key and a virtual MFA device, as in the scenario.</summary>
    public FakeRootUser SeedRootWithPasswordKeyAndVirtualMfa(string accountId)
    {
        var root = Root(accountId);
        lock (_gate)
        {
            root.Password = true;
            root.AccessKeyIds.Add("AKIA" + accountId + "ROOT");
            var serial = $"arn:aws:iam::{accountId}:mfa/root-account-mfa-device";
            root.MfaDevices.Add(serial);
            root.VirtualMfaDevices.Add(serial);
        }

        return root;
    }

    /// <summary>The account a call was made as, from its access key id.</summary>
    public string AccountOf(RecordedCall call)
    {
        var key = AccessKeyOf(call);
        lock (_gate)
        {
            if (key != null && _sessions.TryGetValue(key, out var session)) return session.Account;
        }

        if (key != null)
        {
            // A role moto issued: the AssumeRole answer holds the key, its request the role's account.
            foreach (var assumed in _handler.CallsTo("sts", "AssumeRole"))
            {
                if (assumed.ResponseBody?.Contains(key, StringComparison.Ordinal) == true
                    && assumed.FormParameters.TryGetValue("RoleArn", out var roleArn))
                    return roleArn.Split(':')[4];
            }
        }

        return ManagementAccountId;
    }

    /// <summary>True when the call was made with credentials of a root session this fake issued.</summary>
    public bool IsRootSession(RecordedCall call)
    {
        var key = AccessKeyOf(call);
        lock (_gate) return key != null && _sessions.ContainsKey(key);
    }

    private StubResponse AssumeRoot(RecordedCall call)
    {
        var form = call.FormParameters;
        var target = form.GetValueOrDefault("TargetPrincipal") ?? "";
        var policy = form.GetValueOrDefault("TaskPolicyArn.arn") ?? "";
        if (AccountOf(call) != ManagementAccountId)
            return StubResponse.Error("AccessDenied", HttpStatusCode.Forbidden, "Only the management account or a delegated administrator can call AssumeRoot.");
        if (int.TryParse(form.GetValueOrDefault("DurationSeconds"), out var duration) && duration > 900)
            return StubResponse.Error("ValidationError", HttpStatusCode.BadRequest, "DurationSeconds must be at most 900.");
        if (target == ManagementAccountId || target.Length != 12)
            return StubResponse.Error("ValidationError", HttpStatusCode.BadRequest, "TargetPrincipal must be a member account of the organization.");
        lock (_gate)
        {
            if (!EnabledFeatures.Contains("RootSessions"))
                return StubResponse.Error("AccessDenied", HttpStatusCode.Forbidden, "Centralized root access (RootSessions) is not enabled.");
            var key = "ASIAROOT" + (++_issued).ToString("D4", CultureInfo.InvariantCulture) + target;
            _sessions[key] = (target, policy);
            var expiration = DateTimeOffset.UtcNow.Add(SessionLifetime ?? TimeSpan.FromSeconds(duration > 0 ? duration : 900)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            return StubResponse.QueryResult("sts", "AssumeRoot",
                $"<Credentials><AccessKeyId>{key}</AccessKeyId><SecretAccessKey>root-secret</SecretAccessKey><SessionToken>root-token-{key}</SessionToken>" +
                $"<Expiration>{expiration}</Expiration></Credentials><SourceIdentity>RootGuard</SourceIdentity>");
        }
    }

    private StubResponse EnableServiceAccess(RecordedCall call)
    {
        if (AccountOf(call) != ManagementAccountId)
            return StubResponse.Error("AccessDeniedException", HttpStatusCode.BadRequest, "Only the management account can enable trusted access.");
        if (!call.RequestBody.Contains("\"iam.amazonaws.com\"", StringComparison.Ordinal))
            return StubResponse.Error("InvalidInputException", HttpStatusCode.BadRequest, "The fake knows only iam.amazonaws.com.");
        lock (_gate) IamTrustedAccess = true;
        return StubResponse.Json("{}");
    }

    private StubResponse ListServiceAccess(RecordedCall call)
    {
        lock (_gate)
        {
            return StubResponse.Json(IamTrustedAccess
                ? "{\"EnabledServicePrincipals\":[{\"ServicePrincipal\":\"iam.amazonaws.com\",\"DateEnabled\":1731628800}]}"
                : "{\"EnabledServicePrincipals\":[]}");
        }
    }

    private StubResponse Features(RecordedCall call, string? enable)
    {
        if (AccountOf(call) != ManagementAccountId)
            return StubResponse.Error("AccountNotManagementOrDelegatedAdministratorException", HttpStatusCode.BadRequest,
                "The account is not the management account or a delegated administrator.");
        lock (_gate)
        {
            if (!IamTrustedAccess)
                return StubResponse.Error("ServiceAccessNotEnabledException", HttpStatusCode.BadRequest, "Trusted access for IAM is not enabled.");
            if (enable != null) EnabledFeatures.Add(enable);
            var members = string.Concat(EnabledFeatures.OrderBy(f => f, StringComparer.Ordinal).Select(f => $"<member>{f}</member>"));
            return StubResponse.QueryResult("iam", call.Operation, $"<OrganizationId>{OrganizationId}</OrganizationId><EnabledFeatures>{members}</EnabledFeatures>");
        }
    }

    private StubResponse AccountSummary(RecordedCall call)
    {
        var root = Root(AccountOf(call));
        lock (_gate)
        {
            return RootFactStubs.AccountSummary(mfaEnabled: root.MfaDevices.Count > 0, accessKeysPresent: root.AccessKeyIds.Count > 0,
                passwordPresent: root.Password, signingCertificatesPresent: root.SigningCertificateIds.Count > 0);
        }
    }

    private StubResponse ListVirtualMfaDevices(RecordedCall call)
    {
        var account = AccountOf(call);
        var root = Root(account);
        var xml = new StringBuilder("<VirtualMFADevices>");
        lock (_gate)
        {
            foreach (var serial in root.VirtualMfaDevices)
            {
                xml.Append("<member><SerialNumber>").Append(AwsWire.Esc(serial)).Append("</SerialNumber>");
                if (root.MfaDevices.Contains(serial))
                    xml.Append($"<User><Path>/</Path><UserName>root</UserName><UserId>AIDAROOT{account}</UserId><Arn>arn:aws:iam::{account}:root</Arn>" +
                               $"<CreateDate>{Iso}</CreateDate></User><EnableDate>{Iso}</EnableDate>");
                xml.Append("</member>");
            }
        }

        xml.Append("</VirtualMFADevices><IsTruncated>false</IsTruncated>");
        return StubResponse.QueryResult("iam", "ListVirtualMFADevices", xml.ToString());
    }

    // The root user's credentials are reachable only in a root session, and only as far as its task policy allows.
    private StubResponse InRootSession(RecordedCall call, string operation)
    {
        var key = AccessKeyOf(call);
        (string Account, string TaskPolicyArn) session;
        lock (_gate)
        {
            if (key == null || !_sessions.TryGetValue(key, out session))
                return StubResponse.Error("AccessDenied", HttpStatusCode.Forbidden,
                    $"The fake answers iam:{operation} only in a root session (sts:AssumeRoot).");
        }

        if (session.TaskPolicyArn != DeleteRootUserCredentialsPolicy || !TaskPolicyActions.Contains(operation))
            return StubResponse.Error("AccessDenied", HttpStatusCode.Forbidden, $"The task policy {session.TaskPolicyArn} does not allow iam:{operation}.");

        var root = Root(session.Account);
        var form = call.FormParameters;
        lock (_gate)
        {
            switch (operation)
            {
                case "GetLoginProfile":
                    return root.Password
                        ? StubResponse.QueryResult("iam", operation, $"<LoginProfile><UserName>root</UserName><CreateDate>{Iso}</CreateDate><PasswordResetRequired>false</PasswordResetRequired></LoginProfile>")
                        : NoSuchEntity("The root user has no login profile.");
                case "DeleteLoginProfile":
                    if (!root.Password) return NoSuchEntity("The root user has no login profile.");
                    root.Password = false;
                    return Empty(operation);
                case "ListAccessKeys":
                    return StubResponse.QueryResult("iam", operation, "<AccessKeyMetadata>" + string.Concat(root.AccessKeyIds.Select(k =>
                        $"<member><AccessKeyId>{k}</AccessKeyId><Status>Active</Status><CreateDate>{Iso}</CreateDate></member>")) + "</AccessKeyMetadata><IsTruncated>false</IsTruncated>");
                case "DeleteAccessKey":
                    return root.AccessKeyIds.Remove(form.GetValueOrDefault("AccessKeyId") ?? "") ? Empty(operation) : NoSuchEntity("No such access key.");
                case "ListSigningCertificates":
                    return StubResponse.QueryResult("iam", operation, "<Certificates>" + string.Concat(root.SigningCertificateIds.Select(c =>
                        $"<member><UserName>root</UserName><CertificateId>{c}</CertificateId><CertificateBody>-----BEGIN CERTIFICATE-----</CertificateBody><Status>Active</Status><UploadDate>{Iso}</UploadDate></member>"))
                        + "</Certificates><IsTruncated>false</IsTruncated>");
                case "DeleteSigningCertificate":
                    return root.SigningCertificateIds.Remove(form.GetValueOrDefault("CertificateId") ?? "") ? Empty(operation) : NoSuchEntity("No such certificate.");
                case "ListMFADevices":
                    return StubResponse.QueryResult("iam", operation, "<MFADevices>" + string.Concat(root.MfaDevices.Select(d =>
                        $"<member><UserName>root</UserName><SerialNumber>{AwsWire.Esc(d)}</SerialNumber><EnableDate>{Iso}</EnableDate></member>")) + "</MFADevices><IsTruncated>false</IsTruncated>");
                case "DeactivateMFADevice":
                    return root.MfaDevices.Remove(form.GetValueOrDefault("SerialNumber") ?? "") ? Empty(operation) : NoSuchEntity("No such MFA device.");
                case "DeleteVirtualMFADevice":
                    var serial = form.GetValueOrDefault("SerialNumber") ?? "";
                    if (root.MfaDevices.Contains(serial))
                        return StubResponse.Error("DeleteConflict", HttpStatusCode.Conflict, "The MFA device is still in use: deactivate it first.");
                    return root.VirtualMfaDevices.Remove(serial) ? Empty(operation) : NoSuchEntity("No such virtual MFA device.");
                default:
                    return StubResponse.Error("AccessDenied", HttpStatusCode.Forbidden, $"The fake does not answer iam:{operation}.");
            }
        }
    }

    private static string Iso => "2024-11-15T00:00:00Z";

    private static StubResponse Empty(string operation)
    {
        string ns = AwsWire.QueryNamespaceFor("iam")!;
        return StubResponse.Xml($"<{operation}Response xmlns=\"{ns}\"><ResponseMetadata><RequestId>{Guid.NewGuid()}</RequestId></ResponseMetadata></{operation}Response>");
    }

    private static StubResponse NoSuchEntity(string message) => StubResponse.Error("NoSuchEntity", HttpStatusCode.NotFound, message);

    private static string? AccessKeyOf(RecordedCall call)
    {
        var authorization = call.Authorization;
        if (authorization == null) return null;
        int i = authorization.IndexOf("Credential=", StringComparison.Ordinal);
        if (i < 0) return null;
        int start = i + "Credential=".Length;
        int slash = authorization.IndexOf('/', start);
        return slash < 0 ? null : authorization[start..slash];
    }
}
