using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace RootGuard.PowerShell.Tests.Harness
{
    /// <summary>
    /// A cmdlet's public parameter surface as sorted lines:
    /// <c>Name:Type [aliases] set(Mandatory,Position,ValueFromPipeline,ValueFromPipelineByPropertyName)</c>.
    /// Common parameters (Verbose, WhatIf …) are left out.
    /// </summary>
    public static class ParameterContract
    {
        public static IReadOnlyList<string> Of(PowerShellSession session, string command)
        {
            var info = (CmdletInfo)session.Run($"Get-Command {command}").ThrowIfErrors().Output.Single().BaseObject;
            var common = new HashSet<string>(Cmdlet.CommonParameters.Concat(Cmdlet.OptionalCommonParameters));
            return info.Parameters.Values
                .Where(p => !common.Contains(p.Name))
                .Select(Describe)
                .OrderBy(l => l, System.StringComparer.Ordinal)
                .ToList();
        }

        private static string Describe(ParameterMetadata parameter)
        {
            var aliases = parameter.Aliases.Count == 0 ? string.Empty : " [" + string.Join(",", parameter.Aliases.OrderBy(a => a, System.StringComparer.Ordinal)) + "]";
            var sets = parameter.ParameterSets
                .OrderBy(s => s.Key, System.StringComparer.Ordinal)
                .Select(s => s.Key + "(" + string.Join(",", Flags(s.Value)) + ")");
            return $"{parameter.Name}:{parameter.ParameterType.Name}{aliases} {string.Join(" ", sets)}";
        }

        private static IEnumerable<string> Flags(ParameterSetMetadata set)
        {
            if (set.IsMandatory) yield return "Mandatory";
            if (set.Position >= 0) yield return "Position" + set.Position;
            if (set.ValueFromPipeline) yield return "ValueFromPipeline";
            if (set.ValueFromPipelineByPropertyName) yield return "ValueFromPipelineByPropertyName";
            if (set.ValueFromRemainingArguments) yield return "ValueFromRemainingArguments";
        }
    }
}
