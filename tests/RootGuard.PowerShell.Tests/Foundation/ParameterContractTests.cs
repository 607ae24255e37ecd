using System.Collections.Generic;
using System.Linq;
using RootGuard.PowerShell.Tests.Harness;
using Xunit;

namespace RootGuard.PowerShell.Tests.Foundation
{
    /// <summary>
    /// Each cmdlet's parameters, sets, aliases and pipeline bindings, compared with a fixed list, so that a rename
    /// never slips through: runbooks bind by these names.
    /// </summary>
    public sealed class ParameterContractTests
    {
        /// <summary>The AWS Tools for PowerShell common parameters, identical on every AWS-calling cmdlet.</summary>
        public static readonly string[] AwsCommonParameters =
        {
            "AccessKey:String [AK] __AllParameterSets()",
            "Credential:Object __AllParameterSets()",
            "EndpointUrl:String __AllParameterSets()",
            "ProfileLocation:String [AWSProfilesLocation,ProfilesLocation] __AllParameterSets()",
            "ProfileName:String [AWSProfileName,StoredCredentials] __AllParameterSets()",
            "Region:String __AllParameterSets()",
            "SecretKey:String [SK,SecretAccessKey] __AllParameterSets()",
            "SessionToken:String [ST] __AllParameterSets()",
        };

        public static readonly Dictionary<string, string[]> Contracts = new()
        {
            ["Get-RootGuardContext"] = AwsCommonParameters,
        };

        [Fact]
        public void Every_exported_cmdlet_has_a_contract()
        {
            using var session = new PowerShellSession();
            var exported = session.Run("(Get-Command -Module RootGuard).Name").ThrowIfErrors().Output.Select(o => o.ToString()).ToList();
            Assert.Equal(Contracts.Keys.OrderBy(k => k), exported.OrderBy(k => k));
        }

        public static IEnumerable<object[]> Commands() => Contracts.Keys.Select(k => new object[] { k });

        [Theory]
        [MemberData(nameof(Commands))]
        public void Parameters_match_the_contract(string command)
        {
            using var session = new PowerShellSession();
            var actual = ParameterContract.Of(session, command);
            var expected = Contracts[command].OrderBy(l => l, System.StringComparer.Ordinal).ToList();
            Assert.Equal(expected, actual);
        }
    }
}
