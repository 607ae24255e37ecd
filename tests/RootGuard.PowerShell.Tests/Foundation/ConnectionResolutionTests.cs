using System.Collections.Generic;
using System.Linq;
using RootGuard.PowerShell.Tests.Harness;
using Xunit;

namespace RootGuard.PowerShell.Tests.Foundation
{
    /// <summary>Credentials and region resolve in the order AWS Tools for PowerShell documents.</summary>
    [Collection(ProcessEnvironmentCollection.Name)]
    public sealed class ConnectionResolutionTests
    {
        private const string Profiles = @"
[default]
aws_access_key_id = AKIADEFAULT
aws_secret_access_key = default-secret

[dev]
aws_access_key_id = AKIADEV
aws_secret_access_key = dev-secret

[fromvariable]
aws_access_key_id = AKIAVARIABLE
aws_secret_access_key = variable-secret
";

        private const string Config = @"
[default]
region = ap-southeast-2

[profile dev]
region = eu-central-1
";

        private static ScriptResult Context(string arguments = "", string prelude = "")
        {
            using var session = new PowerShellSession();
            return session.Run(prelude + "; Get-RootGuardContext " + arguments);
        }

        private static Dictionary<string, string?> Snapshot(AwsEnvironmentScope env) =>
            System.Environment.GetEnvironmentVariables().Keys.Cast<string>()
                .Where(k => k.StartsWith("AWS_", System.StringComparison.Ordinal))
                .ToDictionary(k => k, k => System.Environment.GetEnvironmentVariable(k));

        [Fact]
        public void Literal_keys_win_over_every_other_source()
        {
            using var env = new AwsEnvironmentScope();
            env.WriteCredentials(Profiles);
            env.Set("AWS_ACCESS_KEY_ID", "AKIAENV");
            env.Set("AWS_SECRET_ACCESS_KEY", "env-secret");
            var result = Context("-AccessKey AKIALITERAL -SecretKey literal-secret -ProfileName dev -Region us-west-2").ThrowIfErrors();
            Assert.Equal("AccessKey", result.Property("CredentialSource"));
        }

        [Fact]
        public void A_profile_that_does_not_exist_is_an_error_and_never_falls_through()
        {
            using var env = new AwsEnvironmentScope();
            env.WriteCredentials(Profiles);
            var result = Context("-ProfileName nosuch -Region us-east-1");
            var error = result.SingleError();
            Assert.Equal("RootGuard.ProfileNotFound", ScriptResult.ErrorIdOf(error));
            Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains("nosuch", error.Exception.Message);
            Assert.Empty(result.Output);
        }

        [Fact]
        public void ProfileLocation_reads_profiles_from_another_file()
        {
            using var env = new AwsEnvironmentScope();
            var other = System.IO.Path.Combine(env.Folder, "elsewhere");
            System.IO.File.WriteAllText(other, "[ops]\naws_access_key_id = AKIAOPS\naws_secret_access_key = ops-secret\n");
            var result = Context($"-ProfileName ops -ProfileLocation '{other}' -Region us-east-1").ThrowIfErrors();
            Assert.Equal("Profile:ops", result.Property("CredentialSource"));
        }

        [Fact]
        public void The_session_defaults_of_Set_AWSCredential_and_Set_DefaultAWSRegion_come_before_the_environment()
        {
            using var env = new AwsEnvironmentScope();
            env.WriteCredentials(Profiles);
            env.Set("AWS_ACCESS_KEY_ID", "AKIAENV");
            env.Set("AWS_SECRET_ACCESS_KEY", "env-secret");
            env.Set("AWS_REGION", "sa-east-1");
            // What AWS Tools leaves behind: an AWSCredentials object (any copy of AWSSDK.Core) and a region name.
            var prelude = $"$null = [Reflection.Assembly]::LoadFrom('{PowerShellSession.ForeignAwsSdkCorePath}'); " +
                          "$global:StoredAWSCredentials = [Amazon.Runtime.BasicAWSCredentials]::new('AKIASTORED', 's'); " +
                          "$global:StoredAWSRegion = 'ca-central-1'";
            var result = Context(string.Empty, prelude).ThrowIfErrors();
            Assert.Equal("SessionDefault", result.Property("CredentialSource"));
            Assert.Equal("ca-central-1", result.Property("Region"));
            Assert.Equal("SessionDefault", result.Property("RegionSource"));
        }

