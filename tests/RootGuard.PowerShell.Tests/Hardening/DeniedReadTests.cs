using System.Management.Automation;
using System.Net;
using RootGuard.PowerShell.Tests.Harness;
using Xunit;

namespace RootGuard.PowerShell.Tests.Hardening
{
    /// <summary>A denied read names the IAM action it needed, as a denied change does.</summary>
    [Collection(ModuleBackendCollection.Name)]
    public sealed class DeniedReadTests
    {
        private readonly ModuleBackend backend;

        public DeniedReadTests(ModuleBackend backend)
        {
            this.backend = backend;
            backend.Reset();
        }

        public static TheoryData<string, string, string, string, string> DeniedReads => new()
        {
            // command, service, operation, AWS error code, the IAM action the error must name
            { "New-RootUsageAlarm @aws -EmailAddress security@example.com -Confirm:$false", "logs", "DescribeMetricFilters", "AccessDeniedException", "logs:DescribeMetricFilters" },
            { "New-RootUsageAlarm @aws -EmailAddress security@example.com -Confirm:$false", "logs", "DescribeLogGroups", "AccessDeniedException", "logs:DescribeLogGroups" },
            { "New-RootUsageAlarm @aws -EmailAddress security@example.com -Confirm:$false", "monitoring", "DescribeAlarms", "AccessDenied", "cloudwatch:DescribeAlarms" },
            { "Get-RootMonitoring @aws", "sns", "ListTopics", "AuthorizationError", "sns:ListTopics" },
            { "Get-RootMonitoring @aws", "events", "ListRules", "AccessDeniedException", "events:ListRules" },
            { "Get-RootMonitoring @aws", "monitoring", "ListTagsForResource", "AccessDenied", "cloudwatch:ListTagsForResource" },
            { "Get-RootMonitoring @aws", "sns", "ListTagsForResource", "AuthorizationError", "sns:ListTagsForResource" },
            { "Remove-RootMonitoring @aws -Force", "events", "ListTargetsByRule", "AccessDeniedException", "events:ListTargetsByRule" },
            { "Remove-RootMonitoring @aws -Force", "sns", "GetTopicAttributes", "AuthorizationError", "sns:GetTopicAttributes" },
        };

        [Theory]
        [MemberData(nameof(DeniedReads))]
        public void A_denied_read_names_the_missing_permission(string command, string service, string operation, string code, string action)
        {
            backend.Seeder.CreateTrailWithLogs();
            backend.Seeder.RunBoto3(RootGuard.PowerShell.Tests.Removal.RemoveRootMonitoringTests.SeedAccount);
            backend.Handler.On(service, operation).Fail(code, service == "sns" ? HttpStatusCode.Forbidden : HttpStatusCode.BadRequest, "User is not authorized");
            using var session = backend.NewSession();

            var error = session.Run(command).SingleError();

            Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
            Assert.Contains(action, error.ErrorDetails.RecommendedAction);
            Assert.DoesNotContain("monitoring:", error.ErrorDetails.RecommendedAction);
            Assert.Empty(backend.Handler.MutatingCalls);
        }
    }
}
