using System;
using System.Linq;

namespace RootGuard.Core.Connection
{
    /// <summary>The credential profiles on this machine, for tab completion.</summary>
    public static class AwsProfiles
    {
        public static System.Collections.Generic.IReadOnlyList<string> ListNames(string? profileLocation = null)
        {
            try
            {
                var location = string.IsNullOrWhiteSpace(profileLocation)
                    ? Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE")
                    : profileLocation;
                var store = new Amazon.Runtime.CredentialManagement.CredentialProfileStoreChain(
                    string.IsNullOrWhiteSpace(location) ? null : location);
                return store.ListProfiles().Select(p => p.Name).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToList();
            }
            catch (Exception)
            {
                // Completion must never throw at the user: an unreadable file simply offers nothing.
                return Array.Empty<string>();
            }
        }
    }
}
