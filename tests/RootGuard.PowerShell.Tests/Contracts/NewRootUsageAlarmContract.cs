namespace RootGuard.PowerShell.Tests.Contracts
{
    public static class NewRootUsageAlarmContract
    {
        [CmdletContract("New-RootUsageAlarm")]
        public static readonly string[] Parameters = AwsCommonContract.With(
            "AdoptExisting:SwitchParameter __AllParameterSets()",
            "AlarmName:String __AllParameterSets()",
            "EmailAddress:String[] __AllParameterSets()",
            "EvaluationPeriods:Int32 __AllParameterSets()",
            "ExcludeCentralizedRootSession:SwitchParameter __AllParameterSets()",
            "FilterName:String __AllParameterSets()",
            "KmsMasterKeyId:String __AllParameterSets()",
            "LogGroupName:String __AllParameterSets()",
            "MetricName:String __AllParameterSets()",
            "MetricNamespace:String __AllParameterSets()",
            "Period:Int32 __AllParameterSets()",
            "Tag:Hashtable __AllParameterSets()",
            "Threshold:Double __AllParameterSets()",
            "TopicArn:String __AllParameterSets(ValueFromPipelineByPropertyName)");
    }
}
