using System.Collections.Generic;
using System.Linq;
using RootGuard.PowerShell.Tests.Harness;
using Xunit;

namespace RootGuard.PowerShell.Tests.Help
{
    /// <summary>
    /// Get-Help for every cmdlet the module exports (found by Get-Command, so new cmdlets are covered without a change
    /// here): a real synopsis, a description, examples with code, and a description for every parameter.
    /// The help comes from en-US/RootGuard.PowerShell.dll-Help.xml, which tools/HelpGenerator writes from the XML docs.
    /// </summary>
    public sealed class HelpTests
    {
        private const string SkippedParameterNames =
            "$common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters\n" +
            // Parameters marked DontShow are hidden from help and tab completion on purpose.
            "$common += (Get-Command -Name $Name).Parameters.Values | Where-Object { $_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow } } | ForEach-Object { $_.Name }";

        public static IEnumerable<object[]> ExportedCmdlets()
        {
            using var session = new PowerShellSession();
            return session.Run("(Get-Command -Module RootGuard -CommandType Cmdlet).Name").ThrowIfErrors()
                .Output.Select(o => new object[] { o.ToString() }).ToList();
        }

        private static List<string> Strings(string script, string name)
        {
            using var session = new PowerShellSession();
            return session.Run(script, new Dictionary<string, object?> { ["Name"] = name }).ThrowIfErrors()
                .Output.Where(o => o != null).Select(o => o.ToString()).ToList();
        }

        [Fact]
        public void The_module_exports_cmdlets_to_check()
        {
            Assert.NotEmpty(ExportedCmdlets());
        }

        [Theory]
        [MemberData(nameof(ExportedCmdlets))]
        public void Help_has_a_synopsis_of_its_own_and_not_the_generated_syntax(string cmdlet)
        {
            var synopsis = Strings("param($Name) (Get-Help -Name $Name -Full).Synopsis", cmdlet).SingleOrDefault()?.Trim() ?? string.Empty;

            // Without a help file, Get-Help makes the synopsis from the syntax: "Get-X [-Region <string>] ... [<CommonParameters>]".
            Assert.False(synopsis.Length == 0, $"{cmdlet}: Get-Help shows no synopsis.");
            Assert.False(synopsis.StartsWith(cmdlet, System.StringComparison.OrdinalIgnoreCase) || synopsis.Contains("<CommonParameters>"),
                $"{cmdlet}: the synopsis is PowerShell's generated syntax, not written help: {synopsis}");
        }

        [Theory]
        [MemberData(nameof(ExportedCmdlets))]
        public void Help_has_a_description(string cmdlet)
        {
            var description = string.Join(" ", Strings("param($Name) (Get-Help -Name $Name -Full).Description | ForEach-Object { $_.Text }", cmdlet)).Trim();

            Assert.False(description.Length == 0, $"{cmdlet}: Get-Help shows no description.");
        }

        [Theory]
        [MemberData(nameof(ExportedCmdlets))]
        public void Help_has_at_least_one_example_and_every_example_has_code(string cmdlet)
        {
            var codes = Strings("param($Name) foreach ($example in (Get-Help -Name $Name -Full).Examples.Example) { [string]$example.Code }", cmdlet);

            Assert.False(codes.Count == 0, $"{cmdlet}: Get-Help shows no example.");
            var empty = codes.Select((code, i) => (code, number: i + 1)).Where(x => x.code.Trim().Length == 0).Select(x => $"example {x.number}").ToList();
            Assert.False(empty.Count > 0, $"{cmdlet}: {string.Join(", ", empty)} without code.");
        }

        [Theory]
        [MemberData(nameof(ExportedCmdlets))]
        public void Every_parameter_except_the_common_ones_has_a_description(string cmdlet)
        {
            var lines = Strings(@"
                param($Name)
                " + SkippedParameterNames + @"
                $help = Get-Help -Name $Name -Full
                (Get-Command -Name $Name).Parameters.Keys | Where-Object { $_ -notin $common } | ForEach-Object {
                    $parameter = $_
                    $entry = $help.Parameters.Parameter | Where-Object { $_.Name -eq $parameter }
                    $parameter + '=' + ((@($entry.Description) | ForEach-Object { $_.Text }) -join ' ').Trim()
                }", cmdlet);
            var undocumented = lines.Where(l => l.EndsWith("=")).Select(l => "-" + l.TrimEnd('=')).ToList();

            Assert.NotEmpty(lines);
            Assert.False(undocumented.Count > 0, $"{cmdlet}: no description for {string.Join(", ", undocumented)}.");
        }

        [Theory]
        [MemberData(nameof(ExportedCmdlets))]
        public void Help_names_each_parameter_with_the_type_and_mandatory_flag_the_cmdlet_has(string cmdlet)
        {
            // Stale help (a parameter renamed, retyped or made mandatory after the file was written) shows up here.
            var mismatches = Strings(@"
                param($Name)
                " + SkippedParameterNames + @"
                $help = Get-Help -Name $Name -Full
                (Get-Command -Name $Name).Parameters.Values | Where-Object { $_.Name -notin $common } | ForEach-Object {
                    $parameter = $_
                    $entry = $help.Parameters.Parameter | Where-Object { $_.Name -eq $parameter.Name }
                    $mandatory = [bool]($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.Mandatory })
                    $type = $parameter.ParameterType
                    if ($type.IsGenericType -and $type.GetGenericTypeDefinition() -eq [Nullable`1]) { $type = $type.GetGenericArguments()[0] }
                    if (-not $entry) { '-' + $parameter.Name + ' is missing from the help' }
                    elseif ($entry.Type.Name -ne $type.Name) { '-' + $parameter.Name + ' has type ' + $entry.Type.Name + ' in the help but ' + $type.Name + ' in the cmdlet' }
                    elseif (($entry.Required -eq 'true') -ne $mandatory) { '-' + $parameter.Name + ' is required=' + $entry.Required + ' in the help but Mandatory=' + $mandatory + ' in the cmdlet' }
                }", cmdlet);

            Assert.False(mismatches.Count > 0, $"{cmdlet}: {string.Join("; ", mismatches)}.");
        }
    }
}
