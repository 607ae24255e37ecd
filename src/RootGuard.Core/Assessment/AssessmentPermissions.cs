using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace RootGuard.Core.Assessment
{
    /// <summary>
    /// The minimal IAM policy Test-RootAccountSecurity needs: the one place it is written (docs/iam-assessment-policy.json
    /// is a copy, checked by a test). Everything is read-only except iam:GenerateCredentialReport, which only asks IAM to
    /// refresh the credential report. sts:GetCallerIdentity needs no permission.
    /// </summary>
    public static class AssessmentPermissions
    {
        public const string PolicyJson = @"{
  ""Version"": ""2012-10-17"",
  ""Statement"": [
    {
      ""Sid"": ""RootGuardAssessmentReadOnly"",
      ""Effect"": ""Allow"",
      ""Action"": [
        ""account:GetAlternateContact"",
        ""cloudtrail:DescribeTrails"",
        ""cloudtrail:GetEventSelectors"",
        ""cloudtrail:GetTrailStatus"",
        ""cloudwatch:DescribeAlarms"",
        ""cloudwatch:ListAlarmMuteRules"",
        ""events:ListRules"",
        ""events:ListTargetsByRule"",
        ""iam:GenerateCredentialReport"",
        ""iam:GetAccountSummary"",
        ""iam:GetCredentialReport"",
        ""iam:ListOrganizationsFeatures"",
        ""iam:ListVirtualMFADevices"",
        ""kms:DescribeKey"",
        ""kms:GetKeyPolicy"",
        ""logs:DescribeMetricFilters"",
        ""organizations:DescribeOrganization"",
        ""sns:GetSubscriptionAttributes"",
        ""sns:GetTopicAttributes"",
        ""sns:ListSubscriptionsByTopic""
      ],
      ""Resource"": ""*""
    }
  ]
}
";

        /// <summary>The actions of <see cref="PolicyJson"/>, in the same shape as the other commands' permission lists.</summary>
        public static IReadOnlyList<string> Actions { get; } = JsonNode.Parse(PolicyJson)!["Statement"]!.AsArray()
            .SelectMany(statement => statement!["Action"]!.AsArray().Select(action => (string)action!)).ToList();
    }
}
