using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.NotificationTopic;
using RootGuard.Core.Ownership;
using Xunit;

namespace RootGuard.Core.Tests.Notifications
{
    /// <summary>-Tag is checked against the rules SNS, EventBridge and CloudWatch share, before any call.</summary>
    public sealed class TagRulesTests
    {
        private static Dictionary<string, string> Tags(int count) => Enumerable.Range(1, count).ToDictionary(i => "k" + i, i => "v");

        [Fact]
        public void Fifty_tags_on_a_resource_include_RootGuards_own()
        {
            NotificationInputRules.ValidateTags(Tags(48));
            var e = Assert.Throws<RootGuardException>(() => NotificationInputRules.ValidateTags(Tags(49)));
            Assert.Equal(ErrorIds.TooManyTags, e.ErrorId);
            Assert.Contains("room for 48", e.Message);
        }

        [Fact]
        public void The_usage_alarm_keeps_room_for_its_filter_marker()
        {
            var e = Assert.Throws<RootGuardException>(() => NotificationInputRules.ValidateTags(Tags(48), RootGuardTags.OwnTagCount + 1));
            Assert.Equal(ErrorIds.TooManyTags, e.ErrorId);
        }

        [Theory]
        [InlineData("Team#1", "x", "character")]
        [InlineData("Team", "a;b", "character")]
        [InlineData("Team\u0000", "x", "character")]
        [InlineData("Team", "line\nbreak", "character")]
        [InlineData("", "x", "empty")]
        [InlineData("aws:cost", "x", "reserved by AWS")]
        public void Characters_AWS_refuses_are_refused_before_any_call(string key, string value, string problem)
        {
            var e = Assert.Throws<RootGuardException>(() => NotificationInputRules.ValidateTags(new Dictionary<string, string> { [key] = value }));
            Assert.Equal(ErrorIds.InvalidTag, e.ErrorId);
            Assert.Contains(problem, e.Message);
            Assert.False(e.Message.Contains('\0'), "The message holds a raw NUL.");
        }

        [Fact]
        public void Lengths_are_counted_in_characters_as_AWS_counts_them()
        {
            NotificationInputRules.ValidateTags(new Dictionary<string, string> { [new string('k', 128)] = new string('v', 256) });
            // 128 characters outside the basic plane: 256 UTF-16 units, still 128 characters for AWS.
            NotificationInputRules.ValidateTags(new Dictionary<string, string> { [string.Concat(Enumerable.Repeat("\U0001D49C", 128))] = "v" });
            Assert.Equal(ErrorIds.InvalidTag, Assert.Throws<RootGuardException>(() =>
                NotificationInputRules.ValidateTags(new Dictionary<string, string> { [new string('k', 129)] = "v" })).ErrorId);
            Assert.Equal(ErrorIds.InvalidTag, Assert.Throws<RootGuardException>(() =>
                NotificationInputRules.ValidateTags(new Dictionary<string, string> { ["k"] = new string('v', 257) })).ErrorId);
        }

        [Fact]
        public void Letters_digits_spaces_and_the_allowed_marks_pass_in_any_script()
        {
            NotificationInputRules.ValidateTags(new Dictionary<string, string> { ["Kostenstelle ÄÖÜ 7"] = "sécurité/ops:team=a+b-c_d.e@f", ["チーム"] = "" });
        }
    }
}
