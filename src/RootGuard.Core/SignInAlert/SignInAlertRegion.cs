using RootGuard.Core.Connection;
using RootGuard.Core.NotificationTopic;

namespace RootGuard.Core.SignInAlert
{
    /// <summary>Where the sign-in rule must live, and what happens when the user asks for elsewhere.</summary>
    public static class SignInAlertRegion
    {
        /// <summary>
        /// The region for the rule: the partition's home region, where AWS delivers console sign-in events. An
        /// explicit other region is refused unless <paramref name="force"/>, and then <paramref name="warning"/> says why.
        /// </summary>
        /// <param name="explicitRegion">The -Region the user typed; null when the region came from the session or profile.</param>
        /// <param name="sessionRegion">The resolved connection's region, which only picks the partition.</param>
        /// <param name="force">-Force: accept a region other than the home region.</param>
        /// <param name="warning">Set when a non-home region is accepted: why the alert may miss events.</param>
        public static string Resolve(string? explicitRegion, string sessionRegion, bool force, out string? warning)
        {
            warning = null;
            var home = AwsPartitions.HomeRegion(AwsPartitions.PartitionOf(explicitRegion ?? sessionRegion));
            if (explicitRegion == null || explicitRegion == home)
            {
                return home;
            }

            if (!force)
            {
                throw new RootGuardException(ErrorIds.NotHomeRegion, FailureKind.InvalidArgument,
                    $"-Region: console sign-in events of the {AwsPartitions.PartitionOf(explicitRegion)} partition reach EventBridge in {home}, so a rule in {explicitRegion} would most likely never fire.",
                    $"Leave out -Region (RootGuard uses {home}), or add -Force to create the rule in {explicitRegion} anyway.", "Region");
            }

            warning = $"Creating the sign-in alert in {explicitRegion} because of -Force. Root console sign-in events are delivered to EventBridge in {home}; "
                      + $"in {explicitRegion} the alert only sees sign-ins AWS happens to record there and may miss most or all of them.";
            return explicitRegion;
        }

        /// <summary>
        /// The home region a topic ARN implies (its partition's), for checking -TopicArn before the credentials, and so the
        /// session's region, are resolved; null without an ARN or for a malformed one (the ARN check then reports it).
        /// </summary>
        public static string? HomeRegionOfTopic(string? topicArn)
        {
            var region = ArnParts.RegionOf(topicArn);
            return AwsPartitions.IsValidRegionName(region) ? AwsPartitions.HomeRegion(AwsPartitions.PartitionOf(region!)) : null;
        }
    }
}
