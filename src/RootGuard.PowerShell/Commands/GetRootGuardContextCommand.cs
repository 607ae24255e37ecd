using System.Management.Automation;
using RootGuard.Core.Connection;


namespace RootGuard.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Shows which AWS credentials, region and endpoint RootGuard would use.</para>
    /// <para type="description">Resolves the AWS common parameters exactly as every RootGuard cmdlet does (the AWS Tools for PowerShell order) and reports where each came from, without calling AWS and without showing any secret.</para>
    /// </summary>
    /// <example>
    ///   <code>Get-RootGuardContext -ProfileName security-audit -Region eu-west-1</code>
    ///   <para>Shows that the credentials come from the security-audit profile and the region from -Region, and which partition and home region (where console sign-in events arrive) follow from it. Run it before a command that changes anything, to be sure of the account and region it will touch.</para>
    /// </example>
    /// <example>
    ///   <code>Set-AWSCredential -ProfileName prod
    /// Set-DefaultAWSRegion -Region us-east-2
    /// Get-RootGuardContext</code>
    ///   <para>Shows that RootGuard takes the session defaults of AWS Tools for PowerShell, as every RootGuard cmdlet would when no credential or region parameter is given.</para>
    /// </example>
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
