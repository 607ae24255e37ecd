using System;
using RootGuard.Core.Connection;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Assessment.Checks;
using RootGuard.Core.Assessment.Evidence;
using RootGuard.Core.Aws;
using RootGuard.Core.Aws.Account.Model;
using RootGuard.Core.Aws.CloudTrail.Model;
using RootGuard.Core.Aws.CloudWatch;
using RootGuard.Core.Aws.CloudWatch.Model;
using RootGuard.Core.Aws.CloudWatchLogs;
using RootGuard.Core.Aws.CloudWatchLogs.Model;
using RootGuard.Core.Aws.EventBridge;
using RootGuard.Core.Aws.EventBridge.Model;
using RootGuard.Core.Aws.Iam;
using RootGuard.Core.Aws.Iam.Model;
using RootGuard.Core.Aws.Kms.Model;
using RootGuard.Core.Aws.Organizations.Model;
using RootGuard.Core.Aws.Sns;
using RootGuard.Core.Aws.Sns.Model;
using RootGuard.Core.NotificationTopic;
using RootGuard.Core.SignInAlert;
using RootGuard.Core.Trails;

namespace RootGuard.Core.Assessment
{
    /// <summary>
    /// Reads the evidence the selected checks need. Every read starts as soon as the reads it depends on have returned,
    /// never when a whole group (a "wave") has: a rule's topic is read when that rule's targets are in, not when every
    /// rule's are; an alarm's topic when the filters and that region's alarms are in, whatever the trails' status reads
    /// are doing. So the wall time is close to the slowest chain of dependent calls. Each topic is read once per
    /// assessment, also when both monitors notify it. A failed read is recorded with its IAM action and does not stop
    /// the others. Nothing here decides a finding. One gatherer serves one assessment: its topic reads are kept for it.
    /// </summary>
    public sealed class AssessmentEvidenceGatherer
    {
        private readonly AwsClientFactory clients;
        private readonly AssessmentOptions options;

        // One read per topic per assessment: the sign-in rule and the usage alarm often notify the same topic.
        private readonly ReadOnce<TopicEvidence> topicReads = new ReadOnce<TopicEvidence>();

        // One read of a region's trails, and of each trail's status and selectors, per assessment: both monitors judge
        // the trails (the sign-in alert whether they bring sign-ins to EventBridge, the usage alarm its CIS chain).
        private readonly ReadOnce<List<Trail>> trailLists = new ReadOnce<List<Trail>>();
        private readonly ReadOnce<GetTrailStatusResponse> trailStatuses = new ReadOnce<GetTrailStatusResponse>();
        private readonly ReadOnce<GetEventSelectorsResponse> trailSelectors = new ReadOnce<GetEventSelectorsResponse>();

        public AssessmentEvidenceGatherer(AwsClientFactory clients, AssessmentOptions? options = null)
        {
            this.clients = clients ?? throw new ArgumentNullException(nameof(clients));
            this.options = options ?? new AssessmentOptions();
        }

        private string HomeRegion => Connection.AwsPartitions.HomeRegion(clients.Connection.Partition);

