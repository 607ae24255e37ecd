using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.RegularExpressions;
using RootGuard.PowerShell.Tests.Harness;
using RootGuard.Testing;
using Xunit;
using Xunit.Abstractions;

namespace RootGuard.PowerShell.Tests.Hardening
{
    /// <summary>
    /// The minimal IAM policies of docs/iam-policies.md, enforced by moto (a server of its own, with IAM authorization on):
    /// each cmdlet succeeds with its policy, and with any action it called taken out, it fails with an error naming that
    /// action (or, where RootGuard goes on without the read, a warning, or an Error finding or monitor naming it). The actions tested
    /// are the ones the successful run called (from the recorded requests), so the test keeps no list of its own. Actions
    /// that only a rollback, an update of existing resources or a KMS key needs are not reached and not tested here (the
    /// test output lists, per command, the actions that were; about six in ten of the policies' actions).
    /// </summary>
    [Collection(ModuleBackendCollection.Name)]
    public sealed class IamPolicyEnforcementTests : IClassFixture<IamPolicyEnforcementTests.EnforcingMoto>
    {
        private readonly ModuleBackend backend;
        private readonly EnforcingMoto moto;
        private readonly ITestOutputHelper output;

        public IamPolicyEnforcementTests(ModuleBackend backend, EnforcingMoto moto, ITestOutputHelper output)
        {
            this.backend = backend;
            this.moto = moto;
            this.output = output;
            backend.Handler.Reset();
            // moto answers IAM ListOrganizationsFeatures with an HTML 500 page: the account is not in an organization.
            backend.Handler.Stub("iam", "ListOrganizationsFeatures", RootFactStubs.OrganizationsFeaturesError());
        }

        public static TheoryData<string> Commands => new()
        {
            "New-RootSignInAlert",
            "New-RootUsageAlarm",
            "Test-RootAccountSecurity",
            "Get-RootMonitoring",
            "Remove-RootMonitoring",
        };

        [Theory]
        [MemberData(nameof(Commands))]
        public void The_documented_policy_is_enough_and_each_action_it_calls_is_needed_and_named(string command)
        {
            var policy = DocumentedPolicy(command);
            var full = moto.CreateUser(command + "-full", policy);
            Prepare(command);
            backend.Handler.Clear();

            var result = RunAs(full, command);

            Assert.True(result.Errors.Count == 0, $"{command} with its documented policy failed: {result.Describe()}");
            Assert.DoesNotContain(result.Output, o => Denial(o) != null);
            var called = backend.Handler.Calls
                .Where(c => c.Outcome != CallOutcome.Stubbed && !c.Is("sts", "GetCallerIdentity"))
                .Select(c => ShippedAction(c.Service, c.Operation))
                .Distinct().OrderBy(a => a, StringComparer.Ordinal).ToList();
            Assert.Empty(called.Except(policy));
            output.WriteLine($"{command}: the policy has {policy.Count} actions; the run called {called.Count}: {string.Join(", ", called)}");

            var users = moto.CreateUsers(called.ToDictionary(a => a, a => (IReadOnlyList<string>)policy.Where(p => p != a).ToList()), command);
            foreach (var action in called)
            {
                Prepare(command);
                var denied = RunAs(users[action], command);
                var named = denied.Errors.Select(e => e.ErrorDetails?.RecommendedAction + " " + e.ErrorDetails?.Message)
                    .Concat(denied.Output.Select(Denial).Where(d => d != null)!)
                    .Concat(denied.Warnings.Select(w => w.Message))
                    .ToList();
                Assert.True(named.Any(text => text!.Contains(action, StringComparison.Ordinal)),
                    $"{command} without {action}: no error, finding or warning names it. Errors: {denied.Describe()} Named: {string.Join(" | ", named)} "
                    + $"Findings: {string.Join(" | ", denied.Output.Select(o => $"{o.Properties["CheckId"]?.Value} {o.Properties["Status"]?.Value}: {o.Properties["Reason"]?.Value}"))}");
            }
        }

