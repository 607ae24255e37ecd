namespace RootGuard.PowerShell.Tests.Contracts
{
    public static class SendRootMonitoringTestContract
    {
        [CmdletContract("Send-RootMonitoringTest")]
        public static readonly string[] Parameters = AwsCommonContract.With(
            "AlarmName:String __AllParameterSets(ValueFromPipelineByPropertyName)",
            "Component:String[] __AllParameterSets(Position0,ValueFromPipelineByPropertyName)",
            "RuleName:String __AllParameterSets(ValueFromPipelineByPropertyName)");
    }
}
