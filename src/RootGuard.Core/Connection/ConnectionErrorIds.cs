namespace RootGuard.Core
{
    /// <summary>
    /// The stable error ids RootGuard raises; tests and users match on these. The class is partial so that each feature
    /// keeps its ids in a <c>&lt;Feature&gt;ErrorIds.cs</c> beside its code; no id is written anywhere else. These are the
    /// ids of resolving the connection (credentials, region, endpoint) and of reaching other accounts through it.
    /// </summary>
    public static partial class ErrorIds
    {
        public const string NoCredentials = "RootGuard.NoCredentials";
        public const string ProfileNotFound = "RootGuard.ProfileNotFound";
        public const string IncompleteAccessKey = "RootGuard.IncompleteAccessKey";
        public const string InvalidCredentialObject = "RootGuard.InvalidCredentialObject";
        public const string InvalidRegion = "RootGuard.InvalidRegion";
        public const string NoRegion = "RootGuard.NoRegion";
        public const string InvalidEndpointUrl = "RootGuard.InvalidEndpointUrl";
        public const string InvalidRequestTimeout = "RootGuard.InvalidRequestTimeout";

        /// <summary>sts:AssumeRole into another account (-AccountId) failed.</summary>
        public const string AssumeRoleFailed = "RootGuard.AssumeRoleFailed";
    }
}