        public async Task<AssessmentEvidence> GatherAsync(EvidenceSources sources, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var evidence = new AssessmentEvidence();
            var work = new List<Task>();
            bool Needs(EvidenceSources s) => (sources & s) != 0;

            // Created here, once: the factory's cache could build a client twice if the concurrent reads raced to it.
            var iam = Needs(EvidenceSources.AccountSummary | EvidenceSources.VirtualMfaDevices | EvidenceSources.CredentialReport | EvidenceSources.OrganizationsFeatures)
                ? clients.CreateIam()
                : null;

            if (Needs(EvidenceSources.AccountSummary))
                work.Add(Run(async () => evidence.AccountSummary = await Read<IReadOnlyDictionary<string, int>>("iam:GetAccountSummary", ct,
                    async () => (await iam!.GetAccountSummaryAsync(new GetAccountSummaryRequest(), ct).ConfigureAwait(false)).SummaryMap)));
            if (Needs(EvidenceSources.VirtualMfaDevices))
                work.Add(Run(async () => evidence.VirtualMfaDevices = await Read<IReadOnlyList<VirtualMFADevice>>("iam:ListVirtualMFADevices", ct,
                    async () => await iam!.ListVirtualMFADevicesAllAsync(new ListVirtualMFADevicesRequest { AssignmentStatus = "Assigned" }, ct).ConfigureAwait(false))));
            if (Needs(EvidenceSources.CredentialReport))
                work.Add(Run(async () => evidence.CredentialReport = await Read("iam:GetCredentialReport", ct, () => LoadCredentialReportAsync(iam!, ct))));
            if (Needs(EvidenceSources.SecurityContact))
                work.Add(Run(async () => evidence.SecurityContact = await Read<AlternateContact?>("account:GetAlternateContact", ct, async () =>
                {
                    try
                    {
                        return (await clients.CreateAccount().GetAlternateContactAsync(new GetAlternateContactRequest { AlternateContactType = "SECURITY" }, ct).ConfigureAwait(false)).AlternateContact;
                    }
                    catch (Exception e) when (AwsErrorTranslator.IsNotFound(e))
                    {
                        return null; // No contact of that type: a fact, not a failure.
                    }
                })));
            if (Needs(EvidenceSources.Organization))
                work.Add(Run(async () => evidence.Organization = await Read<Organization?>("organizations:DescribeOrganization", ct, async () =>
                {
                    try
                    {
                        return (await clients.CreateOrganizations().DescribeOrganizationAsync(new DescribeOrganizationRequest(), ct).ConfigureAwait(false)).Organization;
                    }
                    catch (Exception e) when (AwsErrorTranslator.ErrorCodeOf(e) == "AWSOrganizationsNotInUseException")
                    {
                        return null;
                    }
                })));
            if (Needs(EvidenceSources.OrganizationsFeatures))
                work.Add(Run(async () => evidence.OrganizationsFeatures = await Read("iam:ListOrganizationsFeatures", ct, async () =>
                {
                    try
                    {
                        var answer = await iam!.ListOrganizationsFeaturesAsync(new ListOrganizationsFeaturesRequest(), ct).ConfigureAwait(false);
                        return new OrganizationsFeaturesFact(answer.EnabledFeatures);
                    }
                    catch (Exception e) when (AwsErrorTranslator.ErrorCodeOf(e) is { } code && OrganizationFacts.Contains(code))
                    {
                        return new OrganizationsFeaturesFact(Array.Empty<string>(), code);
                    }
                })));
            if (Needs(EvidenceSources.SignInMonitor))
                work.Add(Run(async () => evidence.SignInMonitor = await GatherSignInMonitorAsync(HomeRegion, ct).ConfigureAwait(false)));
            if (Needs(EvidenceSources.UsageMonitor))
                work.Add(Run(async () => evidence.UsageMonitor = await GatherUsageMonitorAsync(clients.Connection.Region, Array.Empty<string>(), ct).ConfigureAwait(false)));

            await Task.WhenAll(work).ConfigureAwait(false);
            return evidence;
        }

        // Answers of ListOrganizationsFeatures that describe the organization instead of a failure to read it.
        private static readonly HashSet<string> OrganizationFacts = new HashSet<string>(StringComparer.Ordinal)
        {
            "AccountNotManagementOrDelegatedAdministratorException", "ServiceAccessNotEnabledException",
            "OrganizationNotInAllFeaturesModeException", "OrganizationNotFoundException",
        };

