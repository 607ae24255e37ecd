using System.Linq;
using RootGuard.Core.MonitorDefinitions;
using Xunit;

namespace RootGuard.Core.Tests.MonitorDefinitions
{
    public class SignInPatternAnalysisTests
    {
        private static SignInPatternAnalysis Analyze(string pattern) => RootMonitorPatternAnalysis.AnalyzeSignInPattern(pattern);

        [Fact]
        public void RootGuards_own_pattern_matches_every_root_sign_in()
        {
            var result = Analyze(RootMonitorDefinitions.BuildSignInEventPattern());
            Assert.True(result.IsValid);
            Assert.True(result.MatchesRootSignIns);
            Assert.False(result.MatchesOnlySuccess);
            Assert.False(result.IsOverlyBroad);
            Assert.Empty(result.MissedRootSignIns);
            Assert.Equal("The event pattern matches every root console sign-in, successful or failed, with or without MFA.", result.Reason);
        }

        [Fact]
        public void The_pattern_without_source_matches_too() =>
            Assert.True(Analyze("""{"detail-type":["AWS Console Sign In via CloudTrail"],"detail":{"userIdentity":{"type":["Root"]}}}""").MatchesRootSignIns);

        [Fact]
        public void The_success_only_pattern_matches_only_successes()
        {
            var result = Analyze(RootMonitorDefinitions.BuildSignInEventPattern(successOnly: true));
            Assert.False(result.MatchesRootSignIns);
            Assert.True(result.MatchesOnlySuccess);
            Assert.Equal(new[] { "a failed root sign-in" }, result.MissedRootSignIns);
            Assert.Equal("The event pattern matches successful root sign-ins only: it does not match a failed root sign-in.", result.Reason);
        }

        [Fact]
        public void A_pattern_on_the_wrong_detail_type_matches_no_root_sign_in()
        {
            var result = Analyze("""{"detail-type":["AWS API Call via CloudTrail"],"detail":{"userIdentity":{"type":["Root"]}}}""");
            Assert.False(result.MatchesRootSignIns);
            Assert.False(result.MatchesOnlySuccess);
            Assert.Equal(4, result.MissedRootSignIns.Count);
            Assert.Equal("The event pattern matches no root console sign-in.", result.Reason);
        }

        [Fact]
        public void A_pattern_on_IAM_users_matches_no_root_sign_in()
        {
            var result = Analyze("""{"detail-type":["AWS Console Sign In via CloudTrail"],"detail":{"userIdentity":{"type":["IAMUser"]}}}""");
            Assert.False(result.MatchesRootSignIns);
            Assert.True(result.MatchesIamUserSignIns);
            Assert.Equal("The event pattern matches IAM user sign-ins but no root console sign-in.", result.Reason);
        }

        [Fact]
        public void A_pattern_using_prefix_still_matches()
        {
            var result = Analyze("""{"source":[{"prefix":"aws.sign"}],"detail-type":[{"prefix":"AWS Console Sign In"}],"detail":{"userIdentity":{"arn":[{"suffix":":root"}]}}}""");
            Assert.True(result.MatchesRootSignIns);
            Assert.False(result.IsOverlyBroad);
        }

        [Fact]
        public void A_pattern_on_every_sign_in_passes_and_is_noted_as_broad()
        {
            var result = Analyze("""{"detail-type":["AWS Console Sign In via CloudTrail"]}""");
            Assert.True(result.MatchesRootSignIns);
            Assert.True(result.IsOverlyBroad);
            Assert.Contains("also IAM user sign-ins", result.Reason);
        }

        [Fact]
        public void A_pattern_requiring_MFA_Yes_names_the_sign_ins_it_misses()
        {
            var result = Analyze("""{"detail-type":["AWS Console Sign In via CloudTrail"],"detail":{"userIdentity":{"type":["Root"]},"additionalEventData":{"MFAUsed":["Yes"]}}}""");
            Assert.False(result.MatchesRootSignIns);
            Assert.Equal(
                "The event pattern does not match a successful root sign-in recorded with MFAUsed \"YES\", a successful root sign-in without MFA, or a failed root sign-in.",
                result.Reason);
        }

        [Fact]
        public void A_pattern_on_MFA_ignoring_case_misses_only_sign_ins_without_MFA()
        {
            var result = Analyze("""{"detail":{"userIdentity":{"type":["Root"]},"additionalEventData":{"MFAUsed":[{"equals-ignore-case":"yes"}]}}}""");
            Assert.Equal(new[] { "a successful root sign-in without MFA", "a failed root sign-in" }, result.MissedRootSignIns);
        }

