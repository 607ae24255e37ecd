using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Eb = RootGuard.Core.Aws.EventBridge.Model;
using Kms = RootGuard.Core.Aws.Kms.Model;
using Sns = RootGuard.Core.Aws.Sns.Model;

namespace RootGuard.Core.Tests.SignInAlert
{
    /// <summary>
    /// In-memory SNS, EventBridge and KMS, just enough for the planners' decisions: what exists is plain data the test
    /// sets up, and every mutating call is recorded.
    /// </summary>
    internal sealed class FakeSns : RootGuard.Core.Aws.Sns.ISnsClient
    {
        public sealed class Topic
        {
            public Dictionary<string, string> Attributes { get; } = new();
            public Dictionary<string, string> Tags { get; } = new();
            public List<Sns.Subscription> Subscriptions { get; } = new();
        }

        public Dictionary<string, Topic> Topics { get; } = new();
        public List<string> Calls { get; } = new();

        /// <summary>The attributes GetSubscriptionAttributes answers with, by subscription ARN (none set: no filter policy).</summary>
        public Dictionary<string, Dictionary<string, string>> SubscriptionAttributes { get; } = new();

        // Classified by its code, as an answer from AWS is (AwsErrorTranslator reads the code of a plain service exception).
        internal static AmazonServiceException Error(string message, string code, HttpStatusCode status) =>
            new(message, ErrorType.Sender, code, "req", status);

        public Topic Add(string arn, string? policy = null, params (string Key, string Value)[] tags)
        {
            var topic = new Topic();
            if (policy != null) topic.Attributes["Policy"] = policy;
            foreach (var (key, value) in tags) topic.Tags[key] = value;
            Topics[arn] = topic;
            return topic;
        }

        private Topic Get(string? arn) => arn != null && Topics.TryGetValue(arn, out var t)
            ? t
            : throw Error("Topic does not exist", "NotFound", HttpStatusCode.NotFound);

        public Task<Sns.CreateTopicResponse> CreateTopicAsync(Sns.CreateTopicRequest request, CancellationToken cancellationToken = default)
        {
            Calls.Add("CreateTopic");
            var arn = "arn:aws:sns:us-east-1:123456789012:" + request.Name;
            var topic = Add(arn, null, request.Tags.Select(t => (t.Key!, t.Value!)).ToArray());
            foreach (var a in request.Attributes) topic.Attributes[a.Key] = a.Value;
            return Task.FromResult(new Sns.CreateTopicResponse { TopicArn = arn });
        }