        /// <summary>
        /// The trails that can bring the region's sign-ins to EventBridge, the EventBridge rules of a region, the targets
        /// of those that catch root sign-ins, and their topics: the home region for RG.ROOT.5, the rule's own region for
        /// the health of a RootGuard rule.
        /// </summary>
        public async Task<SignInMonitorEvidence> GatherSignInMonitorAsync(string region, CancellationToken ct)
        {
            // The trails need nothing of the rules: they are read alongside them, so the chain of calls grows no longer.
            var trails = ReadSignInTrailsAsync(region, ct);
            var events = clients.CreateEventBridge(region);
            var rules = await Read<IReadOnlyList<Rule>>("events:ListRules", ct,
                async () => await events.ListRulesAllAsync(new ListRulesRequest(), ct).ConfigureAwait(false)).ConfigureAwait(false);
            if (!rules.Succeeded) return new SignInMonitorEvidence(region, rules, await trails.ConfigureAwait(false));

            // Each candidate rule is its own chain: its topics are read as soon as its own targets are in.
            var chains = rules.Value!.Where(RootSignInAlertCheck.IsCandidate).Select(async rule =>
            {
                var ruleTargets = await Read<IReadOnlyList<Target>>("events:ListTargetsByRule", ct,
                    async () => await events.ListTargetsByRuleAllAsync(new ListTargetsByRuleRequest { Rule = rule.Name }, ct).ConfigureAwait(false)).ConfigureAwait(false);
                var topicArns = ruleTargets.Succeeded ? ruleTargets.Value!.Select(t => t.Arn).Where(IsSnsArn).Distinct().ToList() : new List<string?>();
                var topics = await Task.WhenAll(topicArns.Select(arn => ReadTopicOnceAsync(arn!, ct))).ConfigureAwait(false);
                return (Rule: rule.Name!, Targets: ruleTargets, Topics: topics);
            }).ToList();
            var read = await Task.WhenAll(chains).ConfigureAwait(false);
            var monitor = new SignInMonitorEvidence(region, rules, await trails.ConfigureAwait(false));
            foreach (var (rule, ruleTargets, topics) in read)
            {
                monitor.Targets[rule] = ruleTargets;
                foreach (var topic in topics) monitor.Topics[topic.TopicArn] = topic;
            }

            return monitor;
        }

