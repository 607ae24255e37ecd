using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using RootGuard.Core.Json;

namespace RootGuard.Core.NotificationTopic
{
    /// <summary>
    /// An SNS topic's access policy, edited by statement id: RootGuard adds, replaces and removes only its own
    /// statement and keeps every other statement (the owner's defaults, other teams' grants) as it was.
    /// </summary>
    public sealed class TopicPolicyDocument
    {
        private readonly JsonObject root;

        private TopicPolicyDocument(JsonObject root) => this.root = root;

        public static TopicPolicyDocument Parse(string? json)
        {
            if (string.IsNullOrWhiteSpace(json))
            {
                return new TopicPolicyDocument(new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray() });
            }

            var node = JsonNode.Parse(json!) as JsonObject ?? throw new FormatException("The topic policy is not a JSON object.");
            if (node["Statement"] is JsonObject single)
            {
                // IAM allows a single statement object; normalise it to an array so statements can be added.
                node["Statement"] = new JsonArray(single.DeepClone());
            }
            else if (node["Statement"] == null)
            {
                node["Statement"] = new JsonArray();
            }

            return new TopicPolicyDocument(node);
        }

        /// <summary>
        /// The statement that lets one AWS service publish to the topic, and only on behalf of one resource
        /// (aws:SourceArn), so another account's rule or alarm cannot use it (confused deputy).
        /// </summary>
        public static JsonObject ServicePublishStatement(string sid, string servicePrincipal, string topicArn, string sourceArn) => new JsonObject
        {
            ["Sid"] = sid,
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["Service"] = servicePrincipal },
            ["Action"] = "sns:Publish",
            ["Resource"] = topicArn,
            ["Condition"] = new JsonObject { ["ArnEquals"] = new JsonObject { ["aws:SourceArn"] = sourceArn } },
        };

        /// <summary>The Sid of the default statement SNS gives a new topic (and RootGuard writes into the topics it creates).</summary>
        public const string OwnerDefaultSid = "__default_statement_ID";

        /// <summary>The default statement SNS gives a new topic: the owning account may manage it.</summary>
        public static JsonObject OwnerDefaultStatement(string topicArn, string accountId) => new JsonObject
        {
            ["Sid"] = OwnerDefaultSid,
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["AWS"] = "*" },
            ["Action"] = new JsonArray("SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission", "SNS:RemovePermission",
                "SNS:DeleteTopic", "SNS:Subscribe", "SNS:ListSubscriptionsByTopic", "SNS:Publish"),
            ["Resource"] = topicArn,
            ["Condition"] = new JsonObject { ["StringEquals"] = new JsonObject { ["AWS:SourceOwner"] = accountId } },
        };

        private JsonArray Statements => (JsonArray)root["Statement"]!;

        public JsonObject? FindStatement(string sid) =>
            Statements.OfType<JsonObject>().FirstOrDefault(s => string.Equals((string?)s["Sid"], sid, StringComparison.Ordinal));

        public bool HasStatement(string sid) => FindStatement(sid) != null;

        /// <summary>The ids of the statements that have one, in document order.</summary>
        public System.Collections.Generic.IReadOnlyList<string> StatementIds =>
            Statements.OfType<JsonObject>().Select(s => (string?)s["Sid"]).Where(sid => sid != null).Select(sid => sid!).ToList();

        public int StatementCount => Statements.Count;

        /// <summary>True when the statement with this id exists and equals <paramref name="statement"/>.</summary>
        public bool HasEqualStatement(JsonObject statement)
        {
            var existing = FindStatement((string)statement["Sid"]!);
            // SNS re-serialises policies (single-element arrays become strings, key order changes), so compare a
            // canonical form rather than text.
            return existing != null
                   && JsonNode.DeepEquals(JsonEquivalence.CanonicalForm(existing, singleItemArrayIsValue: true),
                       JsonEquivalence.CanonicalForm(statement, singleItemArrayIsValue: true));
        }

        /// <summary>Adds the statement, or replaces the one with the same Sid in place.</summary>
        public TopicPolicyDocument WithStatement(JsonObject statement)
        {
            var copy = Clone();
            var sid = (string)statement["Sid"]!;
            var statements = copy.Statements;
            var index = statements.Select((s, i) => (s, i)).FirstOrDefault(p => (string?)p.s?["Sid"] == sid).i;
            if (copy.HasStatement(sid))
            {
                statements[index] = statement.DeepClone();
            }
            else
            {
                statements.Add(statement.DeepClone());
            }

            return copy;
        }

        public TopicPolicyDocument WithoutStatement(string sid)
        {
            var copy = Clone();
            var statements = copy.Statements;
            for (var i = statements.Count - 1; i >= 0; i--)
            {
                if ((string?)statements[i]?["Sid"] == sid)
                {
                    statements.RemoveAt(i);
                }
            }

            return copy;
        }

        /// <summary>
        /// Whether some Allow statement lets <paramref name="servicePrincipal"/> publish (used by the posture check;
        /// a condition on aws:SourceArn or aws:SourceAccount is fine, a Deny for the service is not looked at here).
        /// </summary>
        public bool AllowsServiceToPublish(string servicePrincipal) =>
            Statements.OfType<JsonObject>().Any(s =>
                IsAllowStatement(s)
                && Mentions(s["Action"], "sns:Publish")
                && (Mentions(s["Principal"]?["Service"], servicePrincipal)
                    // An unconditioned "*" principal lets anyone publish, the service included; the owner default
                    // statement's "*" is conditioned on AWS:SourceOwner, which service principals do not satisfy.
                    || (IsWildcard(s["Principal"]) || IsWildcard(s["Principal"]?["AWS"])) && s["Condition"] == null));

        /// <summary>
        /// The Allow statements that let someone publish to the topic (Action or NotAction admitting sns:Publish), except the
        /// owner default statement while it still grants only <paramref name="ownerAccountId"/> (AWS:SourceOwner): that one
        /// every topic has, and it names no one else.
        /// </summary>
        public System.Collections.Generic.IReadOnlyList<TopicPublishGrant> PublishGrants(string? ownerAccountId) =>
            Statements.OfType<JsonObject>()
                .Where(s => IsAllowStatement(s)
                            && (Mentions(s["Action"], "sns:Publish") || s["Action"] == null && s["NotAction"] != null && !Mentions(s["NotAction"], "sns:Publish")))
                .Where(s => !IsOwnerOnlyDefault(s, ownerAccountId))
                .Select(s => new TopicPublishGrant((string?)s["Sid"], PrincipalsOf(s["Principal"])))
                .ToList();

        private static bool IsOwnerOnlyDefault(JsonObject statement, string? ownerAccountId)
        {
            if (ownerAccountId == null || !string.Equals((string?)statement["Sid"], OwnerDefaultSid, StringComparison.Ordinal)
                || statement["Condition"]?["StringEquals"] is not JsonObject equals)
            {
                return false;
            }

            // Condition keys are case-insensitive; SNS writes AWS:SourceOwner.
            var owner = equals.FirstOrDefault(p => string.Equals(p.Key, "AWS:SourceOwner", StringComparison.OrdinalIgnoreCase)).Value;
            return owner switch
            {
                JsonValue v => v.TryGetValue<string>(out var account) && account == ownerAccountId,
                JsonArray a => a.Count > 0 && a.All(n => n is JsonValue v && v.TryGetValue<string>(out var account) && account == ownerAccountId),
                _ => false,
            };
        }

        // "*", or every value of every kind (AWS, Service, Federated, CanonicalUser).
        private static System.Collections.Generic.IReadOnlyList<string> PrincipalsOf(JsonNode? principal) => principal switch
        {
            JsonValue v when v.TryGetValue<string>(out var text) => new[] { text },
            JsonObject o => o.SelectMany(kind => kind.Value switch
            {
                JsonArray a => a.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var text) ? text : v.ToJsonString()),
                JsonValue v => new[] { v.TryGetValue<string>(out var text) ? text : v.ToJsonString() },
                _ => Enumerable.Empty<string>(),
            }).ToList(),
            _ => Array.Empty<string>(),
        };

        private static bool IsWildcard(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var text) && text == "*";

        private static bool IsAllowStatement(JsonObject s) => string.Equals((string?)s["Effect"], "Allow", StringComparison.OrdinalIgnoreCase);

        private static bool Mentions(JsonNode? node, string value) => node switch
        {
            null => false,
            JsonArray array => array.Any(n => Mentions(n, value)),
            JsonValue v => v.TryGetValue<string>(out var s) && (string.Equals(s, value, StringComparison.OrdinalIgnoreCase) || s == "*" || s == "sns:*"),
            _ => false,
        };

        public string ToJson() => root.ToJsonString(new JsonSerializerOptions { WriteIndented = false });

        public override string ToString() => ToJson();

        private TopicPolicyDocument Clone() => new TopicPolicyDocument((JsonObject)root.DeepClone());
    }
}
