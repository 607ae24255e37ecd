using System;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Net;
using RootGuard.PowerShell.Tests.Harness;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.PowerShell.Tests.Hardening
{
    /// <summary>
    /// Every cmdlet behind an endpoint that is not AWS: a captive portal answering every request with its sign-in page.
    /// One clear error naming the endpoint and what came back; never a finding, never an empty list read from a web page.
    /// </summary>
    [Collection(ModuleBackendCollection.Name)]
    public sealed class HostileEndpointTests
    {
        internal const string PortalPage = "<!DOCTYPE html>\n<html><head><title>Sign in to Airport Wi-Fi</title></head><body><form action=\"/login\"></form></body></html>";

        private readonly ModuleBackend backend;

        public HostileEndpointTests(ModuleBackend backend)
        {
            this.backend = backend;
            backend.Reset();
        }

        public static TheoryData<string> Commands => new()
        {
            "New-RootSignInAlert @aws -EmailAddress security@example.com -Confirm:$false",
            "New-RootUsageAlarm @aws -EmailAddress security@example.com -Confirm:$false",
            "Test-RootAccountSecurity @aws",
            "Test-RootAccountSecurity @aws -Quiet",
            "Get-RootMonitoring @aws",
            "Remove-RootMonitoring @aws -Force",
            "Repair-RootAccountSecurity @aws -Confirm:$false",
        };

        [Theory]
        [MemberData(nameof(Commands))]
        public void A_captive_portal_page_is_one_InvalidResponse_error_naming_the_endpoint_and_nothing_else(string command)
        {
            backend.Handler.Stub("*", "*", StubResponse.Json(PortalPage, HttpStatusCode.OK, "text/html; charset=utf-8"));
            using var session = backend.NewSession();
            var watch = Stopwatch.StartNew();

            var result = session.Run(command);

            var error = result.SingleError();
            Assert.Equal("RootGuard.InvalidResponse", ScriptResult.ErrorIdOf(error));
            Assert.Equal(ErrorCategory.ProtocolError, error.CategoryInfo.Category);
            Assert.Contains(backend.Moto.Endpoint.GetLeftPart(UriPartial.Authority), error.ErrorDetails.Message);
            Assert.Contains("HTTP 200 text/html", error.ErrorDetails.Message);
            if (!error.ErrorDetails.Message.StartsWith("STS ", StringComparison.Ordinal))
            {
                // The official STS client reads the body away before RootGuard sees it; RootGuard's own clients quote it.
                Assert.Contains("<title>Sign in to Airport Wi-Fi</title>", error.ErrorDetails.Message);
            }
            Assert.Contains("-EndpointUrl", error.ErrorDetails.RecommendedAction);
            Assert.IsNotType<ArgumentNullException>(error.Exception);
            Assert.Empty(result.Output);
            Assert.Empty(backend.Handler.MutatingCalls);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"Took {watch.Elapsed}.");
        }

        [Fact]
        public void A_proxy_that_forbids_is_not_reported_as_AWS_denying_a_permission()
        {
            backend.Handler.Stub("*", "*", StubResponse.Json(PortalPage, HttpStatusCode.Forbidden, "text/html"));
            using var session = backend.NewSession();

            var error = session.Run("Get-RootMonitoring @aws").SingleError();

            Assert.Equal("RootGuard.InvalidResponse", ScriptResult.ErrorIdOf(error));
            Assert.Contains("HTTP 403", error.ErrorDetails.Message);
            Assert.DoesNotContain("Grant", error.ErrorDetails.RecommendedAction);
        }
    }

    /// <summary>
    /// Every cmdlet behind an endpoint that accepts connections and never answers, with a short timeout set through
    /// ROOTGUARD_REQUEST_TIMEOUT: one RequestTimeout error once the SDK's attempts are spent, not minutes later.
    /// </summary>
    [Collection(ProcessEnvironmentCollection.Name)]
    public sealed class SilentEndpointTests
    {
        public static TheoryData<string> Commands => new()
        {
            "New-RootSignInAlert @aws -EmailAddress security@example.com -Confirm:$false",
            "New-RootUsageAlarm @aws -EmailAddress security@example.com -Confirm:$false",
            "Test-RootAccountSecurity @aws",
            "Get-RootMonitoring @aws",
            "Remove-RootMonitoring @aws -Force",
            "Repair-RootAccountSecurity @aws -Confirm:$false",
        };

        [Theory]
        [MemberData(nameof(Commands))]
        public void A_silent_endpoint_is_one_RequestTimeout_error_within_the_configured_timeout(string command)
        {
            using var env = new AwsEnvironmentScope();
            env.Set("ROOTGUARD_REQUEST_TIMEOUT", "1");
            using var silent = new SilentEndpoint();
            using var session = Session(silent);
            using var direct = new DirectHttp();
            var watch = Stopwatch.StartNew();

            var result = session.Run(command);

            watch.Stop();
            var error = result.SingleError();
            Assert.Equal("RootGuard.RequestTimeout", ScriptResult.ErrorIdOf(error));
            Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
            Assert.Contains(silent.Endpoint.GetLeftPart(UriPartial.Authority), error.ErrorDetails.Message);
            Assert.Contains("within 1 s, on any of 3 attempt(s)", error.ErrorDetails.Message);
            Assert.Contains("ROOTGUARD_REQUEST_TIMEOUT", error.ErrorDetails.RecommendedAction);
            Assert.Empty(result.Output);
            var connections = silent.AcceptedWithin(3, TimeSpan.FromSeconds(10));
            Assert.True(connections >= 3, $"{connections} connections were made.");
            // Three 1-second attempts and the SDK's back-off between them; the SDK's own default took 5 to 10 minutes.
            Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));
        }

        [Fact]
        public void A_timeout_that_is_not_a_number_of_seconds_is_refused_before_any_call()
        {
            using var env = new AwsEnvironmentScope();
            env.Set("ROOTGUARD_REQUEST_TIMEOUT", "forever");
            using var silent = new SilentEndpoint();
            using var session = Session(silent);
            using var direct = new DirectHttp();

            var error = session.Run("Get-RootMonitoring @aws").SingleError();

            Assert.Equal("RootGuard.InvalidRequestTimeout", ScriptResult.ErrorIdOf(error));
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal(0, silent.Accepted);
        }

        /// <summary>
        /// The module's own HTTP stack for the test: the module backend's recording handler, installed process-wide by
        /// another collection, is taken out (its faults and stubs would answer instead of the silent endpoint) and put back.
        /// </summary>
        private sealed class DirectHttp : IDisposable
        {
            private readonly System.Reflection.PropertyInfo? hook;
            private readonly object? saved;

            public DirectHttp()
            {
                var core = System.Runtime.Loader.AssemblyLoadContext.All.SelectMany(c => c.Assemblies).FirstOrDefault(a => a.GetName().Name == "RootGuard.Core");
                hook = core?.GetType("RootGuard.Core.Aws.AwsClientFactory")?.GetProperty("HttpHandlerFactoryOverride");
                saved = hook?.GetValue(null);
                hook?.SetValue(null, null);
            }

            public void Dispose() => hook?.SetValue(null, saved);
        }

        private static PowerShellSession Session(SilentEndpoint silent)
        {
            var session = new PowerShellSession();
            session.SetVariable("aws", new System.Collections.Hashtable
            {
                ["EndpointUrl"] = silent.Endpoint.ToString().TrimEnd('/'),
                ["AccessKey"] = MotoServerFixture.AccessKeyId,
                ["SecretKey"] = MotoServerFixture.SecretAccessKey,
                ["Region"] = MotoServerFixture.Region,
            });
            return session;
        }
    }
}