        // Puts the account in the state the command is run against: nothing of RootGuard's for the New- commands, both
        // monitors (made with the administrator's keys) for the others, so that every read of the assessment matters.
        private void Prepare(string command)
        {
            using var session = Session(moto.Administrator);
            session.Run("Remove-RootMonitoring @aws -Force -WarningAction SilentlyContinue").ThrowIfErrors();
            if (command is "Get-RootMonitoring" or "Remove-RootMonitoring" or "Test-RootAccountSecurity")
            {
                session.Run("New-RootSignInAlert @aws -EmailAddress security@example.com -Confirm:$false | New-RootUsageAlarm @aws -Confirm:$false -WarningAction SilentlyContinue")
                    .ThrowIfErrors();
            }
        }

        private ScriptResult RunAs((string AccessKey, string SecretKey) user, string command)
        {
            using var session = Session(user);
            var arguments = command switch
            {
                "New-RootSignInAlert" => " -EmailAddress security@example.com -Confirm:$false",
                "New-RootUsageAlarm" => " -EmailAddress security@example.com -Confirm:$false",
                "Remove-RootMonitoring" => " -Force",
                _ => string.Empty,
            };
            return session.Run($"{command} @aws{arguments}");
        }

        private PowerShellSession Session((string AccessKey, string SecretKey) user)
        {
            var session = new PowerShellSession();
            session.SetVariable("aws", new Hashtable
            {
                ["EndpointUrl"] = moto.Endpoint.ToString().TrimEnd('/'),
                ["AccessKey"] = user.AccessKey,
                ["SecretKey"] = user.SecretKey,
                ["Region"] = MotoServerFixture.Region,
            });
            return session;
        }

        // An object that reports a read it could not make (an assessment finding, or a monitor of Get-RootMonitoring, with
        // Status Error): its text, which names the action; null for anything else.
        private static string? Denial(System.Management.Automation.PSObject item)
        {
            if (item.Properties["Status"]?.Value?.ToString() != "Error")
            {
                return null;
            }

            var text = string.Join(" ", new[] { "Reason", "Remediation", "Summary", "Problems", "Notes" }
                .Select(name => item.Properties[name]?.Value)
                .SelectMany(value => value is IEnumerable list and not string ? list.Cast<object>().Select(o => o?.ToString()) : new[] { value?.ToString() }));
            return text.Contains("denied", StringComparison.OrdinalIgnoreCase) ? text : null;
        }

        // IAM names CloudWatch's actions cloudwatch:*; its requests are signed (and moto authorizes them) as monitoring.
        private static string ShippedAction(string signingName, string operation) =>
            (signingName == "monitoring" ? "cloudwatch" : signingName) + ":" + operation;

        internal static string MotoAction(string action) =>
            action.StartsWith("cloudwatch:", StringComparison.Ordinal) ? "monitoring:" + action.Substring("cloudwatch:".Length) : action;

        /// <summary>The command's policy as docs/iam-policies.md shows it (generated from Core's permission lists).</summary>
        private static IReadOnlyList<string> DocumentedPolicy(string command)
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory != null && !File.Exists(Path.Combine(directory.FullName, "RootGuard.PowerShell.sln")))
            {
                directory = directory.Parent;
            }