        /// <summary>
        /// The trails seen from <paramref name="region"/> that can cover it (<see cref="CloudTrailCoverageCheck.CanCover"/>),
        /// with their status and selectors, as New-RootSignInAlert's coverage check judges them; the reads are shared with the usage chain's.
        /// </summary>
        private Task<SourceResult<TrailSnapshot>> ReadSignInTrailsAsync(string region, CancellationToken ct) =>
            Read("cloudtrail:DescribeTrails", ct, async () =>
            {
                var trails = await ListTrailsOnceAsync(region, ct).ConfigureAwait(false);
                var readings = trails.Where(t => CloudTrailCoverageCheck.CanCover(t, region))
                    .Select(t => new TrailReading(t, ReadTrailStatusOnceAsync(t, region, ct), ReadTrailSelectorsOnceAsync(t, region, ct))).ToList();
                var snapshot = await TrailSnapshot.OfAsync(region, readings, ct).ConfigureAwait(false);
                // As in every other read, an endpoint that did not answer as AWS ends the assessment instead of becoming a finding.
                var endpointFailure = readings.SelectMany(r => new Task[] { r.StatusRead, r.SelectorsRead })
                    .Select(t => t.Exception?.GetBaseException()).FirstOrDefault(e => e != null && AwsErrorTranslator.IsEndpointFailure(e));
                if (endpointFailure != null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(endpointFailure).Throw();
                return snapshot;
            });

        private Task<List<Trail>> ListTrailsOnceAsync(string region, CancellationToken ct) =>
            trailLists.GetAsync(region, r => TrailReader.ListAsync(clients.CreateCloudTrail(r), ct));

        private Task<GetTrailStatusResponse> ReadTrailStatusOnceAsync(Trail trail, string region, CancellationToken ct) =>
            trailStatuses.GetAsync(TrailKey(trail, region), _ => TrailReader.ReadStatusAsync(TrailReader.HomeClient(clients, trail, region), trail, ct));

        private Task<GetEventSelectorsResponse> ReadTrailSelectorsOnceAsync(Trail trail, string region, CancellationToken ct) =>
            trailSelectors.GetAsync(TrailKey(trail, region), _ => TrailReader.ReadSelectorsAsync(TrailReader.HomeClient(clients, trail, region), trail, ct));

        // A trail is the same seen from any region: its status and selectors are read in its home region, by ARN.
        private static string TrailKey(Trail trail, string region) => $"{trail.HomeRegion ?? region}|{TrailReader.IdOf(trail)}";

        /// <summary>
        /// The usage chain seen from a region: trails (multi-region ones from any home region are listed there), the
        /// filters on their log groups, the alarms of those log groups' regions and of <paramref name="alarmRegions"/>
        /// (where a RootGuard alarm whose health is asked lives), and the topics of the alarms that watch a filter's metric.
        /// </summary>
        public async Task<UsageMonitorEvidence> GatherUsageMonitorAsync(string region, IEnumerable<string> alarmRegions, CancellationToken ct)
        {
            // Shadow trails included: a multi-region trail created in another region is listed here too.
            var trails = await Read<IReadOnlyList<Trail>>("cloudtrail:DescribeTrails", ct, async () =>
                await ListTrailsOnceAsync(region, ct).ConfigureAwait(false)).ConfigureAwait(false);
            var monitor = new UsageMonitorEvidence(region, trails);
            if (!trails.Succeeded) return monitor;

            var multiRegion = trails.Value!.Where(t => t.IsMultiRegionTrail == true && t.TrailARN != null).ToList();
            // The log groups RG.ROOT.6 follows: those of trails that deliver to CloudWatch Logs, as TrailEvaluator reads the ARN.
            var logGroups = multiRegion.Select(t => t.CloudWatchLogsLogGroupArn).Distinct()
                .Select(a => (Arn: a!, Parts: LogGroupArnParts.TryParse(a))).Where(g => g.Parts != null).ToList();
            var readAlarmsIn = logGroups.Select(g => g.Parts!.Region).Concat(alarmRegions).Distinct().ToList();

            // Trail status, selectors, filters and alarms depend only on DescribeTrails, so they all start now.
            var details = multiRegion.Select(async trail =>
            {
                var status = Read("cloudtrail:GetTrailStatus", ct, () => ReadTrailStatusOnceAsync(trail, region, ct));
                var selectors = Read("cloudtrail:GetEventSelectors", ct, () => ReadTrailSelectorsOnceAsync(trail, region, ct));
                await Task.WhenAll(status, selectors).ConfigureAwait(false);
                return new TrailEvidence(trail, status.Result, selectors.Result);
            }).ToList();
            var filters = logGroups.Select(async g => (g.Arn, Filters: await Read<IReadOnlyList<MetricFilter>>("logs:DescribeMetricFilters", ct, async () =>
                await clients.CreateCloudWatchLogs(g.Parts!.Region)
                    .DescribeMetricFiltersAllAsync(new DescribeMetricFiltersRequest { LogGroupName = g.Parts!.Name }, ct).ConfigureAwait(false)).ConfigureAwait(false))).ToList();
            var alarms = readAlarmsIn.Select(async alarmRegion => (Region: alarmRegion, Alarms: await Read<IReadOnlyList<MetricAlarm>>("cloudwatch:DescribeAlarms", ct, async () =>
                (await clients.CreateCloudWatch(alarmRegion).DescribeAlarmsAllAsync(new DescribeAlarmsRequest { AlarmTypes = { "MetricAlarm" } }, ct).ConfigureAwait(false)).MetricAlarms).ConfigureAwait(false))).ToList();
            // Only the topics and mute rules of alarms that watch one of the filters' metrics matter: they are read as soon
            // as every filter and that region's alarms are in, without waiting for the trails' status and selectors. A mute
            // rule read sits beside the topic reads, so the chain of dependent calls grows no longer.
            var allFilters = Task.WhenAll(filters);
            var alarmChains = alarms.Select(async regionAlarms =>
            {
                var (alarmRegion, found) = await regionAlarms.ConfigureAwait(false);
                var metrics = (await allFilters.ConfigureAwait(false)).Where(f => f.Filters.Succeeded).SelectMany(f => f.Filters.Value!)
                    .SelectMany(f => f.MetricTransformations).Select(t => (t.MetricName, t.MetricNamespace)).ToList();
                var watching = found.Succeeded ? found.Value!.Where(a => metrics.Contains((a.MetricName, a.Namespace))).ToList() : new List<MetricAlarm>();
                var topicArns = watching.SelectMany(a => a.AlarmActions).Where(IsSnsArn).Distinct().ToList();
                var topics = Task.WhenAll(topicArns.Select(arn => ReadTopicOnceAsync(arn, ct)));
                var muteRules = Task.WhenAll(watching.Where(a => a.AlarmName != null).Select(a => a.AlarmName!).Distinct(StringComparer.Ordinal)
                    .Select(async name => (Key: UsageMonitorEvidence.MuteRuleKey(alarmRegion, name), Rules: await ReadMuteRulesAsync(alarmRegion, name, ct).ConfigureAwait(false))));
                await Task.WhenAll(topics, muteRules).ConfigureAwait(false);
                return (Topics: topics.Result, MuteRules: muteRules.Result);
            }).ToList();
            await Task.WhenAll(details.Cast<Task>().Concat(filters).Concat(alarms).Concat(alarmChains)).ConfigureAwait(false);

            foreach (var d in details) monitor.TrailDetails[d.Result.Trail.TrailARN!] = d.Result;
            foreach (var f in filters) monitor.MetricFilters[f.Result.Arn] = f.Result.Filters;
            foreach (var a in alarms) monitor.Alarms[a.Result.Region] = a.Result.Alarms;
            foreach (var topic in alarmChains.SelectMany(t => t.Result.Topics)) monitor.Topics[topic.TopicArn] = topic;
            foreach (var (key, rules) in alarmChains.SelectMany(t => t.Result.MuteRules)) monitor.MuteRules[key] = rules;
            return monitor;
        }

        /// <summary>The mute rules that target one alarm, in the alarm's region (ListAlarmMuteRules filtered by AlarmName).</summary>
        private Task<SourceResult<IReadOnlyList<AlarmMuteRuleSummary>>> ReadMuteRulesAsync(string region, string alarmName, CancellationToken ct) =>
            Read<IReadOnlyList<AlarmMuteRuleSummary>>("cloudwatch:ListAlarmMuteRules", ct, async () =>
                await clients.CreateCloudWatch(region).ListAlarmMuteRulesAllAsync(new ListAlarmMuteRulesRequest { AlarmName = alarmName }, ct).ConfigureAwait(false));

        /// <summary>The topic's evidence, read on the first request of this assessment and shared by every later one.</summary>
        private Task<TopicEvidence> ReadTopicOnceAsync(string topicArn, CancellationToken ct) =>
            topicReads.GetAsync(topicArn, arn => ReadTopicAsync(arn, ct));

        /// <summary>
        /// The topic's attributes and subscriptions together; then, each as soon as its read is in, the customer managed key
        /// the attributes name and the filter policies of the confirmed subscriptions.
        /// </summary>
        private async Task<TopicEvidence> ReadTopicAsync(string topicArn, CancellationToken ct)
        {
            var region = ArnParts.RegionOf(topicArn) ?? clients.Connection.Region;
            var sns = clients.CreateSns(region);
            var attributes = Read<IReadOnlyDictionary<string, string>>("sns:GetTopicAttributes", ct, async () =>
                (await sns.GetTopicAttributesAsync(new GetTopicAttributesRequest { TopicArn = topicArn }, ct).ConfigureAwait(false)).Attributes);
            var subscriptions = Read<IReadOnlyList<Subscription>>("sns:ListSubscriptionsByTopic", ct, async () =>
                await sns.ListSubscriptionsByTopicAllAsync(new ListSubscriptionsByTopicRequest { TopicArn = topicArn }, ct).ConfigureAwait(false));
            var key = ReadTopicKeyAsync(attributes, region, ct);
            var filters = ReadSubscriptionAttributesAsync(sns, subscriptions, ct);
            await Task.WhenAll(key, filters).ConfigureAwait(false);
            return new TopicEvidence(topicArn, attributes.Result, subscriptions.Result, key.Result, filters.Result);
        }

        private async Task<KeyEvidence?> ReadTopicKeyAsync(Task<SourceResult<IReadOnlyDictionary<string, string>>> attributesRead, string topicRegion, CancellationToken ct)
        {
            var attributes = await attributesRead.ConfigureAwait(false);
            if (attributes.Succeeded && attributes.Value!.TryGetValue("KmsMasterKeyId", out var keyId)
                && !string.IsNullOrEmpty(keyId) && !NotificationInputRules.IsAwsManagedSnsKey(keyId))
                return await ReadKeyAsync(keyId, topicRegion, ct).ConfigureAwait(false);
            return null;
        }

        /// <summary>Confirmed subscriptions read together, a batch at a time.</summary>
        private const int SubscriptionReadBatch = 4;

        /// <summary>
        /// The attributes of confirmed subscriptions (their filter policies; ListSubscriptionsByTopic does not show them),
        /// until one is found that delivers an alert (<see cref="FilterPolicyJudgement"/>): one is enough, so a topic with
        /// many subscribers costs one round trip, not one per subscriber.
        /// </summary>
        private static async Task<IReadOnlyDictionary<string, SourceResult<IReadOnlyDictionary<string, string>>>> ReadSubscriptionAttributesAsync(
            ISnsClient sns, Task<SourceResult<IReadOnlyList<Subscription>>> subscriptionsRead, CancellationToken ct)
        {
            var read = new Dictionary<string, SourceResult<IReadOnlyDictionary<string, string>>>(StringComparer.Ordinal);
            var subscriptions = await subscriptionsRead.ConfigureAwait(false);
            if (!subscriptions.Succeeded) return read;
            var confirmed = subscriptions.Value!.Where(MonitorLink.IsConfirmed).Select(s => s.SubscriptionArn!).Distinct(StringComparer.Ordinal).ToList();
            for (var start = 0; start < confirmed.Count; start += SubscriptionReadBatch)
            {
                var batch = confirmed.Skip(start).Take(SubscriptionReadBatch).ToList();
                var answers = await Task.WhenAll(batch.Select(arn => Read<IReadOnlyDictionary<string, string>>("sns:GetSubscriptionAttributes", ct, async () =>
                    (await sns.GetSubscriptionAttributesAsync(new GetSubscriptionAttributesRequest { SubscriptionArn = arn }, ct).ConfigureAwait(false)).Attributes)))
                    .ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++) read[batch[i]] = answers[i];
                if (answers.Any(a => a.Succeeded && FilterPolicyJudgement.Of(a.Value!).Delivery == FilterDelivery.Delivers)) break;
                // Denied for every one: the rest would be denied too.
                if (answers.All(a => a.Failure?.AccessDenied == true)) break;
            }

            return read;
        }

