namespace RootGuard.Core
{
    // Repair-RootAccountSecurity's own error ids, beside its code (ErrorIds is partial for this).
    public static partial class ErrorIds
    {
        /// <summary>The root credentials of the management account cannot be removed through sts:AssumeRoot.</summary>
        public const string ManagementAccountRoot = "RootGuard.ManagementAccountRoot";

        /// <summary>A member's root credentials need centralized root access (RG.ROOT.8's fix) first.</summary>
        public const string CentralRootAccessRequired = "RootGuard.CentralRootAccessRequired";

        /// <summary>The fix must run from the organization's management account.</summary>
        public const string NotManagementAccount = "RootGuard.NotManagementAccount";

        /// <summary>Centralized root access needs an organization with all features enabled.</summary>
        public const string AllFeaturesRequired = "RootGuard.AllFeaturesRequired";

        /// <summary>A -SecurityContact value AWS would refuse.</summary>
        public const string InvalidSecurityContact = "RootGuard.InvalidSecurityContact";

        /// <summary>sts:AssumeRoot into a member account failed.</summary>
        public const string AssumeRootFailed = "RootGuard.AssumeRootFailed";

        /// <summary>A fix was asked to be planned without the parameter it needs (-SecurityContact, -EmailAddress or -TopicArn).</summary>
        public const string RepairParameterMissing = "RootGuard.RepairParameterMissing";
    }
}
