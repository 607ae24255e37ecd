using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace RootGuard.Testing;

/// <summary>The root user's row of a credential report. Null dates are written as AWS writes them:
/// <c>no_information</c> for a password never used, <c>N/A</c> for keys.</summary>
public sealed record CredentialReportRootRow
{
    public DateTimeOffset CreationTime { get; init; } = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public DateTimeOffset? PasswordLastUsed { get; init; }
    public bool MfaActive { get; init; } = true;
    public bool AccessKey1Active { get; init; }
    public DateTimeOffset? AccessKey1LastUsedDate { get; init; }
    public bool AccessKey2Active { get; init; }
    public DateTimeOffset? AccessKey2LastUsedDate { get; init; }
}

/// <summary>One subscription of a stubbed ListSubscriptionsByTopic.</summary>
public sealed record StubSubscription(string Protocol, string Endpoint, bool Confirmed)
{
    public static StubSubscription ConfirmedEmail(string email) => new("email", email, true);
    public static StubSubscription PendingEmail(string email) => new("email", email, false);
}

/// <summary>Ready-made answers, in AWS's wire shapes, for the facts moto cannot give: the root user's
/// credentials, organization features, pending subscriptions. Use with
/// <c>handler.Stub("iam", "GetAccountSummary", RootFactStubs.AccountSummary(mfaEnabled: false))</c>.</summary>
public static class RootFactStubs
{
    private const string AccountId = MotoServerFixture.AccountId;

    /// <summary>IAM GetAccountSummary. Each root fact is 1/0; null leaves the key out of the map.</summary>
    public static StubResponse AccountSummary(bool? mfaEnabled = true, bool? accessKeysPresent = false,
        bool? passwordPresent = true, bool? signingCertificatesPresent = false)
    {
        var entries = new List<(string, int)>
        {
            ("Users", 0), ("UsersQuota", 5000), ("Groups", 0), ("GroupsQuota", 300), ("MFADevices", 0), ("MFADevicesInUse", 0),
            ("Policies", 0), ("PoliciesQuota", 1500), ("Roles", 1), ("RolesQuota", 1000), ("AccessKeysPerUserQuota", 2),
        };
        void Add(string key, bool? value)
        {
            if (value is { } v) entries.Add((key, v ? 1 : 0));
        }
        Add("AccountMFAEnabled", mfaEnabled);
        Add("AccountAccessKeysPresent", accessKeysPresent);
        Add("AccountPasswordPresent", passwordPresent);
        Add("AccountSigningCertificatesPresent", signingCertificatesPresent);
        var xml = new StringBuilder("<SummaryMap>");
        foreach (var (key, value) in entries) xml.Append($"<entry><key>{key}</key><value>{value}</value></entry>");
        xml.Append("</SummaryMap>");
        return StubResponse.QueryResult("iam", "GetAccountSummary", xml.ToString());
    }

    /// <summary>IAM GenerateCredentialReport; COMPLETE by default.</summary>
    public static StubResponse GenerateCredentialReport(string state = "COMPLETE") =>
        StubResponse.QueryResult("iam", "GenerateCredentialReport", $"<State>{state}</State>");

    /// <summary>IAM GetCredentialReport: a CSV (base64 in the XML) with the root row (none when null)
    /// and the given IAM users (no password, no keys).</summary>
    public static StubResponse CredentialReport(CredentialReportRootRow? root, params string[] userNames) =>
        StubResponse.QueryResult("iam", "GetCredentialReport",
            $"<Content>{Convert.ToBase64String(Encoding.UTF8.GetBytes(CredentialReportCsv(root, userNames)))}</Content>" +
            "<ReportFormat>text/csv</ReportFormat><GeneratedTime>" + DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + "</GeneratedTime>");

    /// <summary>The CSV text of <see cref="CredentialReport"/>, in the report's real column order.</summary>
    public static string CredentialReportCsv(CredentialReportRootRow? root, params string[] userNames)
    {
        var csv = new StringBuilder(
            "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation," +
            "mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region," +
            "access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date," +
            "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n");
        if (root is not null)
        {
            csv.Append(string.Join(',',
                "<root_account>", $"arn:aws:iam::{AccountId}:root", Iso(root.CreationTime), "not_supported",
                root.PasswordLastUsed is { } p ? Iso(p) : "no_information", "not_supported", "not_supported",
                Bool(root.MfaActive),
                Bool(root.AccessKey1Active), root.AccessKey1Active ? Iso(root.CreationTime) : "N/A", OrNa(root.AccessKey1LastUsedDate),
                root.AccessKey1LastUsedDate is null ? "N/A" : "us-east-1", root.AccessKey1LastUsedDate is null ? "N/A" : "iam",
                Bool(root.AccessKey2Active), root.AccessKey2Active ? Iso(root.CreationTime) : "N/A", OrNa(root.AccessKey2LastUsedDate),
                root.AccessKey2LastUsedDate is null ? "N/A" : "us-east-1", root.AccessKey2LastUsedDate is null ? "N/A" : "iam",
                "false", "N/A", "false", "N/A")).Append('\n');
        }
        foreach (var user in userNames)
        {
            csv.Append($"{user},arn:aws:iam::{AccountId}:user/{user},{Iso(new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero))}," +
                       "false,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n");
        }
        return csv.ToString();

        static string Bool(bool b) => b ? "true" : "false";
        static string OrNa(DateTimeOffset? d) => d is { } v ? Iso(v) : "N/A";
    }

