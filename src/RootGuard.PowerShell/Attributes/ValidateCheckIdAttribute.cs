using System.Management.Automation;
using RootGuard.Core.Assessment;

namespace RootGuard.PowerShell.Attributes
{
    /// <summary>Accepts only the ids of RootGuard's checks (case-insensitive).</summary>
    public sealed class ValidateCheckIdAttribute : ValidateEnumeratedArgumentsAttribute
    {
        protected override void ValidateElement(object element)
        {
            var id = (element is PSObject ps ? ps.BaseObject : element) as string;
            if (id == null || !AssessmentCatalog.IsKnownId(id))
            {
                throw new ValidationMetadataException(
                    $"'{element}' is not a RootGuard check id. Known ids: {string.Join(", ", AssessmentCatalog.Ids)}.");
            }
        }
    }
}
