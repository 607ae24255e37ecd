namespace RootGuard.PowerShell.Tests.Contracts
{
    public static class GetRootGuardContextContract
    {
        [CmdletContract("Get-RootGuardContext")]
        public static readonly string[] Parameters = AwsCommonContract.With();
    }
}
