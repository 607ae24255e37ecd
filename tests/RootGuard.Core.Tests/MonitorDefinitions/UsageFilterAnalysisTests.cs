using RootGuard.Core.MonitorDefinitions;
using Xunit;

namespace RootGuard.Core.Tests.MonitorDefinitions
{
    public class UsageFilterAnalysisTests
    {
        private static UsageFilterAnalysis Analyze(string pattern) => RootMonitorPatternAnalysis.AnalyzeUsageFilter(pattern);

        [Fact]
        public void The_exact_CIS_text_is_ExactCis_and_satisfies_Security_Hub()
        {
            var result = Analyze(RootMonitorDefinitions.CisRootUsageFilterPattern);
            Assert.Equal(UsageFilterVerdict.ExactCis, result.Verdict);
            Assert.True(result.CountsRootUsage);
            Assert.True(result.SatisfiesSecurityHub);
            Assert.Equal("The filter pattern is the exact CIS root account usage pattern.", result.Reason);
        }

        [Theory]
        [InlineData("{$.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\"}")]
        [InlineData("{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" } ")]
        [InlineData("{ $.eventType != \"AwsServiceEvent\" && $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS }")]
        [InlineData("{ ($.userIdentity.type = Root) && ($.userIdentity.invokedBy NOT EXISTS && $.eventType != AwsServiceEvent) }")]
        [InlineData("{\n  $.userIdentity.type = \"Root\"\n  && $.userIdentity.invokedBy not exists\n  && $.eventType != \"AwsServiceEvent\"\n}")]
        [InlineData("{ $.userIdentity.type = \"Root\" && $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }")]
        public void Reordered_respaced_or_regrouped_CIS_conditions_are_EquivalentToCis_but_fail_Security_Hub(string pattern)
        {
            var result = Analyze(pattern);
            Assert.Equal(UsageFilterVerdict.EquivalentToCis, result.Verdict);
            Assert.True(result.CountsRootUsage);
            Assert.False(result.SatisfiesSecurityHub);
            Assert.Contains("Security Hub control CloudWatch.1 accepts only the exact CIS text", result.Reason);
        }

        [Fact]
        public void The_AssumeRoot_variant_has_its_own_verdict()
        {
            var result = Analyze(RootMonitorDefinitions.CisRootUsageWithoutAssumeRootFilterPattern);
            Assert.Equal(UsageFilterVerdict.CisWithoutAssumeRoot, result.Verdict);
            Assert.True(result.CountsRootUsage);
            Assert.False(result.SatisfiesSecurityHub);
            Assert.Equal(new[] { "AssumeRootTaskSessionCall" }, result.MissedRootUsage);
            Assert.Contains("sts:AssumeRoot task sessions left out", result.Reason);
        }

        [Fact]
        public void The_simpler_NOT_EXISTS_spelling_of_the_AssumeRoot_variant_is_recognised_too()
        {
            var result = Analyze("{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" && $.userIdentity.sessionContext.assumedRoot NOT EXISTS }");
            Assert.Equal(UsageFilterVerdict.CisWithoutAssumeRoot, result.Verdict);
        }

        [Fact]
        public void Root_type_alone_matches_more_than_CIS()
        {
            var result = Analyze("{ $.userIdentity.type = \"Root\" }");
            Assert.Equal(UsageFilterVerdict.MatchesRootUsageDifferently, result.Verdict);
            Assert.True(result.CountsRootUsage);
            Assert.Equal(new[] { "$.userIdentity.invokedBy NOT EXISTS", "$.eventType != \"AwsServiceEvent\"" }, result.MissingCisConditions);
            Assert.Equal(new[] { "RootCallInvokedByService", "RootServiceEvent" }, result.AdditionalMatches);
            Assert.False(result.CountsNonRootActivity);
            Assert.Equal(
                "The filter pattern counts the root usage the CIS pattern counts, but it lacks the CIS conditions `$.userIdentity.invokedBy NOT EXISTS` and `$.eventType != \"AwsServiceEvent\"`; it also counts a call an AWS service made on the root user's behalf (invokedBy support.amazonaws.com) and an AWS service event recorded against the root user.",
                result.Reason);
        }

        [Fact]
        public void A_pattern_missing_the_invokedBy_condition_names_it()
        {
            var result = Analyze("{ $.userIdentity.type = \"Root\" && $.eventType != \"AwsServiceEvent\" }");
            Assert.Equal(UsageFilterVerdict.MatchesRootUsageDifferently, result.Verdict);
            Assert.Equal(new[] { "$.userIdentity.invokedBy NOT EXISTS" }, result.MissingCisConditions);
            Assert.Contains("it lacks the CIS condition `$.userIdentity.invokedBy NOT EXISTS`", result.Reason);
            Assert.Contains("invokedBy support.amazonaws.com", result.Reason);
        }

        [Fact]
        public void A_pattern_without_the_root_condition_counts_root_usage_but_is_flagged_as_counting_everyone()
        {
            var result = Analyze("{ $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }");
            Assert.Equal(UsageFilterVerdict.MatchesRootUsageDifferently, result.Verdict);
            Assert.True(result.CountsNonRootActivity);
            Assert.Equal(new[] { "$.userIdentity.type = \"Root\"" }, result.MissingCisConditions);
            Assert.Contains("it also counts an IAM user's API call and an API call by an IAM user named rootadmin", result.Reason);
        }

        [Fact]
        public void A_pattern_on_identity_type_with_not_equal_misses_root_usage()
        {
            var result = Analyze("{ $.userIdentity.type != \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }");
            Assert.Equal(UsageFilterVerdict.MissesRootUsage, result.Verdict);
            Assert.False(result.CountsRootUsage);
            Assert.Equal(
                "The filter pattern does not count a root API call from the console, a root API call made with a root access key, or a root console sign-in record, which the CIS pattern counts, because `$.userIdentity.type != \"Root\"` excludes root calls.",
                result.Reason);
            Assert.Contains("IamUserApiCall", result.AdditionalMatches);
        }

        [Fact]
        public void A_pattern_on_the_ARN_instead_of_the_identity_type_misses_root_usage()
        {
            var result = Analyze("{ $.userIdentity.arn = \"root\" && $.userIdentity.invokedBy NOT EXISTS }");
            Assert.Equal(UsageFilterVerdict.MissesRootUsage, result.Verdict);
            Assert.Contains("it filters on `$.userIdentity.arn` instead of `$.userIdentity.type`", result.Reason);
        }

        [Fact]
        public void A_pattern_on_the_user_name_misses_root_usage_and_catches_rootadmin()
        {
            var result = Analyze("{ $.userIdentity.userName = \"root*\" }");
            Assert.Equal(UsageFilterVerdict.MissesRootUsage, result.Verdict);
            Assert.Contains("IamUserNamedRootadminApiCall", result.AdditionalMatches);
            Assert.Contains("instead of `$.userIdentity.type`", result.Reason);
        }

        [Fact]
        public void A_pattern_for_another_identity_type_misses_root_usage()
        {
            var result = Analyze("{ $.userIdentity.type = \"IAMUser\" }");
            Assert.Equal(UsageFilterVerdict.MissesRootUsage, result.Verdict);
            Assert.Contains("`$.userIdentity.type = \"IAMUser\"` selects another identity type than \"Root\"", result.Reason);
        }

        [Fact]
        public void A_pattern_that_leaves_out_root_sign_ins_misses_root_usage()
        {
            var result = Analyze("{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType = \"AwsApiCall\" }");
            Assert.Equal(UsageFilterVerdict.MissesRootUsage, result.Verdict);
            Assert.Equal(new[] { "RootConsoleSignInRecord" }, result.MissedRootUsage);
            Assert.Contains("`$.eventType = \"AwsApiCall\"` is false for a root console sign-in record", result.Reason);
        }

        [Fact]
        public void An_ARN_wildcard_that_still_catches_root_is_accepted_as_different()
        {
            var result = Analyze("{ $.userIdentity.arn = \"arn:aws:iam::*:root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }");
            Assert.Equal(UsageFilterVerdict.MatchesRootUsageDifferently, result.Verdict);
            Assert.Contains("`$.userIdentity.type = \"Root\"`", result.Reason);
            Assert.Contains("`$.userIdentity.arn = \"arn:aws:iam::*:root\"`", result.Reason);
        }

        [Fact]
        public void An_or_of_root_conditions_that_matches_the_same_records_is_different_not_equivalent()
        {
            var result = Analyze("{ ($.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\") || $.userIdentity.type = \"Root\" && $.eventName = \"Nope\" }");
            Assert.Equal(UsageFilterVerdict.MatchesRootUsageDifferently, result.Verdict);
        }

        [Theory]
        [InlineData("Root")]
        [InlineData("{ $.userIdentity.type = }")]
        [InlineData("")]
        public void Text_that_is_not_a_JSON_filter_pattern_is_Unparsable_with_the_parse_error(string pattern)
        {
            var result = Analyze(pattern);
            Assert.Equal(UsageFilterVerdict.Unparsable, result.Verdict);
            Assert.False(result.CountsRootUsage);
            Assert.NotNull(result.ParseError);
            Assert.StartsWith("The filter pattern cannot be parsed: ", result.Reason);
        }

        [Fact]
        public void Every_reason_is_one_sentence()
        {
            foreach (var pattern in new[]
            {
                RootMonitorDefinitions.CisRootUsageFilterPattern,
                RootMonitorDefinitions.CisRootUsageWithoutAssumeRootFilterPattern,
                "{ $.userIdentity.type = \"Root\" }",
                "{ $.userIdentity.type != \"Root\" }",
                "{ $.eventType != \"AwsServiceEvent\" && $.userIdentity.invokedBy NOT EXISTS && $.userIdentity.type = \"Root\" }",
            })
            {
                var reason = Analyze(pattern).Reason;
                Assert.EndsWith(".", reason);
                Assert.DoesNotContain(". ", reason.Replace("e.g. ", "").Replace("amazonaws.com", ""));
            }
        }

        // ---- Filters narrowed to the samples' values: they count the samples but not all root usage ----

        private const string Cis = "$.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\"";

        [Fact]
        public void AWSs_documented_CIS_filter_is_ExactCis_and_counts_every_variant()
        {
            var result = Analyze("{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }");
            Assert.Equal(UsageFilterVerdict.ExactCis, result.Verdict);
            var cis = RootGuard.Core.Patterns.LogFilterPattern.Parse(RootMonitorDefinitions.CisRootUsageFilterPattern);
            Assert.NotEmpty(RootMonitorVariants.EssentialRootUsageVariants);
            foreach (var variant in RootMonitorVariants.EssentialRootUsageVariants)
                Assert.True(cis.Matches(variant.Json), variant.Name);
        }

        [Fact]
        public void A_filter_limited_to_one_region_misses_root_usage_in_the_others()
        {
            var result = Analyze("{ " + Cis + " && $.awsRegion = \"us-east-1\" }");
            Assert.Equal(UsageFilterVerdict.MissesRootUsage, result.Verdict);
            Assert.False(result.CountsRootUsage);
            Assert.StartsWith("The filter pattern counts RootGuard's sample root actions but not all root usage: it would not count a root API call from the console in eu-west-1", result.Reason);
            Assert.EndsWith("because `$.awsRegion = \"us-east-1\"` is false for a root API call from the console in eu-west-1.", result.Reason);
            Assert.Contains("RootConsoleApiCall/awsRegion=eu-west-1", result.MissedRootUsage);
        }

        [Fact]
        public void A_filter_that_leaves_out_one_address_misses_root_usage_from_it()
        {
            var result = Analyze("{ " + Cis + " && $.sourceIPAddress != \"192.0.2.9\" }");
            Assert.Equal(UsageFilterVerdict.MissesRootUsage, result.Verdict);
            Assert.Contains("would not count a root API call from the console from 192.0.2.9", result.Reason);
        }

        [Fact]
        public void A_filter_that_leaves_out_an_address_range_by_wildcard_is_tried_with_an_address_in_it()
        {
            var result = Analyze("{ " + Cis + " && $.sourceIPAddress != \"10.*\" }");
            Assert.Equal(UsageFilterVerdict.MissesRootUsage, result.Verdict);
            Assert.Contains("from 10.1.1.1", result.Reason);
        }

        [Fact]
        public void A_filter_that_leaves_out_denied_calls_misses_root_usage()
        {
            var result = Analyze("{ " + Cis + " && $.errorCode NOT EXISTS }");
            Assert.Equal(UsageFilterVerdict.MissesRootUsage, result.Verdict);
            Assert.Contains("that was denied (AccessDenied)", result.Reason);
        }

        [Fact]
        public void A_filter_on_one_API_misses_root_calls_to_the_others()
        {
            var result = Analyze("{ " + Cis + " && ($.eventSource = \"iam.amazonaws.com\" || $.eventSource = \"s3.amazonaws.com\" || $.eventName = \"ConsoleLogin\") }");
            Assert.Equal(UsageFilterVerdict.MissesRootUsage, result.Verdict);
            Assert.Contains("to cloudtrail.amazonaws.com", result.Reason);
        }

        [Fact]
        public void A_filter_requiring_a_property_no_sample_has_to_be_absent_is_Unverifiable()
        {
            var result = Analyze("{ " + Cis + " && $.requestParameters.roleName NOT EXISTS }");
            Assert.Equal(UsageFilterVerdict.Unverifiable, result.Verdict);
            Assert.True(result.CountsRootUsage);
            Assert.False(result.SatisfiesSecurityHub);
            Assert.Equal(new[] { "$.requestParameters.roleName NOT EXISTS" }, result.UnverifiableConditions);
            Assert.Contains("cannot be verified", result.Reason);
        }

        [Fact]
        public void A_broader_filter_with_an_or_still_counts_every_variant()
        {
            var result = Analyze("{ (" + Cis + ") || $.awsRegion = \"us-east-1\" && $.userIdentity.type = \"Root\" }");
            Assert.Equal(UsageFilterVerdict.MatchesRootUsageDifferently, result.Verdict);
        }
    }
}