        public Task<Sns.GetTopicAttributesResponse> GetTopicAttributesAsync(Sns.GetTopicAttributesRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult(new Sns.GetTopicAttributesResponse { Attributes = new Dictionary<string, string>(Get(request.TopicArn).Attributes) });

        /// <summary>Called after each SetTopicAttributes with the topic: another writer acting right after RootGuard's write.</summary>
        public Action<Topic>? AfterSetTopicAttributes { get; set; }

        public Task<Sns.SetTopicAttributesResponse> SetTopicAttributesAsync(Sns.SetTopicAttributesRequest request, CancellationToken cancellationToken = default)
        {
            Calls.Add("SetTopicAttributes:" + request.AttributeName);
            var topic = Get(request.TopicArn);
            topic.Attributes[request.AttributeName!] = request.AttributeValue!;
            AfterSetTopicAttributes?.Invoke(topic);
            return Task.FromResult(new Sns.SetTopicAttributesResponse());
        }

        public Task<Sns.SubscribeResponse> SubscribeAsync(Sns.SubscribeRequest request, CancellationToken cancellationToken = default)
        {
            Calls.Add("Subscribe:" + request.Endpoint);
            var arn = request.TopicArn + ":" + Guid.NewGuid();
            Get(request.TopicArn).Subscriptions.Add(new Sns.Subscription { Protocol = request.Protocol, Endpoint = request.Endpoint, SubscriptionArn = arn, TopicArn = request.TopicArn });
            return Task.FromResult(new Sns.SubscribeResponse { SubscriptionArn = arn });
        }

        public Task<Sns.UnsubscribeResponse> UnsubscribeAsync(Sns.UnsubscribeRequest request, CancellationToken cancellationToken = default)
        {
            Calls.Add("Unsubscribe");
            foreach (var topic in Topics.Values) topic.Subscriptions.RemoveAll(s => s.SubscriptionArn == request.SubscriptionArn);
            return Task.FromResult(new Sns.UnsubscribeResponse());
        }

        public Task<Sns.ListSubscriptionsByTopicResponse> ListSubscriptionsByTopicAsync(Sns.ListSubscriptionsByTopicRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult(new Sns.ListSubscriptionsByTopicResponse { Subscriptions = Get(request.TopicArn).Subscriptions.ToList() });

        public Task<Sns.GetSubscriptionAttributesResponse> GetSubscriptionAttributesAsync(Sns.GetSubscriptionAttributesRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult(new Sns.GetSubscriptionAttributesResponse
            {
                Attributes = new Dictionary<string, string>(SubscriptionAttributes.TryGetValue(request.SubscriptionArn!, out var a) ? a : new Dictionary<string, string>()),
            });

        public Task<Sns.ListTopicsResponse> ListTopicsAsync(Sns.ListTopicsRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult(new Sns.ListTopicsResponse { Topics = Topics.Keys.Select(k => new Sns.Topic { TopicArn = k }).ToList() });

        public Task<Sns.DeleteTopicResponse> DeleteTopicAsync(Sns.DeleteTopicRequest request, CancellationToken cancellationToken = default)
        {
            Calls.Add("DeleteTopic");
            Topics.Remove(request.TopicArn!);
            return Task.FromResult(new Sns.DeleteTopicResponse());
        }

        public Task<Sns.TagResourceResponse> TagResourceAsync(Sns.TagResourceRequest request, CancellationToken cancellationToken = default)
        {
            Calls.Add("TagResource");
            foreach (var t in request.Tags) Get(request.ResourceArn).Tags[t.Key!] = t.Value!;
            return Task.FromResult(new Sns.TagResourceResponse());
        }

        public Task<Sns.UntagResourceResponse> UntagResourceAsync(Sns.UntagResourceRequest request, CancellationToken cancellationToken = default)
        {
            Calls.Add("UntagResource");
            foreach (var k in request.TagKeys) Get(request.ResourceArn).Tags.Remove(k);
            return Task.FromResult(new Sns.UntagResourceResponse());
        }

        public Task<Sns.ListTagsForResourceResponse> ListTagsForResourceAsync(Sns.ListTagsForResourceRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult(new Sns.ListTagsForResourceResponse
            {
                Tags = Get(request.ResourceArn).Tags.Select(t => new Sns.Tag { Key = t.Key, Value = t.Value }).ToList(),
            });

        public Task<Sns.PublishResponse> PublishAsync(Sns.PublishRequest request, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public void Dispose()
        {
        }
    }

    internal sealed class FakeEventBridge : RootGuard.Core.Aws.EventBridge.IEventBridgeClient
    {
        public sealed class Rule
        {
            public Eb.DescribeRuleResponse Definition { get; set; } = new();
            public Dictionary<string, string> Tags { get; } = new();
            public List<Eb.Target> Targets { get; } = new();
        }

        public Dictionary<string, Rule> Rules { get; } = new();
        public List<string> Calls { get; } = new();

        /// <summary>When set, PutTargets answers 200 with this entry failed, as EventBridge does.</summary>
        public Eb.PutTargetsResultEntry? FailPutTargets { get; set; }

        public Rule Add(string name, string pattern, string state = "ENABLED", string? description = null, params (string Key, string Value)[] tags)
        {
            var rule = new Rule
            {
                Definition = new Eb.DescribeRuleResponse
                {
                    Name = name, Arn = "arn:aws:events:us-east-1:123456789012:rule/" + name, EventPattern = pattern, State = state, Description = description,
                },
            };
            foreach (var (key, value) in tags) rule.Tags[key] = value;
            Rules[name] = rule;
            return rule;
        }

        private Rule Get(string? name) => name != null && Rules.TryGetValue(name, out var r)
            ? r
            : throw FakeSns.Error($"Rule {name} does not exist.", "ResourceNotFoundException", HttpStatusCode.BadRequest);

        public Task<Eb.PutRuleResponse> PutRuleAsync(Eb.PutRuleRequest request, CancellationToken cancellationToken = default)
        {
            Calls.Add("PutRule");
            if (!Rules.TryGetValue(request.Name!, out var rule))
            {
                rule = Add(request.Name!, request.EventPattern!, request.State!, request.Description, request.Tags.Select(t => (t.Key!, t.Value!)).ToArray());
            }

            rule.Definition.EventPattern = request.EventPattern;
            rule.Definition.State = request.State;
            rule.Definition.Description = request.Description;
            return Task.FromResult(new Eb.PutRuleResponse { RuleArn = rule.Definition.Arn });
        }

        public Task<Eb.DescribeRuleResponse> DescribeRuleAsync(Eb.DescribeRuleRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult(Get(request.Name).Definition);

        public Task<Eb.ListRulesResponse> ListRulesAsync(Eb.ListRulesRequest request, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<Eb.PutTargetsResponse> PutTargetsAsync(Eb.PutTargetsRequest request, CancellationToken cancellationToken = default)
        {
            Calls.Add("PutTargets");
            if (FailPutTargets != null)
            {
                return Task.FromResult(new Eb.PutTargetsResponse { FailedEntryCount = 1, FailedEntries = { FailPutTargets } });
            }

            var rule = Get(request.Rule);
            foreach (var target in request.Targets)
            {
                rule.Targets.RemoveAll(t => t.Id == target.Id);
                rule.Targets.Add(target);
            }

            return Task.FromResult(new Eb.PutTargetsResponse { FailedEntryCount = 0 });
        }

        public Task<Eb.ListTargetsByRuleResponse> ListTargetsByRuleAsync(Eb.ListTargetsByRuleRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult(new Eb.ListTargetsByRuleResponse { Targets = Get(request.Rule).Targets.ToList() });

        public Task<Eb.RemoveTargetsResponse> RemoveTargetsAsync(Eb.RemoveTargetsRequest request, CancellationToken cancellationToken = default)
        {
            Calls.Add("RemoveTargets");
            Get(request.Rule).Targets.RemoveAll(t => request.Ids.Contains(t.Id!));
            return Task.FromResult(new Eb.RemoveTargetsResponse { FailedEntryCount = 0 });
        }

        public Task<Eb.DisableRuleResponse> DisableRuleAsync(Eb.DisableRuleRequest request, CancellationToken cancellationToken = default)
        {
            Calls.Add("DisableRule");
            Get(request.Name).Definition.State = "DISABLED";
            return Task.FromResult(new Eb.DisableRuleResponse());
        }

        public Task<Eb.DeleteRuleResponse> DeleteRuleAsync(Eb.DeleteRuleRequest request, CancellationToken cancellationToken = default)
        {
            Calls.Add("DeleteRule");
            Rules.Remove(request.Name!);
            return Task.FromResult(new Eb.DeleteRuleResponse());
        }

        public Task<Eb.TagResourceResponse> TagResourceAsync(Eb.TagResourceRequest request, CancellationToken cancellationToken = default)
        {
            Calls.Add("TagResource");
            var rule = Rules.Values.Single(r => r.Definition.Arn == request.ResourceARN);
            foreach (var t in request.Tags) rule.Tags[t.Key!] = t.Value!;
            return Task.FromResult(new Eb.TagResourceResponse());
        }

        public Task<Eb.UntagResourceResponse> UntagResourceAsync(Eb.UntagResourceRequest request, CancellationToken cancellationToken = default)
        {
            Calls.Add("UntagResource");
            var rule = Rules.Values.Single(r => r.Definition.Arn == request.ResourceARN);
            foreach (var k in request.TagKeys) rule.Tags.Remove(k);
            return Task.FromResult(new Eb.UntagResourceResponse());
        }

        public Task<Eb.TestEventPatternResponse> TestEventPatternAsync(Eb.TestEventPatternRequest request, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<Eb.ListTagsForResourceResponse> ListTagsForResourceAsync(Eb.ListTagsForResourceRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult(new Eb.ListTagsForResourceResponse
            {
                Tags = Rules.Values.Single(r => r.Definition.Arn == request.ResourceARN).Tags.Select(t => new Eb.Tag { Key = t.Key, Value = t.Value }).ToList(),
            });

        public void Dispose()
        {
        }
    }

    /// <summary>
    /// In-memory KMS: the customer managed keys the test sets up, each with its key policy. A key not set up is not found,
    /// as KMS answers.
    /// </summary>
    internal sealed class FakeKms : RootGuard.Core.Aws.Kms.IKmsClient
    {
        public Dictionary<string, string> Policies { get; } = new(StringComparer.Ordinal);

        public List<string> Calls { get; } = new();

        public Task<Kms.DescribeKeyResponse> DescribeKeyAsync(Kms.DescribeKeyRequest request, CancellationToken cancellationToken = default)
        {
            Calls.Add("DescribeKey " + request.KeyId);
            Known(request.KeyId);
            return Task.FromResult(new Kms.DescribeKeyResponse
            {
                KeyMetadata = new Kms.KeyMetadata { KeyId = request.KeyId, Arn = request.KeyId, KeyManager = "CUSTOMER" },
            });
        }

        public Task<Kms.GetKeyPolicyResponse> GetKeyPolicyAsync(Kms.GetKeyPolicyRequest request, CancellationToken cancellationToken = default)
        {
            Calls.Add("GetKeyPolicy " + request.KeyId);
            return Task.FromResult(new Kms.GetKeyPolicyResponse { Policy = Policies[Known(request.KeyId)], PolicyName = request.PolicyName });
        }

        private string Known(string? keyId) =>
            keyId != null && Policies.ContainsKey(keyId)
                ? keyId
                : throw new AmazonServiceException($"Key '{keyId}' does not exist") { ErrorCode = "NotFoundException", StatusCode = HttpStatusCode.BadRequest };

        public void Dispose()
        {
        }
    }
}
