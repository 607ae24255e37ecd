using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace RootGuard.PowerShell.Tests.Harness
{
    /// <summary>
    /// A clean AWS environment for one test: every AWS_* variable cleared, shared config and credentials files
    /// in a temporary folder, instance metadata off; everything restored on dispose, so no test leaves state behind.
    /// Tests using it belong to the <see cref="ProcessEnvironmentCollection"/>, which runs alone.
    /// </summary>
    public sealed class AwsEnvironmentScope : IDisposable
    {
        private readonly Dictionary<string, string?> saved;

        public AwsEnvironmentScope()
        {
            saved = Environment.GetEnvironmentVariables().Keys.Cast<string>()
                .Where(k => k.StartsWith("AWS_", StringComparison.Ordinal))
                .Concat(new[] { "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE", "AWS_EC2_METADATA_DISABLED" })
                .Distinct()
                .ToDictionary(k => k, Environment.GetEnvironmentVariable);
            foreach (var key in saved.Keys)
            {
                Environment.SetEnvironmentVariable(key, null);
            }

            Folder = Directory.CreateTempSubdirectory("rootguard-env-").FullName;
            CredentialsFile = Path.Combine(Folder, "credentials");
            ConfigFile = Path.Combine(Folder, "config");
            File.WriteAllText(CredentialsFile, string.Empty);
            File.WriteAllText(ConfigFile, string.Empty);
            Set("AWS_SHARED_CREDENTIALS_FILE", CredentialsFile);
            Set("AWS_CONFIG_FILE", ConfigFile);
            Set("AWS_EC2_METADATA_DISABLED", "true");
        }

        public string Folder { get; }
        public string CredentialsFile { get; }
        public string ConfigFile { get; }

        public void Set(string name, string? value)
        {
            if (!saved.ContainsKey(name))
            {
                saved[name] = Environment.GetEnvironmentVariable(name);
            }

            Environment.SetEnvironmentVariable(name, value);
        }

        public void WriteCredentials(string text) => File.WriteAllText(CredentialsFile, text);

        public void WriteConfig(string text) => File.WriteAllText(ConfigFile, text);

        public void Dispose()
        {
            foreach (var pair in saved)
            {
                Environment.SetEnvironmentVariable(pair.Key, pair.Value);
            }

            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open in the SDK's watcher: the temp folder is cleaned by the OS.
            }
        }
    }

    /// <summary>Tests that change process environment variables run alone, never beside another test.</summary>
    [Xunit.CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class ProcessEnvironmentCollection
    {
        public const string Name = "process environment";
    }
}