        [Fact]
        public void Environment_keys_come_before_AWS_PROFILE_and_AWS_REGION_gives_the_region()
        {
            using var env = new AwsEnvironmentScope();
            env.WriteCredentials(Profiles);
            env.Set("AWS_ACCESS_KEY_ID", "AKIAENV");
            env.Set("AWS_SECRET_ACCESS_KEY", "env-secret");
            env.Set("AWS_PROFILE", "fromvariable");
            env.Set("AWS_REGION", "sa-east-1");
            var result = Context().ThrowIfErrors();
            Assert.Equal("Environment", result.Property("CredentialSource"));
            Assert.Equal("sa-east-1", result.Property("Region"));
            Assert.Equal("Environment:AWS_REGION", result.Property("RegionSource"));
        }

        [Fact]
        public void AWS_PROFILE_comes_before_the_default_profile()
        {
            using var env = new AwsEnvironmentScope();
            env.WriteCredentials(Profiles);
            env.Set("AWS_PROFILE", "fromvariable");
            env.Set("AWS_DEFAULT_REGION", "eu-north-1");
            var result = Context().ThrowIfErrors();
            Assert.Equal("Profile:fromvariable", result.Property("CredentialSource"));
            Assert.Equal("Environment:AWS_DEFAULT_REGION", result.Property("RegionSource"));
        }

        [Fact]
        public void The_default_profile_is_used_last_with_its_region()
        {
            using var env = new AwsEnvironmentScope();
            env.WriteCredentials(Profiles);
            env.WriteConfig(Config);
            var output = FreshPowerShellProcess.Run(
                $"Import-Module '{PowerShellSession.ModuleManifestPath}'; $c = Get-RootGuardContext; $c.CredentialSource + '|' + $c.Region",
                Snapshot(env));
            Assert.Contains("Profile:default|ap-southeast-2", output);
        }

        [Fact]
        public void Region_parameter_wins_over_the_session_default_and_the_profile()
        {
            using var env = new AwsEnvironmentScope();
            env.WriteCredentials(Profiles);
            env.WriteConfig(Config);
            var result = Context("-Region us-gov-west-1", "$global:StoredAWSRegion = 'ca-central-1'").ThrowIfErrors();
            Assert.Equal("us-gov-west-1", result.Property("Region"));
            Assert.Equal("aws-us-gov", result.Property("Partition"));
            Assert.Equal("us-gov-west-1", result.Property("HomeRegion"));
        }

        [Fact]
        public void No_credentials_anywhere_is_an_authentication_error_that_says_how_to_provide_them()
        {
            using var env = new AwsEnvironmentScope();
            var result = Context("-Region us-east-1");
            var error = result.SingleError();
            Assert.Equal("RootGuard.NoCredentials", ScriptResult.ErrorIdOf(error));
            Assert.Equal(System.Management.Automation.ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
            Assert.Contains("Set-AWSCredential", error.ErrorDetails.RecommendedAction);
        }

        [Fact]
        public void No_region_anywhere_is_an_error_naming_the_Region_parameter()
        {
            using var env = new AwsEnvironmentScope();
            var result = Context("-AccessKey AKIAX -SecretKey s");
            var error = result.SingleError();
            Assert.Equal("RootGuard.NoRegion", ScriptResult.ErrorIdOf(error));
            Assert.Equal("Region", error.CategoryInfo.TargetName);
        }

        [Fact]
        public void An_access_key_without_its_secret_is_an_error_naming_the_missing_parameter()
        {
            using var env = new AwsEnvironmentScope();
            var error = Context("-AccessKey AKIAX -Region us-east-1").SingleError();
            Assert.Equal("RootGuard.IncompleteAccessKey", ScriptResult.ErrorIdOf(error));
            Assert.Equal("SecretKey", error.CategoryInfo.TargetName);
        }

        [Fact]
        public void Region_and_ProfileName_complete_on_tab()
        {
            using var env = new AwsEnvironmentScope();
            env.WriteCredentials(Profiles);
            using var session = new PowerShellSession();
            var regions = session.Run("(TabExpansion2 -inputScript 'Get-RootGuardContext -Region eu-west-' -cursorColumn 37).CompletionMatches.CompletionText").ThrowIfErrors();
            Assert.Contains(regions.Output, o => o?.ToString() == "eu-west-1");
            var profiles = session.Run("(TabExpansion2 -inputScript 'Get-RootGuardContext -ProfileName d' -cursorColumn 35).CompletionMatches.CompletionText").ThrowIfErrors();
            Assert.Contains(profiles.Output, o => o?.ToString() == "dev");
            Assert.Contains(profiles.Output, o => o?.ToString() == "default");
        }
    }
}