            var text = File.ReadAllText(Path.Combine(directory!.FullName, "docs", "iam-policies.md"));
            var match = Regex.Match(text, "^## " + Regex.Escape(command) + "\\s*$.*?```json\\s*(?<json>.*?)```", RegexOptions.Multiline | RegexOptions.Singleline);
            Assert.True(match.Success, $"docs/iam-policies.md has no policy for {command}.");
            using var document = JsonDocument.Parse(match.Groups["json"].Value);
            return document.RootElement.GetProperty("Statement").EnumerateArray()
                .SelectMany(s => s.GetProperty("Action").EnumerateArray().Select(a => a.GetString()!))
                .ToList();
        }

        /// <summary>
        /// A moto server of its own with IAM authorization enforced from the fourth request on: the first three make an
        /// administrator (user, inline policy, access key) whose keys seed the account and make the test users.
        /// </summary>
        public sealed class EnforcingMoto : IDisposable
        {
            private readonly MotoServerFixture server = new();

            public EnforcingMoto()
            {
                using (var http = new HttpClient())
                {
                    // moto counts the requests it serves without authorization; from this count on it authorizes every one.
                    http.PostAsync(new Uri(server.Endpoint, "moto-api/reset-auth"), new StringContent("3")).GetAwaiter().GetResult().EnsureSuccessStatusCode();
                }

                var keys = server.Seeder.RunBoto3Json("""
iam = client("iam")
iam.create_user(UserName="rootguard-admin")
iam.put_user_policy(UserName="rootguard-admin", PolicyName="admin",
    PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
key = iam.create_access_key(UserName="rootguard-admin")["AccessKey"]
out({"id": key["AccessKeyId"], "secret": key["SecretAccessKey"]})
""");
                Administrator = (keys.GetProperty("id").GetString()!, keys.GetProperty("secret").GetString()!);

                // A multi-region trail that records management events and delivers to CloudWatch Logs.
                server.Seeder.RunBoto3("""
kw = dict(aws_access_key_id=ARGS["id"], aws_secret_access_key=ARGS["secret"])
client("s3", **kw).create_bucket(Bucket="rootguard-trail-bucket")
logs = client("logs", **kw)
logs.create_log_group(logGroupName="rootguard-cloudtrail")
group_arn = logs.describe_log_groups(logGroupNamePrefix="rootguard-cloudtrail")["logGroups"][0]["arn"]
ct = client("cloudtrail", **kw)
ct.create_trail(Name="rootguard-trail", S3BucketName="rootguard-trail-bucket", IsMultiRegionTrail=True,
    CloudWatchLogsLogGroupArn=group_arn, CloudWatchLogsRoleArn="arn:aws:iam::123456789012:role/trail-to-logs")
ct.start_logging(Name="rootguard-trail")
""", new { id = Administrator.AccessKey, secret = Administrator.SecretKey });
            }

            public Uri Endpoint => server.Endpoint;

            public (string AccessKey, string SecretKey) Administrator { get; }

            public (string AccessKey, string SecretKey) CreateUser(string name, IReadOnlyList<string> actions) =>
                CreateUsers(new Dictionary<string, IReadOnlyList<string>> { [name] = actions }, name)[name];

            /// <summary>One IAM user per entry, with exactly those actions (CloudWatch's as moto authorizes them), in one script.</summary>
            public Dictionary<string, (string AccessKey, string SecretKey)> CreateUsers(IReadOnlyDictionary<string, IReadOnlyList<string>> actionsByKey, string prefix)
            {
                var users = actionsByKey.Select((pair, i) => new
                {
                    key = pair.Key,
                    name = Regex.Replace($"{i}-{Guid.NewGuid():N}-{prefix}", "[^A-Za-z0-9+=,.@_-]", "-") is var n && n.Length > 64 ? n.Substring(0, 64) : n,
                    actions = pair.Value.Select(MotoAction).ToArray(),
                }).ToList();
                var created = server.Seeder.RunBoto3Json("""
iam = client("iam", aws_access_key_id=ARGS["id"], aws_secret_access_key=ARGS["secret"])
keys = {}
for user in ARGS["users"]:
    iam.create_user(UserName=user["name"])
    iam.put_user_policy(UserName=user["name"], PolicyName="rootguard",
        PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": user["actions"], "Resource": "*"}]}))
    key = iam.create_access_key(UserName=user["name"])["AccessKey"]
    keys[user["key"]] = [key["AccessKeyId"], key["SecretAccessKey"]]
out(keys)
""", new { id = Administrator.AccessKey, secret = Administrator.SecretKey, users });
                return created.EnumerateObject().ToDictionary(p => p.Name, p => (p.Value[0].GetString()!, p.Value[1].GetString()!));
            }

            public void Dispose() => server.Dispose();
        }
    }
}
