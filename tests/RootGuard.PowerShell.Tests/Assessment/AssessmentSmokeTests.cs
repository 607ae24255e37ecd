using System.Linq;
using RootGuard.PowerShell.Tests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace RootGuard.PowerShell.Tests.Assessment
{
    [Collection(ModuleBackendCollection.Name)]
    public sealed class AssessmentSmokeTests
    {
        private readonly ModuleBackend backend;
        private readonly ITestOutputHelper log;

        public AssessmentSmokeTests(ModuleBackend backend, ITestOutputHelper log)
        {
            this.backend = backend;
            this.log = log;
            backend.Reset();
        }

        [Fact]
        public void Smoke()
        {
            AssessmentScenario.Seed(backend);
            using var session = backend.NewSession();
            var result = session.Run("Test-RootAccountSecurity @aws");
            log.WriteLine(result.Describe());
            foreach (var f in result.Output) log.WriteLine($"{f.Properties["CheckId"].Value} {f.Properties["Status"].Value}: {f.Properties["Reason"].Value}");
            foreach (var c in backend.Handler.Calls) log.WriteLine(c.ToString());
        }
    }
}
