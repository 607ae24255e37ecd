using System.Linq;
using RootGuard.PowerShell.Tests.Harness;
using Xunit;

namespace RootGuard.PowerShell.Tests.Removal
{
    [Collection(ModuleBackendCollection.Name)]
    public sealed class GetRootMonitoringTests
    {
        private readonly ModuleBackend backend;

        public GetRootMonitoringTests(ModuleBackend backend)
        {
            this.backend = backend;
            backend.Reset();
        }

        [Fact]
        public void Lists_exactly_what_RootGuard_made_and_makes_no_mutating_call()
        {
            backend.Seeder.RunBoto3(RemoveRootMonitoringTests.SeedAccount);
            backend.Handler.Clear();
            using var session = backend.NewSession();
            var listed = session.Run("Get-RootMonitoring -Resource @aws").ThrowIfErrors().Output
                .Select(o => $"{o.Properties["Component"].Value}|{o.Properties["ResourceType"].Value}|{o.Properties["Name"].Value}")
                .OrderBy(s => s, System.StringComparer.Ordinal).ToArray();

            Assert.Equal(new[]
            {
                "SignInAlert|EventBridge rule|RootGuard-RootSignIn",
                "SignInAlert|SNS topic|RootGuard-RootSignIn",
                "SignInAlert|Topic policy statement|RootGuardSignInAlertRootGuardRootSignIn",
                "UsageAlarm|CloudWatch Logs metric filter|RootAccountUsage",
                "UsageAlarm|CloudWatch alarm|RootGuard-RootAccountUsage",
                "UsageAlarm|SNS topic|RootGuard-RootAccountUsage",
            }, listed);
            Assert.Empty(backend.Handler.MutatingCalls);
        }

        [Fact]
        public void Component_narrows_the_list()
        {
            backend.Seeder.RunBoto3(RemoveRootMonitoringTests.SeedAccount);
            using var session = backend.NewSession();
            var components = session.Run("Get-RootMonitoring @aws -Component SignInAlert").ThrowIfErrors().Output
                .Select(o => o.Properties["Component"].Value.ToString()).Distinct().ToArray();
            Assert.Equal(new[] { "SignInAlert" }, components);
        }
    }
}
