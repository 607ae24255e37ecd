using System.Threading;
using System.Threading.Tasks;

namespace RootGuard.Core.Planning
{
    /// <summary>
    /// Reads what exists and plans a request; changes nothing. A planner is built from the command's
    /// <see cref="Aws.AwsClientFactory"/>, so it reaches every service and region through the one connection.
    /// </summary>
    public interface IChangePlanner<in TRequest, TPlan>
        where TRequest : IChangeRequest
        where TPlan : IChangePlan
    {
        /// <summary>Validates <paramref name="request"/> again (a planner may be called without the command), then reads and plans.</summary>
        Task<TPlan> PlanAsync(TRequest request, CancellationToken cancellationToken = default);
    }
}