    /// <summary>IAM ListOrganizationsFeatures with the given enabled features
    /// (RootCredentialsManagement, RootSessions).</summary>
    public static StubResponse OrganizationsFeatures(string organizationId, params string[] enabledFeatures)
    {
        var members = string.Concat(enabledFeatures.Select(f => $"<member>{f}</member>"));
        return StubResponse.QueryResult("iam", "ListOrganizationsFeatures",
            $"<OrganizationId>{organizationId}</OrganizationId><EnabledFeatures>{members}</EnabledFeatures>");
    }

    /// <summary>IAM ListOrganizationsFeatures failing: <c>OrganizationNotFoundException</c>,
    /// <c>AccountNotManagementOrDelegatedAdministratorException</c>, <c>ServiceAccessNotEnabledException</c>,
    /// <c>OrganizationNotInAllFeaturesModeException</c>, or <c>AccessDenied</c> (403).</summary>
    public static StubResponse OrganizationsFeaturesError(string code = "OrganizationNotFoundException") =>
        StubResponse.Error(code, code == "AccessDenied" ? HttpStatusCode.Forbidden : HttpStatusCode.BadRequest,
            code == "AccessDenied" ? "User is not authorized to perform: iam:ListOrganizationsFeatures" : "Injected " + code);

    /// <summary>SNS ListSubscriptionsByTopic: confirmed ones carry an ARN, the others <c>PendingConfirmation</c>.</summary>
    public static StubResponse SubscriptionsByTopic(string topicArn, params StubSubscription[] subscriptions)
    {
        var members = new StringBuilder();
        foreach (var s in subscriptions)
        {
            string arn = s.Confirmed ? $"{topicArn}:{Guid.NewGuid()}" : "PendingConfirmation";
            members.Append($"<member><SubscriptionArn>{arn}</SubscriptionArn><Owner>{AccountId}</Owner>" +
                           $"<Protocol>{AwsWire.Esc(s.Protocol)}</Protocol><Endpoint>{AwsWire.Esc(s.Endpoint)}</Endpoint>" +
                           $"<TopicArn>{topicArn}</TopicArn></member>");
        }
        return StubResponse.QueryResult("sns", "ListSubscriptionsByTopic", $"<Subscriptions>{members}</Subscriptions>");
    }

    /// <summary>Account GetAlternateContact, found.</summary>
    public static StubResponse AlternateContact(string type = "SECURITY", string name = "Security Team",
        string title = "Security", string emailAddress = "security@example.com", string phoneNumber = "+1 555 0100") =>
        StubResponse.Json(JsonSerializer.Serialize(new
        {
            AlternateContact = new { Name = name, Title = title, EmailAddress = emailAddress, PhoneNumber = phoneNumber, AlternateContactType = type },
        }), contentType: "application/json");

    /// <summary>Account GetAlternateContact when none is set: ResourceNotFoundException, 404 as AWS sends it.</summary>
    public static StubResponse AlternateContactNotFound() =>
        StubResponse.Error("ResourceNotFoundException", HttpStatusCode.NotFound, "No contact of the inputted alternate contact type found.");

    /// <summary>Organizations DescribeOrganization: a member of organization <paramref name="organizationId"/>.</summary>
    public static StubResponse Organization(string organizationId = "o-exampleorg1", string managementAccountId = "111111111111",
        string featureSet = "ALL") =>
        StubResponse.Json(JsonSerializer.Serialize(new
        {
            Organization = new
            {
                Id = organizationId,
                Arn = $"arn:aws:organizations::{managementAccountId}:organization/{organizationId}",
                FeatureSet = featureSet,
                MasterAccountArn = $"arn:aws:organizations::{managementAccountId}:account/{organizationId}/{managementAccountId}",
                MasterAccountId = managementAccountId,
                MasterAccountEmail = "management@example.com",
                AvailablePolicyTypes = new[] { new { Type = "SERVICE_CONTROL_POLICY", Status = "ENABLED" } },
            },
        }));

    /// <summary>Organizations DescribeOrganization for an account in no organization.</summary>
    public static StubResponse NotInOrganization() =>
        StubResponse.Error("AWSOrganizationsNotInUseException", HttpStatusCode.BadRequest, "Your account is not a member of an organization.");

    private static string Iso(DateTimeOffset d) => d.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);
}
