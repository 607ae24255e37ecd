using System.Management.Automation;

namespace RootGuard.PowerShell.Attributes
{
    /// <summary>Accepts a region name or an AWS Tools RegionEndpoint object (from any copy of AWSSDK.Core).</summary>
    public sealed class RegionTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) =>
            ToRegionName(inputData is PSObject ps ? ps.BaseObject : inputData) ?? inputData;

        internal static string? ToRegionName(object? value) => value switch
        {
            null => null,
            string s => s,
            _ => value.GetType().GetProperty("SystemName")?.GetValue(value) as string ?? value.ToString(),
        };
    }
}
