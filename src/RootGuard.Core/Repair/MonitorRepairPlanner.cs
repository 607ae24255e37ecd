using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Aws;
using RootGuard.Core.SignInAlert;
using RootGuard.Core.UsageAlarm;

namespace RootGuard.Core.Repair
{
    /// <summary>
    /// RG.ROOT.5 and .6's fixes: New-RootSignInAlert's and New-RootUsageAlarm's own planners with their defaults, run
    /// with the account's clients (the caller's, or an assumed role in a member account).
    /// </summary>
    public static class MonitorRepairPlanner
    {
        public static async Task<FixPlan> PlanSignInAlertAsync(AwsClientFactory accountClients, string accountId, MonitorNotification notification,
            CancellationToken cancellationToken)
        {
            var region = SignInAlertRegion.Resolve(null, accountClients.Connection.Region, false, out _);
            var request = new SignInAlertRequest(region, accountId)
            {
                TopicArn = string.IsNullOrEmpty(notification.TopicArn) ? null : notification.TopicArn,
                EmailAddresses = notification.EmailAddresses,
            };
            var plan = await new SignInAlertPlanner(accountClients).PlanAsync(request, cancellationToken).ConfigureAwait(false);
            return new FixPlan(accountId, RootFix.SignInAlert, plan.Changes, plan.Warnings);
        }

        public static async Task<FixPlan> PlanUsageAlarmAsync(AwsClientFactory accountClients, string accountId, MonitorNotification notification,
            CancellationToken cancellationToken)
        {
            var plan = await new UsageAlarmPlanner(accountClients).PlanAsync(new UsageAlarmRequest(new UsageAlarmSettings(), new UsageAlarmNotification
            {
                TopicArn = string.IsNullOrEmpty(notification.TopicArn) ? null : notification.TopicArn,
                EmailAddresses = notification.EmailAddresses,
            }), cancellationToken).ConfigureAwait(false);
            return new FixPlan(accountId, RootFix.UsageAlarm, plan.Changes, plan.Warnings);
        }
    }
}
