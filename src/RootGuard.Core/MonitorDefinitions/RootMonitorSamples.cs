using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RootGuard.Core.MonitorDefinitions
{
    /// <summary>
    /// Realistic events in the shapes AWS documents: console sign-ins as EventBridge delivers them (detail-type
    /// "AWS Console Sign In via CloudTrail"), and CloudTrail records as they appear in the trail's CloudWatch
    /// Logs log group. Account 111122223333; identifiers are AWS's documentation placeholders.
    /// </summary>
    public static class RootMonitorSamples
    {
        private const string Account = "111122223333";

        // ---- Console sign-ins, as EventBridge events ----

        public static RootMonitorSample RootSignInSuccessWithMfa { get; } = new RootMonitorSample(
            "RootSignInSuccessWithMfa", "a successful root sign-in with MFA",
            SignInEvent(RootIdentity(), "Success", "Yes", withMfaDevice: true, errorMessage: null));

        /// <summary>Some sign-in records spell MFAUsed in capitals; a pattern on "Yes" alone misses them.</summary>
        public static RootMonitorSample RootSignInSuccessWithMfaUpperCase { get; } = new RootMonitorSample(
            "RootSignInSuccessWithMfaUpperCase", "a successful root sign-in recorded with MFAUsed \"YES\"",
            SignInEvent(RootIdentity(), "Success", "YES", withMfaDevice: true, errorMessage: null));

        public static RootMonitorSample RootSignInSuccessWithoutMfa { get; } = new RootMonitorSample(
            "RootSignInSuccessWithoutMfa", "a successful root sign-in without MFA",
            SignInEvent(RootIdentity(), "Success", "No", withMfaDevice: false, errorMessage: null));

        public static RootMonitorSample RootSignInFailure { get; } = new RootMonitorSample(
            "RootSignInFailure", "a failed root sign-in",
            SignInEvent(RootIdentity(), "Failure", "No", withMfaDevice: false, errorMessage: "Failed authentication"));

        public static RootMonitorSample IamUserSignInSuccess { get; } = new RootMonitorSample(
            "IamUserSignInSuccess", "a successful IAM user sign-in",
            SignInEvent(IamUserIdentity("Alice", "AIDACKCEVSQ6C2EXAMPLE", accessKeyId: ""), "Success", "Yes", withMfaDevice: true, errorMessage: null));

        /// <summary>Every root sign-in a sign-in rule must catch: successes with and without MFA, and failures.</summary>
        public static IReadOnlyList<RootMonitorSample> RootSignIns { get; } = new[]
        {
            RootSignInSuccessWithMfa, RootSignInSuccessWithMfaUpperCase, RootSignInSuccessWithoutMfa, RootSignInFailure,
        };

        /// <summary>Every sign-in sample, root and not.</summary>
        public static IReadOnlyList<RootMonitorSample> AllSignIns { get; } = new[]
        {
            RootSignInSuccessWithMfa, RootSignInSuccessWithMfaUpperCase, RootSignInSuccessWithoutMfa, RootSignInFailure, IamUserSignInSuccess,
        };

        // ---- CloudTrail records, as in the trail's log group ----

        public static RootMonitorSample RootConsoleApiCall { get; } = new RootMonitorSample(
            "RootConsoleApiCall", "a root API call from the console",
            Fill("""
            {"eventVersion":"1.09","userIdentity":{"type":"Root","principalId":"{{Account}}","arn":"arn:aws:iam::{{Account}}:root","accountId":"{{Account}}","accessKeyId":"ASIAIOSFODNN7EXAMPLE","sessionContext":{"attributes":{"creationDate":"2026-11-20T09:12:44Z","mfaAuthenticated":"true"}}},"eventTime":"2026-11-20T09:15:02Z","eventSource":"iam.amazonaws.com","eventName":"ListAccessKeys","awsRegion":"us-east-1","sourceIPAddress":"198.51.100.24","userAgent":"AWS Internal","requestParameters":null,"responseElements":null,"requestID":"9f4b2c1e-5d6a-4e8f-9a0b-EXAMPLE11111","eventID":"3c1d9e2a-7b4f-4a6c-8d2e-EXAMPLE22222","readOnly":true,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"{{Account}}","eventCategory":"Management","sessionCredentialFromConsole":"true"}
            """));

        public static RootMonitorSample RootAccessKeyApiCall { get; } = new RootMonitorSample(
            "RootAccessKeyApiCall", "a root API call made with a root access key",
            Fill("""
            {"eventVersion":"1.09","userIdentity":{"type":"Root","principalId":"{{Account}}","arn":"arn:aws:iam::{{Account}}:root","accountId":"{{Account}}","accessKeyId":"AKIAIOSFODNN7EXAMPLE"},"eventTime":"2026-11-20T10:02:31Z","eventSource":"s3.amazonaws.com","eventName":"ListBuckets","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.7","userAgent":"aws-cli/2.22.1 md/awscrt#0.23.4 ua/2.0 os/linux#6.8.0 md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.24 md/prompt#off md/command#s3api.list-buckets","requestParameters":{"Host":"s3.amazonaws.com"},"responseElements":null,"requestID":"8A1B2C3D4E5F6A7B","eventID":"5e2f8a1c-3b9d-4c7e-a6f0-EXAMPLE33333","readOnly":true,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"{{Account}}","eventCategory":"Management","tlsDetails":{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256","clientProvidedHostHeader":"s3.amazonaws.com"}}
            """));

        public static RootMonitorSample RootConsoleSignInRecord { get; } = new RootMonitorSample(
            "RootConsoleSignInRecord", "a root console sign-in record",
            SignInDetail(RootIdentity(), "Success", "Yes", withMfaDevice: true, errorMessage: null));

        public static RootMonitorSample RootCallInvokedByService { get; } = new RootMonitorSample(
            "RootCallInvokedByService", "a call an AWS service made on the root user's behalf (invokedBy support.amazonaws.com)",
            Fill("""
            {"eventVersion":"1.09","userIdentity":{"type":"Root","principalId":"{{Account}}","arn":"arn:aws:iam::{{Account}}:root","accountId":"{{Account}}","invokedBy":"support.amazonaws.com"},"eventTime":"2026-11-20T09:20:13Z","eventSource":"iam.amazonaws.com","eventName":"GetAccountSummary","awsRegion":"us-east-1","sourceIPAddress":"support.amazonaws.com","userAgent":"support.amazonaws.com","requestParameters":null,"responseElements":null,"requestID":"1b2c3d4e-5f6a-4b7c-8d9e-EXAMPLE44444","eventID":"7a8b9c0d-1e2f-4a3b-9c4d-EXAMPLE55555","readOnly":true,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"{{Account}}","eventCategory":"Management"}
            """));

        public static RootMonitorSample RootServiceEvent { get; } = new RootMonitorSample(
            "RootServiceEvent", "an AWS service event recorded against the root user",
            Fill("""
            {"eventVersion":"1.09","userIdentity":{"type":"Root","principalId":"{{Account}}","arn":"arn:aws:iam::{{Account}}:root","accountId":"{{Account}}"},"eventTime":"2026-11-20T11:40:00Z","eventSource":"signin.amazonaws.com","eventName":"PasswordRecoveryRequested","awsRegion":"us-east-1","sourceIPAddress":"AWS Internal","userAgent":"AWS Internal","requestParameters":null,"responseElements":null,"eventID":"2d3e4f5a-6b7c-4d8e-9f0a-EXAMPLE66666","readOnly":false,"eventType":"AwsServiceEvent","managementEvent":true,"recipientAccountId":"{{Account}}","eventCategory":"Management"}
            """));

        /// <summary>
        /// An action in a member account during a centralized root access session (<c>sts:AssumeRoot</c>):
        /// CloudTrail records the root identity with <c>sessionContext.assumedRoot = "true"</c>.
        /// </summary>
        public static RootMonitorSample AssumeRootTaskSessionCall { get; } = new RootMonitorSample(
            "AssumeRootTaskSessionCall", "an action taken in an sts:AssumeRoot task session",
            Fill("""
            {"eventVersion":"1.10","userIdentity":{"type":"Root","principalId":"{{Account}}","arn":"arn:aws:iam::{{Account}}:root","accountId":"{{Account}}","accessKeyId":"ASIAIOSFODNN7EXAMPLE","sessionContext":{"attributes":{"creationDate":"2026-11-20T12:05:10Z","mfaAuthenticated":"false"},"assumedRoot":"true"}},"eventTime":"2026-11-20T12:06:44Z","eventSource":"s3.amazonaws.com","eventName":"DeleteBucketPolicy","awsRegion":"us-west-2","sourceIPAddress":"192.0.2.1","userAgent":"aws-cli/2.22.1","requestParameters":{"bucketName":"amzn-s3-demo-bucket","Host":"amzn-s3-demo-bucket.s3.us-west-2.amazonaws.com","policy":""},"responseElements":null,"requestID":"C3D4E5F6A7B8C9D0","eventID":"4f5a6b7c-8d9e-4f0a-b1c2-EXAMPLE77777","readOnly":false,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"{{Account}}","eventCategory":"Management"}
            """));

        public static RootMonitorSample IamUserApiCall { get; } = new RootMonitorSample(
            "IamUserApiCall", "an IAM user's API call",
            IamUserApiCallRecord("Alice", "AIDAJ45Q7YFFAREXAMPLE"));

        /// <summary>An IAM user whose name starts with "root": a pattern on names instead of the identity type catches it.</summary>
        public static RootMonitorSample IamUserNamedRootadminApiCall { get; } = new RootMonitorSample(
            "IamUserNamedRootadminApiCall", "an API call by an IAM user named rootadmin",
            IamUserApiCallRecord("rootadmin", "AIDACKCEVSQ6C2EXAMPLE"));

        /// <summary>Root usage the CIS pattern counts and a usage filter must not miss.</summary>
        public static IReadOnlyList<RootMonitorSample> EssentialRootUsage { get; } = new[]
        {
            RootConsoleApiCall, RootAccessKeyApiCall, RootConsoleSignInRecord,
        };

        /// <summary>Every CloudTrail record sample, in a fixed order.</summary>
        public static IReadOnlyList<RootMonitorSample> AllUsageRecords { get; } = new[]
        {
            RootConsoleApiCall, RootAccessKeyApiCall, RootConsoleSignInRecord, AssumeRootTaskSessionCall,
            RootCallInvokedByService, RootServiceEvent, IamUserApiCall, IamUserNamedRootadminApiCall,
        };

        /// <summary>
        /// A sign-in sample as it would arrive in a real account: the account, partition, region and time put in, so that a
        /// pattern conditioned on them (and EventBridge's TestEventPattern) sees the event a real sign-in would make.
        /// </summary>
        public static string InAccount(RootMonitorSample sample, string accountId, string partition, string region, DateTimeOffset time)
        {
            var text = sample.Json.Replace(Account, accountId).Replace("\"arn:aws:", "\"arn:" + partition + ":");
            var root = JsonNode.Parse(text)!.AsObject();
            var stamp = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            if (root.ContainsKey("region")) root["region"] = region;
            if (root.ContainsKey("time")) root["time"] = stamp;
            if (root["detail"] is JsonObject detail)
            {
                detail["eventTime"] = stamp;
                detail["awsRegion"] = region;
            }

            return Serialize(root);
        }

        // Relaxed escaping keeps the text as AWS sends it ('&' in the console URL, not \u0026).
        internal static string Serialize(JsonNode node) =>
            node.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        // Fills {{name}} holes; {{Account}} is always the sample account. Plain raw strings keep the JSON braces readable.
        private static string Fill(string template, params string[] namesAndValues)
        {
            var text = template.Replace("{{Account}}", Account);
            for (var i = 0; i + 1 < namesAndValues.Length; i += 2)
                text = text.Replace("{{" + namesAndValues[i] + "}}", namesAndValues[i + 1]);
            return text;
        }

        private static string RootIdentity() =>
            Fill("""{"type":"Root","principalId":"{{Account}}","arn":"arn:aws:iam::{{Account}}:root","accountId":"{{Account}}","accessKeyId":""}""");

        private static string IamUserIdentity(string userName, string principalId, string accessKeyId) =>
            Fill("""{"type":"IAMUser","principalId":"{{principalId}}","arn":"arn:aws:iam::{{Account}}:user/{{userName}}","accountId":"{{Account}}","accessKeyId":"{{accessKeyId}}","userName":"{{userName}}"}""", "principalId", principalId, "userName", userName, "accessKeyId", accessKeyId);

        private static string IamUserApiCallRecord(string userName, string principalId) =>
            Fill("""
            {"eventVersion":"1.09","userIdentity":{{identity}},"eventTime":"2026-11-20T08:30:19Z","eventSource":"ec2.amazonaws.com","eventName":"DescribeInstances","awsRegion":"eu-west-1","sourceIPAddress":"203.0.113.45","userAgent":"aws-cli/2.22.1","requestParameters":{"instancesSet":{},"filterSet":{}},"responseElements":null,"requestID":"0e1f2a3b-4c5d-4e6f-8a7b-EXAMPLE88888","eventID":"6b7c8d9e-0f1a-4b2c-9d3e-EXAMPLE99999","readOnly":true,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"{{Account}}","eventCategory":"Management"}
            """, "identity", IamUserIdentity(userName, principalId, "AKIAI44QH8DHBEXAMPLE"));

        private static string SignInDetail(string identity, string result, string mfaUsed, bool withMfaDevice, string? errorMessage)
        {
            var mfaDevice = withMfaDevice ? ",\"MFAIdentifier\":\"arn:aws:iam::" + Account + ":mfa/root-account-mfa-device\"" : "";
            var error = errorMessage == null ? "" : ",\"errorMessage\":\"" + errorMessage + "\"";
            return Fill("""
                {"eventVersion":"1.09","userIdentity":{{identity}},"eventTime":"2026-11-20T09:12:44Z","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","awsRegion":"us-east-1","sourceIPAddress":"198.51.100.24","userAgent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36","requestParameters":null,"responseElements":{"ConsoleLogin":"{{result}}"},"additionalEventData":{"LoginTo":"https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true","MobileVersion":"No","MFAUsed":"{{mfaUsed}}"{{mfaDevice}}}{{error}},"eventID":"a1b2c3d4-e5f6-4a7b-8c9d-EXAMPLE00000","readOnly":false,"eventType":"AwsConsoleSignIn","managementEvent":true,"recipientAccountId":"{{Account}}","eventCategory":"Management","tlsDetails":{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256","clientProvidedHostHeader":"signin.aws.amazon.com"}}
                """, "identity", identity, "result", result, "mfaUsed", mfaUsed, "mfaDevice", mfaDevice, "error", error);
        }

        private static string SignInEvent(string identity, string result, string mfaUsed, bool withMfaDevice, string? errorMessage) =>
            Fill("""
            {"version":"0","id":"6f87d04b-9f74-4f04-a780-EXAMPLE12345","detail-type":"AWS Console Sign In via CloudTrail","source":"aws.signin","account":"{{Account}}","time":"2026-11-20T09:12:44Z","region":"us-east-1","resources":[],"detail":{{detail}}}
            """, "detail", SignInDetail(identity, result, mfaUsed, withMfaDevice, errorMessage));
    }
}