        [Fact]
        public void An_invalid_pattern_is_reported_not_thrown()
        {
            var result = Analyze("""{"detail-type":"AWS Console Sign In via CloudTrail"}""");
            Assert.False(result.IsValid);
            Assert.False(result.MatchesRootSignIns);
            Assert.Contains("must be an array", result.ParseError);
            Assert.StartsWith("The event pattern cannot be evaluated: ", result.Reason);
        }

        // ---- Patterns narrowed to the samples' values: they match the samples but drop real root sign-ins ----

        private const string Root = "\"detail-type\":[\"AWS Console Sign In via CloudTrail\"],\"detail\":{\"userIdentity\":{\"type\":[\"Root\"]}";

        [Theory]
        [InlineData("""{"source":["aws.signin"],"detail-type":["AWS Console Sign In via CloudTrail"],"detail":{"userIdentity":{"type":["Root"]}}}""")]
        [InlineData("""{"detail-type":["AWS Console Sign In via CloudTrail"],"detail":{"userIdentity":{"type":["Root"]}}}""")]
        [InlineData("""{"detail-type":["AWS Console Sign In via CloudTrail"],"detail":{"userIdentity":{"type":["Root"]},"eventName":["ConsoleLogin"]}}""")]
        [InlineData("""{"source":["aws.signin"],"detail":{"eventSource":["signin.amazonaws.com"],"eventName":["ConsoleLogin"],"userIdentity":{"type":["Root"]}}}""")]
        [InlineData("""{"detail":{"eventName":["ConsoleLogin"],"userIdentity":{"arn":[{"suffix":":root"}]},"responseElements":{"ConsoleLogin":["Success","Failure"]}}}""")]
        [InlineData("""{"detail-type":["AWS Console Sign In via CloudTrail"],"detail":{"userIdentity":{"type":["Root"],"userName":[{"exists":false}]},"sourceIPAddress":[{"exists":true}]}}""")]
        public void Equivalent_sign_in_patterns_still_match_every_root_sign_in(string pattern)
        {
            var result = Analyze(pattern);
            Assert.True(result.MatchesRootSignIns, result.Reason);
            Assert.False(result.IsNarrowed);
            Assert.Empty(result.UnverifiableFields);
            Assert.StartsWith("The event pattern matches every root console sign-in", result.Reason);
        }

        [Fact]
        public void A_pattern_limited_to_one_address_range_is_narrowed_and_names_a_sign_in_it_drops()
        {
            var result = Analyze("{" + Root + ",\"sourceIPAddress\":[{\"cidr\":\"198.51.100.0/24\"}]}}");
            Assert.False(result.MatchesRootSignIns);
            Assert.False(result.MatchesOnlySuccess);
            Assert.True(result.IsNarrowed);
            Assert.Equal("detail.sourceIPAddress", Assert.Single(result.MissedVariants[0].VariedFields));
            Assert.StartsWith(
                "The event pattern matches RootGuard's sample root sign-ins but not every root sign-in: a successful root sign-in with MFA from 203.0.113.7",
                result.Reason);
            Assert.EndsWith("would not match, because of its condition on `detail.sourceIPAddress`.", result.Reason);
            Assert.Contains("a successful root sign-in with MFA from 203.0.113.7", result.MissedRootSignIns);
        }

        [Fact]
        public void A_pattern_on_IPv4_addresses_only_misses_sign_ins_over_IPv6()
        {
            var result = Analyze("{" + Root + ",\"sourceIPAddress\":[{\"cidr\":\"0.0.0.0/0\"}]}}");
            Assert.True(result.IsNarrowed);
            Assert.Contains("from 2001:db8:4f2a::17", result.Reason);
        }

        [Fact]
        public void A_pattern_that_leaves_out_one_address_names_a_sign_in_from_that_address()
        {
            var result = Analyze("{" + Root + ",\"sourceIPAddress\":[{\"anything-but\":\"203.0.113.9\"}]}}");
            Assert.True(result.IsNarrowed);
            Assert.Contains("a successful root sign-in with MFA from 203.0.113.9 would not match", result.Reason);
        }

