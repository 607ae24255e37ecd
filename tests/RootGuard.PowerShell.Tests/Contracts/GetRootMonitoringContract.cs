namespace RootGuard.PowerShell.Tests.Contracts
{
    public static class GetRootMonitoringContract
    {
        [CmdletContract("Get-RootMonitoring")]
        public static readonly string[] Parameters = AwsCommonContract.With(
            "Component:String[] __AllParameterSets(Position0)",
            "Resource:SwitchParameter Resource(Mandatory)");
    }
}
