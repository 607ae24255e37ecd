namespace RootGuard.Core
{
    // The ids of assessing across an organization's accounts, beside its code (ErrorIds is partial for this).
    public static partial class ErrorIds
    {
        /// <summary>-Organization was given and the caller's account is in no organization.</summary>
        public const string NotInOrganization = "RootGuard.NotInOrganization";

        /// <summary>The caller may not list the organization's accounts.</summary>
        public const string CannotListAccounts = "RootGuard.CannotListAccounts";
    }
}
