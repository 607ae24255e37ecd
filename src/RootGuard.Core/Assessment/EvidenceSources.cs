using System;

namespace RootGuard.Core.Assessment
{
    /// <summary>The AWS reads a check can need; the gatherer makes only the reads the selected checks need.</summary>
    [Flags]
    public enum EvidenceSources
    {
        None = 0,
        AccountSummary = 1,
        VirtualMfaDevices = 2,
        CredentialReport = 4,
        SecurityContact = 8,
        Organization = 16,
        OrganizationsFeatures = 32,
        SignInMonitor = 64,
        UsageMonitor = 128,
    }
}
