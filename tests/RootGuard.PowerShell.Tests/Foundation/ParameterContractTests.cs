using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using RootGuard.PowerShell.Tests.Harness;
using Xunit;

namespace RootGuard.PowerShell.Tests.Foundation
{
    /// <summary>
    /// Each cmdlet's parameters, sets, aliases and pipeline bindings, compared with a fixed list (one file per cmdlet
    /// under Contracts/, marked with <see cref="CmdletContractAttribute"/>), so that a rename never slips through:
    /// runbooks bind by these names.
    /// </summary>
    public sealed class ParameterContractTests
    {
        public static Dictionary<string, string[]> Contracts() =>
            typeof(ParameterContractTests).Assembly.GetTypes()
                .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
                .Select(f => (f, a: f.GetCustomAttribute<CmdletContractAttribute>()))
                .Where(p => p.a != null)
                .ToDictionary(p => p.a!.Command, p => (string[])p.f.GetValue(null)!);

        [Fact]
        public void Every_exported_cmdlet_has_a_contract()
        {
            using var session = new PowerShellSession();
            var exported = session.Run("(Get-Command -Module RootGuard).Name").ThrowIfErrors().Output.Select(o => o.ToString()).ToList();
            Assert.Equal(Contracts().Keys.OrderBy(k => k), exported.OrderBy(k => k));
        }

        [Fact]
        public void Every_account_id_parameter_turns_an_unquoted_number_back_into_twelve_digits()
        {
            // A parameter is an account id parameter by its name or by the account id pattern that validates it.
            using var session = new PowerShellSession();
            var found = session.Run("""
                foreach ($command in Get-Command -Module RootGuard) {
                    foreach ($p in $command.Parameters.Values) {
                        $pattern = $p.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidatePatternAttribute] -and $_.RegexPattern -eq '^[0-9]{12}$' }
                        if ($p.Name -eq 'AccountId' -or $pattern) {
                            $transform = $p.Attributes | Where-Object { $_.GetType().Name -eq 'AccountIdTransformationAttribute' }
                            '{0} -{1} pattern={2} transform={3}' -f $command.Name, $p.Name, [bool]$pattern, [bool]$transform
                        }
                    }
                }
                """).ThrowIfErrors().Output.Select(o => o.ToString()).OrderBy(l => l, StringComparer.Ordinal);

            Assert.Equal(new[]
            {
                "Repair-RootAccountSecurity -AccountId pattern=True transform=True",
                "Test-RootAccountSecurity -AccountId pattern=True transform=True",
            }, found);
        }

        public static IEnumerable<object[]> Commands() => Contracts().Keys.Select(k => new object[] { k });

        [Theory]
        [MemberData(nameof(Commands))]
        public void Parameters_match_the_contract(string command)
        {
            using var session = new PowerShellSession();
            var actual = ParameterContract.Of(session, command);
            var expected = Contracts()[command].OrderBy(l => l, StringComparer.Ordinal).ToList();
            Assert.Equal(expected, actual);
        }
    }
}