        /// <summary>DescribeKey (in the key ARN's region, else the topic's), then the default key policy of a customer managed key.</summary>
        private async Task<KeyEvidence> ReadKeyAsync(string keyId, string topicRegion, CancellationToken ct)
        {
            var kms = clients.CreateKms(ArnParts.RegionOf(keyId) is { Length: > 0 } keyRegion ? keyRegion : topicRegion);
            var metadata = await Read("kms:DescribeKey", ct, async () =>
                (await kms.DescribeKeyAsync(new DescribeKeyRequest { KeyId = keyId }, ct).ConfigureAwait(false)).KeyMetadata
                ?? throw new InvalidOperationException("DescribeKey answered without KeyMetadata.")).ConfigureAwait(false);
            if (!metadata.Succeeded || metadata.Value!.KeyManager == "AWS") return new KeyEvidence(keyId, metadata, null);
            var policy = await Read("kms:GetKeyPolicy", ct, async () =>
                (await kms.GetKeyPolicyAsync(new GetKeyPolicyRequest { KeyId = metadata.Value.Arn ?? keyId, PolicyName = "default" }, ct).ConfigureAwait(false)).Policy
                ?? string.Empty).ConfigureAwait(false);
            return new KeyEvidence(keyId, metadata, policy);
        }

        /// <summary>
        /// Reuses a fresh credential report (AWS keeps one for four hours), else generates one and polls with backoff.
        /// Called only when RG.ROOT.4 is selected: generating a report is the slowest call of the assessment.
        /// </summary>
        private async Task<CredentialReportSnapshot> LoadCredentialReportAsync(IIamClient iam, CancellationToken ct)
        {
            try
            {
                var existing = await iam.GetCredentialReportAsync(new GetCredentialReportRequest(), ct).ConfigureAwait(false);
                if (existing.GeneratedTime is { } generated && options.Clock() - AwsTime.Utc(generated) < options.CredentialReportMaxAge)
                    return Snapshot(existing, reused: true);
            }
            catch (Exception e) when (e is CredentialReportNotPresentException || e is CredentialReportExpiredException || e is CredentialReportNotReadyException)
            {
                // No usable report: generate one below.
            }
            catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested) && !AwsErrorTranslator.IsEndpointFailure(e))
            {
                throw new SourceCallException(SourceFailure.From("iam:GetCredentialReport", e), e);
            }

