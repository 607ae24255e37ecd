using System;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.PowerShell.Tests.Harness
{
    /// <summary>
    /// moto server plus the recording, fault-injecting handler, put under every client of the imported module's own copy
    /// of RootGuard.Core. The module loads Core in its own AssemblyLoadContext, so the client options that carry the
    /// handler are made by reflection from that copy, and each session gets them as <c>$RootGuardClientOptions</c>,
    /// which the cmdlets pass into their connection.
    /// </summary>
    public sealed class ModuleBackend : IDisposable
    {
        private readonly object clientOptions;

        public ModuleBackend()
        {
            Moto = new MotoServerFixture();
            Handler = new RecordingHandler();
            Seeder = new MotoSeeder(Moto.Endpoint);

            // Importing once loads RootGuard.Core into the module's load context, where the options type lives.
            using (var session = new PowerShellSession())
            {
                session.Run("Get-Command -Module RootGuard").ThrowIfErrors();
            }

            var core = AssemblyLoadContext.All.Where(c => c != AssemblyLoadContext.Default).SelectMany(c => c.Assemblies)
                .First(a => a.GetName().Name == "RootGuard.Core");
            var optionsType = core.GetType("RootGuard.Core.Aws.AwsClientFactoryOptions", throwOnError: true)!;
            clientOptions = Activator.CreateInstance(optionsType)!;
            var handlerFactory = optionsType.GetProperty("HttpHandlerFactory", BindingFlags.Public | BindingFlags.Instance)
                                 ?? throw new InvalidOperationException("RootGuard.Core's AwsClientFactoryOptions has no HttpHandlerFactory.");
            handlerFactory.SetValue(clientOptions, Handler.CreateFactory());
        }

        public MotoServerFixture Moto { get; }
        public RecordingHandler Handler { get; }
        public MotoSeeder Seeder { get; }

        /// <summary>An empty account, no faults or stubs, no recorded calls: call at the start of each test.</summary>
        public void Reset()
        {
            Moto.Reset();
            Handler.Reset();
        }

        /// <summary>A session whose <c>$aws</c> hashtable splats the endpoint and test credentials: <c>New-RootSignInAlert @aws</c>.</summary>
        public PowerShellSession NewSession(string region = MotoServerFixture.Region)
        {
            var session = new PowerShellSession();
            session.SetVariable("RootGuardClientOptions", clientOptions);
            session.SetVariable("aws", new System.Collections.Hashtable
            {
                ["EndpointUrl"] = Moto.Endpoint.ToString().TrimEnd('/'),
                ["AccessKey"] = MotoServerFixture.AccessKeyId,
                ["SecretKey"] = MotoServerFixture.SecretAccessKey,
                ["Region"] = region,
            });
            return session;
        }

        public void Dispose()
        {
            Moto.Dispose();
        }
    }

    /// <summary>Module tests that use moto share one server and one handler, one test at a time.</summary>
    [CollectionDefinition(Name)]
    public sealed class ModuleBackendCollection : ICollectionFixture<ModuleBackend>
    {
        public const string Name = "module backend";
    }
}
