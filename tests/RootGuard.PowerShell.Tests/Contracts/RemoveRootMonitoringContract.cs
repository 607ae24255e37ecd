namespace RootGuard.PowerShell.Tests.Contracts
{
    public static class RemoveRootMonitoringContract
    {
        [CmdletContract("Remove-RootMonitoring")]
        public static readonly string[] Parameters = AwsCommonContract.With(
            "AlarmName:String ByResource(ValueFromPipelineByPropertyName)",
            "Component:String[] ByComponent(Position0)",
            "Force:SwitchParameter __AllParameterSets()",
            "PassThru:SwitchParameter __AllParameterSets()",
            "RuleName:String ByResource(ValueFromPipelineByPropertyName)",
            "TopicArn:String ByResource(ValueFromPipelineByPropertyName)");
    }
}
