using System.Collections.Generic;

namespace RootGuard.Core.Assessment.Evidence
{
    /// <summary>IAM ListOrganizationsFeatures: the enabled features, or the organization error AWS answered with.</summary>
    public sealed class OrganizationsFeaturesFact
    {
        public OrganizationsFeaturesFact(IReadOnlyList<string> enabledFeatures, string? organizationErrorCode = null)
        {
            EnabledFeatures = enabledFeatures;
            OrganizationErrorCode = organizationErrorCode;
        }

        public IReadOnlyList<string> EnabledFeatures { get; }

        /// <summary>
        /// An answer that is a fact about the organization rather than a failure to read it:
        /// AccountNotManagementOrDelegatedAdministratorException, ServiceAccessNotEnabledException,
        /// OrganizationNotInAllFeaturesModeException, OrganizationNotFoundException.
        /// </summary>
        public string? OrganizationErrorCode { get; }
    }
}
