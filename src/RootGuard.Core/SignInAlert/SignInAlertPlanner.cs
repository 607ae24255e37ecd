using System;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Aws;
using RootGuard.Core.Aws.EventBridge.Model;
using RootGuard.Core.Connection;
using RootGuard.Core.NotificationTopic;
using RootGuard.Core.Planning;

namespace RootGuard.Core.SignInAlert
{
    /// <summary>
    /// Plans the root sign-in alert: the SNS topic (through <see cref="NotificationTopicPlanner"/>), the EventBridge
    /// rule with the sign-in pattern, and RootGuard's target on it (through <see cref="SignInRulePlanner"/>, in the
    /// request's region). It reads what exists and plans only the difference, so a second run plans nothing and a
    /// changed parameter is corrected in place. It also reads the caller's account id when the request does not carry
    /// it, and says when no trail records the management events the rule needs (<see cref="CloudTrailCoverageCheck"/>).
    /// </summary>
    public sealed class SignInAlertPlanner : IChangePlanner<SignInAlertRequest, SignInAlertPlan>
    {
        /// <summary>The state RootGuard gives its rule; any enabled state of the model (<see cref="RuleStates"/>) is left as it is.</summary>
        public const string EnabledState = RuleState.ENABLED;
        public const string RuleResourceType = "EventBridge rule";
        public const string RuleTagsResourceType = "EventBridge rule tags";
        public const string TargetResourceType = "EventBridge target";

        private readonly AwsClientFactory clients;
        private readonly TopicPolicyWriteRetry? policyRetry;

        /// <summary>A planner that reaches the request's region through <paramref name="clients"/>.</summary>
        /// <param name="clients">The command's clients.</param>
        /// <param name="policyRetry">How topic policy writes are re-checked against concurrent writers; null for the default.</param>
        public SignInAlertPlanner(AwsClientFactory clients, TopicPolicyWriteRetry? policyRetry = null)
        {
            this.clients = clients ?? throw new ArgumentNullException(nameof(clients));
            this.policyRetry = policyRetry;
        }

        /// <summary>
        /// Reads and plans: the rule, the account id (unless the request carries it) and the topic, while the CloudTrail
        /// coverage check reads the trails alongside; its finding is one of the plan's warnings.
        /// </summary>
        public async Task<SignInAlertPlan> PlanAsync(SignInAlertRequest request, CancellationToken cancellationToken = default)
        {
            request.Validate();
            // The CloudTrail check needs nothing of the plan: it reads while the account id, the rule and the topic are read.
            var coverageRead = CloudTrailCoverageCheck.CheckAsync(clients, request.Region, cancellationToken);
            SignInAlertPlan plan;
            try
            {
                plan = await new SignInRulePlanner(clients.CreateEventBridge(request.Region), clients.CreateSns(request.Region),
                        clients.CreateKms(request.Region), policyRetry)
                    .PlanAsync(request, request.HasAccountId ? null : ct => CallerAccount.ReadIdAsync(clients, request.Region, ct), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The plan's failure is the one reported; the check is still waited for, so it never outlives the command's clients.
                await Task.WhenAny(coverageRead).ConfigureAwait(false);
                throw;
            }

            var coverage = await coverageRead.ConfigureAwait(false);
            return coverage.Warning == null ? plan : plan.WithWarning(coverage.Warning);
        }
    }
}
