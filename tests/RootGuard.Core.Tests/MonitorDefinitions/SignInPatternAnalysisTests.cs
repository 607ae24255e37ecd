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
    }
}
