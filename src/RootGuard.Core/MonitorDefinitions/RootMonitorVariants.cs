using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RootGuard.Core.MonitorDefinitions
{
    /// <summary>
    /// The one place that varies <see cref="RootMonitorSamples"/>: the fields whose values differ from one real root event
    /// to the next (source IP, v4 and v6; user agent; mobile console; region and API for usage; MFA and result are in the
    /// samples themselves), each with values seen in real events. A pattern that catches a sample but not one of its
    /// variants would drop real root events, such as every sign-in from outside one address range; one sample with fixed
    /// values cannot show that.
    /// </summary>
    /// <remarks>
    /// Each field is varied alone (so a miss names its field), then all fields together (so an <c>$or</c> across fields
    /// is not fooled by one field kept). Values a pattern names for a varied field are tried too, each alone, so an
    /// <c>anything-but</c> or <c>!=</c> that leaves out one address or region is caught. The sign-in event's
    /// <c>region</c> and <c>detail.awsRegion</c> are not varied: EventBridge delivers a sign-in only to the bus of the
    /// region that recorded it, so they always equal the rule's own region.
    /// </remarks>
    public static class RootMonitorVariants
    {
        private const int MaxCombined = 6;

        /// <summary>The varied fields of a console sign-in event, as EventBridge delivers it.</summary>
        internal static IReadOnlyList<VariedField> SignInFields { get; } = new[]
        {
            VariedField.Ip("detail.sourceIPAddress", "203.0.113.7", "192.0.2.146", "2001:db8:4f2a::17", "2600:1f18:6c2e:ef01::9"),
            new VariedField("detail.userAgent", v => $"with user agent \"{v}\"",
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
                "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"),
            new VariedField("detail.additionalEventData.MobileVersion", v => $"from the mobile console (MobileVersion \"{v}\")", "Yes"),
            new VariedField("detail.additionalEventData.LoginTo", v => $"signing in to {v}",
                "https://console.aws.amazon.com/billing/home?state=hashArgs%23&isauthcode=true",
                "https://us-west-2.console.aws.amazon.com/console/home?region=us-west-2&state=hashArgs%23&isauthcode=true"),
            new VariedField("detail.additionalEventData.MFAIdentifier", v => $"with MFA device {v}", "arn:aws:iam::111122223333:u2f/root/YubiKey-EXAMPLE1234"),
            new VariedField("detail.eventVersion", v => $"recorded with eventVersion \"{v}\"", "1.08", "1.10", "1.11"),
            new VariedField("time", v => $"at {v}", "2027-02-03T22:41:07Z", "2026-12-31T23:59:59Z"),
            new VariedField("detail.eventTime", v => $"recorded at {v}", "2027-02-03T22:41:07Z", "2026-12-31T23:59:59Z"),
            new VariedField("id", v => $"with event id {v}", "0b4e2d6f-8a1c-4e3b-9d7f-EXAMPLE54321"),
            new VariedField("detail.eventID", v => $"with eventID {v}", "9c8b7a6d-5e4f-4a3b-8c2d-EXAMPLE13579"),
            new VariedField("detail.tlsDetails.tlsVersion", v => $"over {v}", "TLSv1.2"),
            new VariedField("detail.tlsDetails.cipherSuite", v => $"with cipher suite {v}", "ECDHE-RSA-AES128-GCM-SHA256", "TLS_AES_256_GCM_SHA384"),
            new VariedField("detail.tlsDetails.clientProvidedHostHeader", v => $"through {v}", "us-east-1.signin.aws.amazon.com"),
        };

        /// <summary>The varied fields of a CloudTrail record, as the trail writes it to its log group.</summary>
        internal static IReadOnlyList<VariedField> UsageFields { get; } = new[]
        {
            new VariedField("awsRegion", v => $"in {v}", "eu-west-1", "ap-southeast-2", "us-west-2", "sa-east-1", "us-east-1"),
            VariedField.Ip("sourceIPAddress", "198.51.100.24", "192.0.2.146", "2001:db8:4f2a::17", "AWS Internal"),
            new VariedField("userAgent", v => $"with user agent \"{v}\"",
                "AWS Internal",
                "Boto3/1.35.66 md/Botocore#1.35.66 ua/2.0 os/linux#6.8.0 md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.35.66",
                "console.amazonaws.com",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"),
            new VariedField("eventName", v => $"calling {v}", "CreateAccessKey", "DeleteTrail", "PutBucketPolicy", "GetCallerIdentity") { OnlyWhere = IsApiCall },
            new VariedField("eventSource", v => $"to {v}", "iam.amazonaws.com", "s3.amazonaws.com", "cloudtrail.amazonaws.com", "sts.amazonaws.com", "organizations.amazonaws.com") { OnlyWhere = IsApiCall },
            new VariedField("readOnly", v => $"with readOnly {v}", true, false) { OnlyWhere = IsApiCall },
            new VariedField("errorCode", v => $"that was denied ({v})", "AccessDenied") { OnlyWhere = IsApiCall, AddedWhenAbsent = true },
            new VariedField("eventType", v => $"recorded as {v}", "AwsConsoleAction") { OnlyWhere = IsApiCall },
            new VariedField("userIdentity.sessionContext.attributes.mfaAuthenticated", v => $"with mfaAuthenticated \"{v}\"", "false", "true"),
            new VariedField("userIdentity.accessKeyId", v => $"with access key {v}", "ASIAI44QH8DHBEXAMPLE", "AKIAI44QH8DHBEXAMPLE"),
            new VariedField("additionalEventData.MobileVersion", v => $"from the mobile console (MobileVersion \"{v}\")", "Yes"),
            new VariedField("eventVersion", v => $"recorded with eventVersion \"{v}\"", "1.08", "1.10", "1.11"),
            new VariedField("eventTime", v => $"at {v}", "2027-02-03T22:41:07Z", "2026-12-31T23:59:59Z"),
            new VariedField("eventID", v => $"with eventID {v}", "9c8b7a6d-5e4f-4a3b-8c2d-EXAMPLE13579"),
            new VariedField("requestID", v => $"with requestID {v}", "EXAMPLE-1f2e3d4c-5b6a-4978-8877-665544332211"),
            new VariedField("tlsDetails.tlsVersion", v => $"over {v}", "TLSv1.2"),
            new VariedField("tlsDetails.cipherSuite", v => $"with cipher suite {v}", "ECDHE-RSA-AES128-GCM-SHA256", "TLS_AES_256_GCM_SHA384"),
            new VariedField("tlsDetails.clientProvidedHostHeader", v => $"through {v}", "s3.us-west-2.amazonaws.com"),
        };

        /// <summary>The variants of every root sign-in sample, without values taken from a pattern.</summary>
        public static IReadOnlyList<RootMonitorSample> RootSignInVariants { get; } =
            RootMonitorSamples.RootSignIns.SelectMany(s => Of(s, SignInFields)).ToList();

        /// <summary>The variants of the root usage a usage filter must count, without values taken from a pattern.</summary>
        public static IReadOnlyList<RootMonitorSample> EssentialRootUsageVariants { get; } =
            RootMonitorSamples.EssentialRootUsage.SelectMany(s => Of(s, UsageFields)).ToList();

        /// <summary>Every property path the sign-in samples and their variants have (dotted, arrays flattened as EventBridge does).</summary>
        internal static ISet<string> KnownSignInPaths { get; } = Paths(RootMonitorSamples.AllSignIns.Concat(RootSignInVariants), indexArrays: false);

        /// <summary>Every property path the CloudTrail record samples and their variants have (dotted, with [n] for array items).</summary>
        internal static ISet<string> KnownUsagePaths { get; } = Paths(RootMonitorSamples.AllUsageRecords.Concat(EssentialRootUsageVariants), indexArrays: true);

        /// <summary>
        /// The variants of <paramref name="sample"/>: each field of <paramref name="fields"/> the sample has changed alone to
        /// each of its values, then, with <paramref name="combine"/>, all fields changed together.
        /// </summary>
        internal static IReadOnlyList<RootMonitorSample> Of(RootMonitorSample sample, IReadOnlyList<VariedField> fields, bool combine = true)
        {
            var baseObject = JsonNode.Parse(sample.Json)!.AsObject();
            var applicable = new List<(VariedField Field, List<JsonNode> Values)>();
            foreach (var field in fields)
            {
                var current = Find(baseObject, field.Segments);
                if (current == null && !field.AddedWhenAbsent) continue;
                if (field.OnlyWhere != null && !field.OnlyWhere(baseObject)) continue;
                var values = field.Values.Select(v => v is bool b ? (JsonNode)JsonValue.Create(b) : JsonValue.Create((string)v)!).ToList();
                var others = values.Where(v => current == null || !JsonNode.DeepEquals(v, current))
                    .GroupBy(v => v.ToJsonString()).Select(g => g.First()).ToList();
                if (others.Count > 0) applicable.Add((field, others));
            }

            var variants = new List<RootMonitorSample>();
            foreach (var (field, values) in applicable)
            {
                foreach (var value in values)
                    variants.Add(Variant(sample, baseObject, new[] { (field, value) }, $"{sample.Name}/{field.Path}={Text(value)}"));
            }

            var combined = !combine ? 0 : Math.Min(MaxCombined, applicable.Count == 0 ? 0 : applicable.Max(a => a.Values.Count));
            for (var i = 0; i < combined && applicable.Count > 1; i++)
                variants.Add(Variant(sample, baseObject, applicable.Select(a => (a.Field, a.Values[i % a.Values.Count])).ToList(), $"{sample.Name}/all-varied-{i + 1}"));
            return variants;
        }

        /// <summary>
        /// The sign-in variants for one pattern: <see cref="RootSignInVariants"/>, and one more for each value the pattern
        /// names for a varied field.
        /// </summary>
        internal static IReadOnlyList<RootMonitorSample> SignInVariantsFor(RootMonitorSample sample, IReadOnlyDictionary<string, IReadOnlyList<string>> patternValues) =>
            RootSignInVariants.Where(v => v.VariantOf == sample).Concat(Named(sample, SignInFields, patternValues)).ToList();

        /// <summary>
        /// The usage variants for one filter: <see cref="EssentialRootUsageVariants"/>, and one more for each value the
        /// filter names for a varied field.
        /// </summary>
        internal static IReadOnlyList<RootMonitorSample> UsageVariantsFor(RootMonitorSample sample, IReadOnlyDictionary<string, IReadOnlyList<string>> patternValues) =>
            EssentialRootUsageVariants.Where(v => v.VariantOf == sample).Concat(Named(sample, UsageFields, patternValues)).ToList();

        // The values a pattern names that the field's own list lacks, each in a variant of its own; the rest are made once.
        private static IEnumerable<RootMonitorSample> Named(RootMonitorSample sample, IReadOnlyList<VariedField> fields,
            IReadOnlyDictionary<string, IReadOnlyList<string>> patternValues)
        {
            var extra = fields
                .Select(f => (Field: f, Values: patternValues.TryGetValue(f.Path, out var named)
                    ? named.Select(v => f.IsIpAddress ? CompleteAddress(v) : v).Where(v => !f.Values.Contains(v)).Distinct().ToList()
                    : new List<string>()))
                .Where(p => p.Values.Count > 0)
                .Select(p => p.Field.WithValues(p.Values.Cast<object>().ToArray()))
                .ToList();
            return extra.Count == 0 ? Enumerable.Empty<RootMonitorSample>() : Of(sample, extra, combine: false);
        }

        private static RootMonitorSample Variant(RootMonitorSample sample, JsonObject baseObject, IReadOnlyList<(VariedField Field, JsonNode Value)> changes, string name)
        {
            var copy = baseObject.DeepClone().AsObject();
            foreach (var (field, value) in changes) Set(copy, field.Segments, value.DeepClone());
            var phrases = changes.Select(c => c.Field.Phrase(Text(c.Value))).ToList();
            return new RootMonitorSample(name, sample.Description + " " + string.Join(", ", phrases), RootMonitorSamples.Serialize(copy), sample,
                changes.Select(c => c.Field.Path).ToList(), phrases);
        }

        private static string Text(JsonNode value) => value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();

        private static JsonNode? Find(JsonObject root, IReadOnlyList<string> segments)
        {
            JsonNode? node = root;
            foreach (var segment in segments)
            {
                if (!(node is JsonObject o) || !o.TryGetPropertyValue(segment, out node)) return null;
            }
            return node;
        }

        private static void Set(JsonObject root, IReadOnlyList<string> segments, JsonNode value)
        {
            var node = root;
            for (var i = 0; i < segments.Count - 1; i++)
            {
                if (!(node[segments[i]] is JsonObject next))
                {
                    next = new JsonObject();
                    node[segments[i]] = next;
                }
                node = next;
            }
            node[segments[segments.Count - 1]] = value;
        }

        // A value a pattern names for an address is often a prefix or a network ("10.", "10.0.0.0"): made a whole address in it.
        private static string CompleteAddress(string value)
        {
            if (Regex.IsMatch(value, @"^\d{1,3}(\.\d{0,3}){0,3}$"))
            {
                var parts = value.Split('.').ToList();
                while (parts.Count < 4) parts.Add("1");
                return string.Join(".", parts.Select(p => p.Length == 0 ? "1" : p));
            }
            if (Regex.IsMatch(value, "^[0-9a-fA-F:]+$") && value.IndexOf(':') >= 0 && value.EndsWith(":", StringComparison.Ordinal))
                return value + (value.IndexOf("::", StringComparison.Ordinal) >= 0 ? "1" : ":1");
            return value;
        }

        private static bool IsApiCall(JsonObject record) =>
            record["eventType"] is JsonValue type && type.GetValueKind() == JsonValueKind.String && type.GetValue<string>() == "AwsApiCall";

        private static ISet<string> Paths(IEnumerable<RootMonitorSample> samples, bool indexArrays)
        {
            var paths = new HashSet<string>(StringComparer.Ordinal);
            foreach (var sample in samples)
            {
                Walk(sample.Element, "", paths, indexArrays);
            }
            return paths;
        }

        private static void Walk(JsonElement element, string path, ISet<string> into, bool indexArrays)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    var next = path.Length == 0 ? property.Name : path + "." + property.Name;
                    into.Add(next);
                    Walk(property.Value, next, into, indexArrays);
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    var next = indexArrays ? $"{path}[{i++}]" : path;
                    if (indexArrays) into.Add(next);
                    Walk(item, next, into, indexArrays);
                }
            }
        }

        /// <summary>One field whose value differs between real root events, with values seen in them.</summary>
        internal sealed class VariedField
        {
            public VariedField(string path, Func<string, string> phrase, params object[] values)
            {
                Path = path;
                Segments = path.Split('.');
                Phrase = phrase;
                Values = values;
            }

            /// <summary>The same field, varied over other values.</summary>
            public VariedField WithValues(object[] values) =>
                new VariedField(Path, Phrase, values) { IsIpAddress = IsIpAddress, OnlyWhere = OnlyWhere, AddedWhenAbsent = AddedWhenAbsent };

            public static VariedField Ip(string path, params object[] values) =>
                new VariedField(path, v => $"from {v}", values) { IsIpAddress = true };

            /// <summary>Dotted, from the event's root: <c>detail.sourceIPAddress</c>.</summary>
            public string Path { get; }

            public IReadOnlyList<string> Segments { get; }

            /// <summary>Says the value in a phrase that follows a sample's description: "from 203.0.113.7".</summary>
            public Func<string, string> Phrase { get; }

            /// <summary>Strings, or booleans for boolean fields.</summary>
            public IReadOnlyList<object> Values { get; }

            public bool IsIpAddress { get; set; }

            /// <summary>Varied only on samples this is true for (API calls, not sign-ins, for the API fields).</summary>
            public Func<JsonObject, bool>? OnlyWhere { get; set; }

            /// <summary>Added to samples without it (an error code a successful call lacks).</summary>
            public bool AddedWhenAbsent { get; set; }
        }
    }
}
