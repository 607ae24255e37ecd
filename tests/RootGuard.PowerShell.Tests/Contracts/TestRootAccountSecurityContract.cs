namespace RootGuard.PowerShell.Tests.Contracts
{
    public static class TestRootAccountSecurityContract
    {
        [CmdletContract("Test-RootAccountSecurity")]
        public static readonly string[] Parameters = AwsCommonContract.With(
            "AccountId:String[] [Id] __AllParameterSets(ValueFromPipelineByPropertyName)",
            "CheckId:String[] __AllParameterSets()",
            "ExcludeCheckId:String[] __AllParameterSets()",
            "Quiet:SwitchParameter __AllParameterSets()",
            "RoleName:String __AllParameterSets()",
            "ThrottleLimit:Int32 __AllParameterSets()",
            "UsageWindowDays:Int32 __AllParameterSets()");
    }
}
