using System;
using System.Linq;

namespace RootGuard.PowerShell.Tests
{
    /// <summary>Marks a static string[] field as the fixed parameter contract of one cmdlet (see ParameterContract for the line format).</summary>
    [AttributeUsage(AttributeTargets.Field)]
    public sealed class CmdletContractAttribute : Attribute
    {
        public CmdletContractAttribute(string command) => Command = command;

        public string Command { get; }
    }

    /// <summary>Lines shared by every AWS-calling cmdlet's contract.</summary>
    public static class AwsCommonContract
    {
        /// <summary>The AWS Tools for PowerShell common parameters, identical on every AWS-calling cmdlet.</summary>
        public static readonly string[] Lines =
        {
            "AccessKey:String [AK] __AllParameterSets()",
            "Credential:Object __AllParameterSets()",
            "EndpointUrl:String __AllParameterSets()",
            "ProfileLocation:String [AWSProfilesLocation,ProfilesLocation] __AllParameterSets()",
            "ProfileName:String [AWSProfileName,StoredCredentials] __AllParameterSets()",
            "Region:String __AllParameterSets()",
            "SecretKey:String [SK,SecretAccessKey] __AllParameterSets()",
            "SessionToken:String [ST] __AllParameterSets()",
        };

        /// <summary>The common lines plus a cmdlet's own.</summary>
        public static string[] With(params string[] own) => Lines.Concat(own).ToArray();
    }
}
