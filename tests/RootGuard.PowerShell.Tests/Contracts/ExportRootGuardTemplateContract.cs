namespace RootGuard.PowerShell.Tests.Contracts
{
    public static class ExportRootGuardTemplateContract
    {
        // Not an AWS-calling cmdlet: no credential or region parameters.
        [CmdletContract("Export-RootGuardTemplate")]
        public static readonly string[] Parameters =
        {
            "Component:String[] __AllParameterSets(Position0)",
            "ExcludeCentralizedRootSession:SwitchParameter __AllParameterSets()",
            "Force:SwitchParameter __AllParameterSets()",
            "MessageFormat:String __AllParameterSets()",
            "Path:String __AllParameterSets()",
            "SuccessOnly:SwitchParameter __AllParameterSets()",
        };
    }
}
