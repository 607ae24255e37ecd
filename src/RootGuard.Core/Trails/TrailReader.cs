using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Aws;
using RootGuard.Core.Aws.CloudTrail;
using RootGuard.Core.Aws.CloudTrail.Model;

namespace RootGuard.Core.Trails
{
    /// <summary>
    /// Reads CloudTrail trails, their status and their event selectors: the only place that makes these requests.
    /// Callers keep their own answer to a failed read (a terminating error, a warning, or a recorded failure).
    /// </summary>
    public static class TrailReader
    {
        /// <summary>The IAM actions the reads need.</summary>
        public static readonly string[] Permissions =
        {
            "cloudtrail:DescribeTrails", "cloudtrail:GetEventSelectors", "cloudtrail:GetTrailStatus",
        };

        /// <summary>
        /// The trails visible from the client's region: its own, and as shadow trails the multi-region and organization
        /// trails whose home is elsewhere.
        /// </summary>
        public static async Task<List<Trail>> ListAsync(ICloudTrailClient cloudTrail, CancellationToken cancellationToken) =>
            (await cloudTrail.DescribeTrailsAsync(new DescribeTrailsRequest { IncludeShadowTrails = true }, cancellationToken).ConfigureAwait(false)).TrailList;

        /// <summary>
        /// A client in the trail's home region. A shadow trail's status and selectors are read there, by ARN: that works
        /// for trails of other regions and, for organization trails, from member accounts.
        /// </summary>
        public static ICloudTrailClient HomeClient(AwsClientFactory clients, Trail trail, string fallbackRegion) =>
            clients.CreateCloudTrail(trail.HomeRegion ?? fallbackRegion);

        public static Task<GetTrailStatusResponse> ReadStatusAsync(ICloudTrailClient cloudTrail, Trail trail, CancellationToken cancellationToken) =>
            cloudTrail.GetTrailStatusAsync(new GetTrailStatusRequest { Name = IdOf(trail) }, cancellationToken);

        public static Task<GetEventSelectorsResponse> ReadSelectorsAsync(ICloudTrailClient cloudTrail, Trail trail, CancellationToken cancellationToken) =>
            cloudTrail.GetEventSelectorsAsync(new GetEventSelectorsRequest { TrailName = IdOf(trail) }, cancellationToken);

        /// <summary>The trail's ARN (which reaches shadow trails), else its name.</summary>
        public static string? IdOf(Trail trail) => trail.TrailARN ?? trail.Name;
    }
}