            var delay = options.CredentialReportInitialDelay;
            var watch = Stopwatch.StartNew();
            while (true)
            {
                var state = (await Call("iam:GenerateCredentialReport", () => iam.GenerateCredentialReportAsync(new GenerateCredentialReportRequest(), ct)).ConfigureAwait(false)).State;
                if (string.Equals(state, "COMPLETE", StringComparison.OrdinalIgnoreCase))
                {
                    try
                    {
                        return Snapshot(await iam.GetCredentialReportAsync(new GetCredentialReportRequest(), ct).ConfigureAwait(false), reused: false);
                    }
                    catch (Exception e) when (e is CredentialReportNotReadyException || e is CredentialReportNotPresentException)
                    {
                        // COMPLETE can be answered a moment before the report is readable: poll again.
                    }
                    catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested) && !AwsErrorTranslator.IsEndpointFailure(e))
                    {
                        throw new SourceCallException(SourceFailure.From("iam:GetCredentialReport", e), e);
                    }
                }

                if (watch.Elapsed > options.CredentialReportTimeout)
                    throw new SourceCallException(new SourceFailure("iam:GenerateCredentialReport", "ReportNotReady",
                        $"The credential report was not ready after {options.CredentialReportTimeout.TotalSeconds:0} seconds.", false), new TimeoutException());
                await Task.Delay(delay, ct).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.CredentialReportMaxDelay.Ticks));
            }
        }

        private static CredentialReportSnapshot Snapshot(GetCredentialReportResponse report, bool reused)
        {
            var csv = report.Content == null ? string.Empty : Encoding.UTF8.GetString(report.Content.ToArray());
            return CredentialReportSnapshot.Parse(csv, report.GeneratedTime is { } g ? AwsTime.Utc(g) : (DateTimeOffset?)null, reused);
        }

        private static bool IsSnsArn(string? arn) => ArnParts.IsService(arn, "sns");

        private static Task Run(Func<Task> work) => work();

        /// <summary>One read: its value, or the failure with the IAM action that was needed. Cancellation by the user still propagates.</summary>
        private static async Task<SourceResult<T>> Read<T>(string action, CancellationToken ct, Func<Task<T>> call)
        {
            try
            {
                return SourceResult<T>.Ok(await call().ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (SourceCallException e)
            {
                return SourceResult<T>.Failed(e.Failure);
            }
            catch (Exception e) when (!AwsErrorTranslator.IsEndpointFailure(e))
            {
                // A failed read makes only its checks Error. An endpoint that does not answer, or not as AWS, would make
                // every check Error (or worse, read an HTML page as "nothing there"): that ends the assessment instead.
                return SourceResult<T>.Failed(SourceFailure.From(action, e));
            }
        }

        /// <summary>A link of a chain: a failure stops the chain and names this call's action.</summary>
        private static async Task<T> Call<T>(string action, Func<Task<T>> call)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is OperationCanceledException) && !(e is SourceCallException) && !AwsErrorTranslator.IsEndpointFailure(e))
            {
                throw new SourceCallException(SourceFailure.From(action, e), e);
            }
        }
    }
}
