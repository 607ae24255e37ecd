using RootGuard.Core.MonitorDefinitions;
using RootGuard.Testing;

namespace RootGuard.Bench;

/// <summary>The benchmark's account: both monitors in place and every root fact moto cannot give stubbed, so every check reads its whole chain.</summary>
internal static class BenchAccount
{
    public static void Seed(MotoServerFixture moto)
    {
        var seeder = moto.Seeder;
        seeder.CreateTrailWithLogs();
        var usageTopic = seeder.CreateTopicWithSubscriptions("RootGuard-RootUsage", ("email", "security@example.com"));
        seeder.PutMetricFilter("rootguard-cloudtrail", "RootAccountUsage", RootMonitorDefinitions.CisRootUsageFilterPattern,
            "RootAccountUsageCount", "CloudTrailMetrics");
        seeder.PutAlarm("RootGuard-RootAccountUsage", "RootAccountUsageCount", "CloudTrailMetrics", usageTopic);
        var signInTopic = seeder.CreateTopicWithSubscriptions("RootGuard-RootSignIn", ("email", "security@example.com"));
        seeder.RunBoto3("""
client("sns").set_topic_attributes(TopicArn=ARGS["topic"], AttributeName="Policy", AttributeValue=json.dumps({"Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"}, "Action": "sns:Publish", "Resource": ARGS["topic"]}]}))
""", new { topic = signInTopic });
        seeder.PutRuleWithTarget("RootGuard-RootSignIn", RootMonitorDefinitions.BuildSignInEventPattern(), signInTopic);
    }

    public static void StubRootFacts(RecordingHandler handler)
    {
        handler.Stub("iam", "GetAccountSummary", RootFactStubs.AccountSummary());
        handler.Stub("iam", "GetCredentialReport", RootFactStubs.CredentialReport(new CredentialReportRootRow { PasswordLastUsed = DateTimeOffset.UtcNow.AddDays(-200) }));
        handler.Stub("iam", "GenerateCredentialReport", RootFactStubs.GenerateCredentialReport());
        handler.Stub("organizations", "DescribeOrganization", RootFactStubs.Organization(managementAccountId: MotoServerFixture.AccountId));
        handler.Stub("iam", "ListOrganizationsFeatures", RootFactStubs.OrganizationsFeatures("o-exampleorg1", "RootCredentialsManagement", "RootSessions"));
        handler.Stub("account", "GetAlternateContact", RootFactStubs.AlternateContact());
    }
}
