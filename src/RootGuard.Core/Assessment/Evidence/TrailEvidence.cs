using RootGuard.Core.Aws.CloudTrail.Model;

namespace RootGuard.Core.Assessment.Evidence
{
    /// <summary>One trail's status and event selectors.</summary>
    public sealed class TrailEvidence
    {
        public TrailEvidence(Trail trail, SourceResult<GetTrailStatusResponse>? status, SourceResult<GetEventSelectorsResponse>? selectors)
        {
            Trail = trail;
            Status = status;
            Selectors = selectors;
        }

        public Trail Trail { get; }
        public SourceResult<GetTrailStatusResponse>? Status { get; }
        public SourceResult<GetEventSelectorsResponse>? Selectors { get; }
    }
}
