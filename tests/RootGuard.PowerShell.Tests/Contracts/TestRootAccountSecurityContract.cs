namespace RootGuard.PowerShell.Tests.Contracts
{
    public static class TestRootAccountSecurityContract
    {
        [CmdletContract("Test-RootAccountSecurity")]
        public static readonly string[] Parameters = AwsCommonContract.With(
            "CheckId:String[] __AllParameterSets()",
            "ExcludeCheckId:String[] __AllParameterSets()",
            "Quiet:SwitchParameter __AllParameterSets()",
            "UsageWindowDays:Int32 __AllParameterSets()");
    }
}
