using System.Collections.Generic;
using RootGuard.Core.Ownership;
using RootGuard.Core.SignInAlert;

namespace RootGuard.Core.Templates
{
    /// <summary>What the CloudFormation export should contain; the defaults match the live cmdlets' defaults.</summary>
    public sealed class RootMonitorTemplateOptions
    {
        /// <summary>The monitors: <see cref="RootGuardTags.SignInAlertComponent"/>, <see cref="RootGuardTags.UsageAlarmComponent"/> or both.</summary>
        public IReadOnlyCollection<string> Components { get; set; } = new[] { RootGuardTags.SignInAlertComponent, RootGuardTags.UsageAlarmComponent };

        public SignInAlertMessageFormat MessageFormat { get; set; } = SignInAlertMessageFormat.Readable;

        /// <summary>Only successful sign-ins (the rule's pattern adds <c>ConsoleLogin: Success</c>).</summary>
        public bool SuccessOnly { get; set; }

        /// <summary>The opt-in, non-CIS filter pattern that leaves out sts:AssumeRoot task sessions.</summary>
        public bool ExcludeCentralizedRootSession { get; set; }
    }
}
