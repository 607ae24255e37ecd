using System.Management.Automation;
using RootGuard.Core.Connection;


namespace RootGuard.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Shows which AWS credentials, region and endpoint RootGuard would use.</para>
    /// <para type="description">Resolves the AWS common parameters exactly as every RootGuard cmdlet does (the AWS Tools for PowerShell order) and reports where each came from, without calling AWS and without showing any secret.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "RootGuardContext")]
    [OutputType(typeof(RootGuardContext))]
    public sealed class GetRootGuardContextCommand : RootGuardAwsCmdlet
    {
        protected override void ProcessRecord()
        {
            var resolved = Connection;
            WriteObject(new RootGuardContext(resolved.Region, resolved.RegionSource, resolved.CredentialSource, resolved.Partition,
                AwsPartitions.HomeRegion(resolved.Partition), resolved.EndpointUrl?.ToString()));
        }
    }
}
