namespace RootGuard.PowerShell.Tests.Contracts
{
    public static class TestRootAccountSecurityContract
    {
        [CmdletContract("Test-RootAccountSecurity")]
        public static readonly string[] Parameters = AwsCommonContract.With(
            "AccountId:String[] [Id] AccountId(Mandatory,ValueFromPipeline,ValueFromPipelineByPropertyName)",
            "CheckId:String[] __AllParameterSets()",
            "ExcludeCheckId:String[] __AllParameterSets()",
            "ExternalId:String AccountId() Organization()",
            "Organization:SwitchParameter Organization(Mandatory)",
            "Quiet:SwitchParameter __AllParameterSets()",
            "RoleName:String AccountId() Organization()",
            "Summary:SwitchParameter __AllParameterSets()",
            "ThrottleLimit:Int32 AccountId() Organization()",
            "UsageWindowDays:Int32 __AllParameterSets()");
    }
}
