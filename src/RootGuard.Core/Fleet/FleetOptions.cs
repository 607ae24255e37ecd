using RootGuard.Core.Assessment;
using RootGuard.Core.Connection;

namespace RootGuard.Core.Fleet
{
    /// <summary>How a fleet run reaches and assesses each account.</summary>
    public sealed class FleetOptions
    {
        /// <summary>The role assumed in every account but the caller's own.</summary>
        public string RoleName { get; set; } = AssumedRoleConnector.DefaultRoleName;

        /// <summary>The external id the roles' trust policies ask for, or null.</summary>
        public string? ExternalId { get; set; }

        /// <summary>How many accounts are assessed at once.</summary>
        public int Concurrency { get; set; } = 4;

        public AssessmentOptions? Assessment { get; set; }
    }
}
