using System.Threading.Tasks;
using RootGuard.Core.Aws.CloudTrail.Model;

namespace RootGuard.Core.Trails
{
    /// <summary>One trail as read: its description, then its status and selectors (each an answer or the failure).</summary>
    public sealed class TrailReading
    {
        internal TrailReading(Trail trail, Task<GetTrailStatusResponse> status, Task<GetEventSelectorsResponse> selectors)
        {
            Trail = trail;
            StatusRead = status;
            SelectorsRead = selectors;
        }

        public Trail Trail { get; }

        /// <summary>Completed: its result, or the exception the read failed with.</summary>
        public Task<GetTrailStatusResponse> StatusRead { get; }

        /// <summary>Completed: its result, or the exception the read failed with.</summary>
        public Task<GetEventSelectorsResponse> SelectorsRead { get; }
    }
}
