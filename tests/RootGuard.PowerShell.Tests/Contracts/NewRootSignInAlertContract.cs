namespace RootGuard.PowerShell.Tests.Contracts
{
    public static class NewRootSignInAlertContract
    {
        [CmdletContract("New-RootSignInAlert")]
        public static readonly string[] Parameters = AwsCommonContract.With(
            "EmailAddress:String[] ExistingTopic(ValueFromPipelineByPropertyName) NewTopic(Mandatory,ValueFromPipelineByPropertyName)",
            "Force:SwitchParameter __AllParameterSets()",
            "KmsMasterKeyId:String NewTopic()",
            "MessageFormat:String __AllParameterSets()",
            "Name:String __AllParameterSets()",
            "SuccessOnly:SwitchParameter __AllParameterSets()",
            "Tag:Hashtable __AllParameterSets()",
            "TopicArn:String ExistingTopic(Mandatory,ValueFromPipelineByPropertyName)");
    }
}