        [Fact]
        public void A_pattern_that_leaves_out_an_address_prefix_is_tried_with_an_address_in_it()
        {
            var result = Analyze("{" + Root + ",\"sourceIPAddress\":[{\"anything-but\":{\"prefix\":\"10.\"}}]}}");
            Assert.True(result.IsNarrowed);
            Assert.Contains("from 10.1.1.1", result.Reason);
        }

        [Fact]
        public void A_pattern_on_the_desktop_console_misses_mobile_sign_ins()
        {
            var result = Analyze("{" + Root + ",\"additionalEventData\":{\"MobileVersion\":[\"No\"]}}}");
            Assert.True(result.IsNarrowed);
            Assert.Contains("from the mobile console (MobileVersion \"Yes\")", result.Reason);
            Assert.Contains("`detail.additionalEventData.MobileVersion`", result.Reason);
        }

        [Fact]
        public void A_pattern_on_one_browser_misses_sign_ins_from_others()
        {
            var result = Analyze("{" + Root + ",\"userAgent\":[{\"wildcard\":\"*Windows NT*\"}]}}");
            Assert.True(result.IsNarrowed);
            Assert.Contains("with user agent \"Mozilla/5.0 (Macintosh;", result.Reason);
        }

        [Fact]
        public void A_pattern_on_the_day_of_the_samples_misses_sign_ins_on_other_days()
        {
            var result = Analyze("{" + Root + "},\"time\":[{\"prefix\":\"2026-11-20\"}]}");
            Assert.True(result.IsNarrowed);
            Assert.Contains("at 2027-02-03T22:41:07Z", result.Reason);
        }

        [Fact]
        public void An_or_that_lets_a_sign_in_through_by_address_or_by_browser_misses_one_that_has_neither()
        {
            // Each field varied alone keeps the other alternative true; only the variant that varies both shows the miss.
            var result = Analyze("{" + Root + "},\"$or\":[{\"detail\":{\"sourceIPAddress\":[{\"cidr\":\"198.51.100.0/24\"}]}},{\"detail\":{\"userAgent\":[{\"prefix\":\"Mozilla/5.0 (Windows\"}]}}]}");
            Assert.False(result.MatchesRootSignIns);
            Assert.True(result.IsNarrowed);
            Assert.Contains("`detail.sourceIPAddress` and `detail.userAgent`", result.Reason);
        }

        [Fact]
        public void A_success_only_pattern_narrowed_to_one_address_is_not_success_only_but_narrowed()
        {
            var result = Analyze("{" + Root + ",\"responseElements\":{\"ConsoleLogin\":[\"Success\"]},\"sourceIPAddress\":[\"198.51.100.24\"]}}");
            Assert.False(result.MatchesOnlySuccess);
            Assert.False(result.MatchesRootSignIns);
            Assert.StartsWith("The event pattern does not match a failed root sign-in, and not every other root sign-in either: a successful root sign-in with MFA from 203.0.113.7", result.Reason);
            Assert.Contains("a failed root sign-in", result.MissedRootSignIns);
            Assert.Contains(result.MissedVariants, v => v.VariedFields.Contains("detail.sourceIPAddress"));
        }

        [Fact]
        public void A_pattern_requiring_a_field_no_sample_has_to_be_absent_is_unverifiable_not_narrowed()
        {
            var result = Analyze("{" + Root + ",\"additionalEventData\":{\"SamlProviderArn\":[{\"exists\":false}]}}}");
            Assert.True(result.MatchesRootSignIns);
            Assert.False(result.IsNarrowed);
            Assert.Equal(new[] { "detail.additionalEventData.SamlProviderArn" }, result.UnverifiableFields);
            Assert.Contains("cannot be verified", result.Reason);
        }

        [Fact]
        public void Every_variant_of_every_root_sign_in_matches_RootGuards_pattern_and_differs_from_its_sample()
        {
            var pattern = RootGuard.Core.Patterns.EventPatternMatcher.Parse(RootMonitorDefinitions.BuildSignInEventPattern());
            Assert.NotEmpty(RootMonitorVariants.RootSignInVariants);
            foreach (var variant in RootMonitorVariants.RootSignInVariants)
            {
                Assert.True(pattern.Matches(variant.Json), variant.Name);
                Assert.NotEqual(variant.VariantOf!.Json, variant.Json);
                Assert.StartsWith(variant.VariantOf.Description + " ", variant.Description);
            }
            Assert.Equal(RootMonitorVariants.RootSignInVariants.Count, RootMonitorVariants.RootSignInVariants.Select(v => v.Name).Distinct().Count());
        }
    }
}
