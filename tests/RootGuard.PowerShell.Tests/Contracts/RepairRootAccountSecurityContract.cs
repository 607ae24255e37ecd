namespace RootGuard.PowerShell.Tests.Contracts
{
    public static class RepairRootAccountSecurityContract
    {
        [CmdletContract("Repair-RootAccountSecurity")]
        public static readonly string[] Parameters = AwsCommonContract.With(
            "AccountId:String[] Assess()",
            "CheckId:String[] __AllParameterSets()",
            "EmailAddress:String[] __AllParameterSets()",
            "Finding:Finding[] Finding(Mandatory,ValueFromPipeline)",
            "Force:SwitchParameter __AllParameterSets()",
            "RoleName:String __AllParameterSets()",
            "SecurityContact:Hashtable __AllParameterSets()",
            "TopicArn:String __AllParameterSets()");
    }
}
