using RootGuard.Core.Patterns;
using Xunit;

namespace RootGuard.Core.Tests.Patterns
{
    public class EventPatternMatcherTests
    {
        private const string Event = """
            {"source":"aws.ec2","detail-type":"EC2 Instance State-change Notification","account":"111122223333",
             "detail":{"state":"running","instance-id":"i-0123456789abcdef0","count":5,"ratio":0.5,"enabled":true,
                       "nothing":null,"tags":["prod","web"],"sourceIPAddress":"10.0.1.17","ipv6":"2001:db8::42",
                       "items":[{"name":"alpha","size":1},{"name":"beta","size":3}],
                       "file":"report.PNG","Location":"us-east-1"}}
            """;

        private static bool Match(string pattern) => EventPatternMatcher.Matches(pattern, Event);

        [Theory]
        [InlineData("""{"source":["aws.ec2"]}""", true)]
        [InlineData("""{"source":["aws.s3"]}""", false)]
        [InlineData("""{"source":["aws.s3","aws.ec2"]}""", true)]
        [InlineData("""{"detail":{"count":[5]}}""", true)]
        [InlineData("""{"detail":{"count":[5.0]}}""", true)]
        [InlineData("""{"detail":{"count":["5"]}}""", false)]
        [InlineData("""{"detail":{"enabled":[true]}}""", true)]
        [InlineData("""{"detail":{"enabled":[false]}}""", false)]
        [InlineData("""{"detail":{"nothing":[null]}}""", true)]
        [InlineData("""{"detail":{"missing":[null]}}""", false)]
        public void Exact_values_match_by_type_and_value(string pattern, bool expected) => Assert.Equal(expected, Match(pattern));

        [Fact]
        public void Every_field_of_the_pattern_must_match()
        {
            Assert.True(Match("""{"source":["aws.ec2"],"detail":{"state":["running"]}}"""));
            Assert.False(Match("""{"source":["aws.ec2"],"detail":{"state":["stopped"]}}"""));
        }

        [Fact]
        public void A_field_the_event_lacks_matches_nothing() => Assert.False(Match("""{"detail":{"absent":["x"]}}"""));

        [Theory]
        [InlineData("""{"detail":{"tags":["web"]}}""", true)]
        [InlineData("""{"detail":{"tags":["dev","prod"]}}""", true)]
        [InlineData("""{"detail":{"tags":["dev"]}}""", false)]
        [InlineData("""{"detail":{"items":{"name":["beta"]}}}""", true)]
        [InlineData("""{"detail":{"items":{"name":["gamma"]}}}""", false)]
        public void Array_valued_event_fields_match_when_any_element_does(string pattern, bool expected) => Assert.Equal(expected, Match(pattern));

        [Theory]
        [InlineData("""{"detail":{"state":[{"prefix":"run"}]}}""", true)]
        [InlineData("""{"detail":{"state":[{"prefix":"RUN"}]}}""", false)]
        [InlineData("""{"detail":{"state":[{"prefix":{"equals-ignore-case":"RUN"}}]}}""", true)]
        [InlineData("""{"detail":{"file":[{"suffix":".PNG"}]}}""", true)]
        [InlineData("""{"detail":{"file":[{"suffix":".png"}]}}""", false)]
        [InlineData("""{"detail":{"file":[{"suffix":{"equals-ignore-case":".png"}}]}}""", true)]
        [InlineData("""{"detail":{"count":[{"prefix":"5"}]}}""", false)]
        public void Prefix_and_suffix_match_the_start_and_end_of_strings(string pattern, bool expected) => Assert.Equal(expected, Match(pattern));

        [Theory]
        [InlineData("""{"detail":{"state":[{"anything-but":"stopped"}]}}""", true)]
        [InlineData("""{"detail":{"state":[{"anything-but":"running"}]}}""", false)]
        [InlineData("""{"detail":{"state":[{"anything-but":["stopped","running"]}]}}""", false)]
        [InlineData("""{"detail":{"count":[{"anything-but":[1,2]}]}}""", true)]
        [InlineData("""{"detail":{"count":[{"anything-but":5}]}}""", false)]
        [InlineData("""{"detail":{"state":[{"anything-but":{"prefix":"run"}}]}}""", false)]
        [InlineData("""{"detail":{"state":[{"anything-but":{"prefix":"stop"}}]}}""", true)]
        [InlineData("""{"detail":{"file":[{"anything-but":{"suffix":".PNG"}}]}}""", false)]
        [InlineData("""{"detail":{"state":[{"anything-but":{"equals-ignore-case":["RUNNING"]}}]}}""", false)]
        [InlineData("""{"detail":{"state":[{"anything-but":{"wildcard":"r*g"}}]}}""", false)]
        [InlineData("""{"detail":{"absent":[{"anything-but":"x"}]}}""", false)]
        public void Anything_but_excludes_values_prefixes_and_suffixes(string pattern, bool expected) => Assert.Equal(expected, Match(pattern));

        [Theory]
        [InlineData("""{"detail":{"count":[{"numeric":[">",0,"<=",5]}]}}""", true)]
        [InlineData("""{"detail":{"count":[{"numeric":[">",5]}]}}""", false)]
        [InlineData("""{"detail":{"count":[{"numeric":["=",5]}]}}""", true)]
        [InlineData("""{"detail":{"ratio":[{"numeric":["<",1]}]}}""", true)]
        [InlineData("""{"detail":{"state":[{"numeric":[">",0]}]}}""", false)]
        [InlineData("""{"detail":{"items":{"size":[{"numeric":[">=",3]}]}}}""", true)]
        public void Numeric_compares_numbers_only(string pattern, bool expected) => Assert.Equal(expected, Match(pattern));

        [Theory]
        [InlineData("""{"detail":{"state":[{"exists":true}]}}""", true)]
        [InlineData("""{"detail":{"state":[{"exists":false}]}}""", false)]
        [InlineData("""{"detail":{"absent":[{"exists":false}]}}""", true)]
        [InlineData("""{"detail":{"absent":[{"exists":true}]}}""", false)]
        [InlineData("""{"detail":{"nothing":[{"exists":true}]}}""", true)]
        [InlineData("""{"nowhere":{"deeper":[{"exists":false}]}}""", true)]
        public void Exists_tests_whether_a_field_is_there(string pattern, bool expected) => Assert.Equal(expected, Match(pattern));

        [Theory]
        [InlineData("""{"detail":{"Location":[{"equals-ignore-case":"US-EAST-1"}]}}""", true)]
        [InlineData("""{"detail":{"Location":[{"equals-ignore-case":"us-west-2"}]}}""", false)]
        [InlineData("""{"detail":{"instance-id":[{"wildcard":"i-*"}]}}""", true)]
        [InlineData("""{"detail":{"instance-id":[{"wildcard":"i-*f0"}]}}""", true)]
        [InlineData("""{"detail":{"instance-id":[{"wildcard":"i-*f1"}]}}""", false)]
        [InlineData("""{"detail":{"instance-id":[{"wildcard":"i-0123456789abcdef0"}]}}""", true)]
        [InlineData("""{"detail":{"sourceIPAddress":[{"cidr":"10.0.0.0/16"}]}}""", true)]
        [InlineData("""{"detail":{"sourceIPAddress":[{"cidr":"10.1.0.0/16"}]}}""", false)]
        [InlineData("""{"detail":{"ipv6":[{"cidr":"2001:db8::/32"}]}}""", true)]
        [InlineData("""{"detail":{"ipv6":[{"cidr":"10.0.0.0/8"}]}}""", false)]
        public void Equals_ignore_case_wildcard_and_cidr(string pattern, bool expected) => Assert.Equal(expected, Match(pattern));

        [Fact]
        public void A_wildcard_escape_matches_a_literal_star()
        {
            Assert.True(EventPatternMatcher.Matches("""{"a":[{"wildcard":"x\\*y"}]}""", """{"a":"x*y"}"""));
            Assert.False(EventPatternMatcher.Matches("""{"a":[{"wildcard":"x\\*y"}]}""", """{"a":"xzy"}"""));
        }

        [Theory]
        [InlineData("""{"source":["aws.ec2"],"$or":[{"detail":{"state":["stopped"]}},{"detail":{"count":[5]}}]}""", true)]
        [InlineData("""{"source":["aws.ec2"],"$or":[{"detail":{"state":["stopped"]}},{"detail":{"count":[6]}}]}""", false)]
        [InlineData("""{"detail":{"$or":[{"state":["stopped"]},{"tags":["web"]}]}}""", true)]
        public void Or_needs_one_alternative_to_match(string pattern, bool expected) => Assert.Equal(expected, Match(pattern));

        [Fact]
        public void A_nested_pattern_on_a_string_field_does_not_match() =>
            Assert.False(Match("""{"source":{"name":["aws.ec2"]}}"""));

        [Theory]
        [InlineData("not json", ErrorIds.InvalidEventPattern, "not valid JSON")]
        [InlineData("[]", ErrorIds.InvalidEventPattern, "must be a JSON object")]
        [InlineData("{}", ErrorIds.InvalidEventPattern, "empty")]
        [InlineData("""{"source":"aws.ec2"}""", ErrorIds.InvalidEventPattern, "must be an array")]
        [InlineData("""{"source":[]}""", ErrorIds.InvalidEventPattern, "empty list")]
        [InlineData("""{"detail":{}}""", ErrorIds.InvalidEventPattern, "empty object")]
        [InlineData("""{"a":[{"prefix":1}]}""", ErrorIds.InvalidEventPattern, "\"prefix\"")]
        [InlineData("""{"a":[{"numeric":[">"]}]}""", ErrorIds.InvalidEventPattern, "numeric")]
        [InlineData("""{"a":[{"numeric":["!=",1]}]}""", ErrorIds.InvalidEventPattern, "\"!=\"")]
        [InlineData("""{"a":[{"exists":"yes"}]}""", ErrorIds.InvalidEventPattern, "true or false")]
        [InlineData("""{"a":[{"cidr":"10.0.0.0"}]}""", ErrorIds.InvalidEventPattern, "CIDR")]
        [InlineData("""{"a":[{"prefix":"x","suffix":"y"}]}""", ErrorIds.InvalidEventPattern, "exactly one key")]
        [InlineData("""{"$or":[]}""", ErrorIds.InvalidEventPattern, "$or")]
        [InlineData("""{"a":[{"regex":"x+"}]}""", ErrorIds.UnsupportedEventPatternOperator, "\"regex\" in \"a\" is not supported")]
        [InlineData("""{"a":[{"anything-but":{"cidr":"10.0.0.0/8"}}]}""", ErrorIds.UnsupportedEventPatternOperator, "cidr")]
        public void Invalid_patterns_raise_a_typed_error_with_a_clear_message(string pattern, string errorId, string messagePart)
        {
            var error = Assert.Throws<PatternSyntaxException>(() => EventPatternMatcher.Parse(pattern));
            Assert.Equal(errorId, error.ErrorId);
            Assert.Equal(FailureKind.InvalidArgument, error.Kind);
            Assert.Contains(messagePart, error.Message);
        }

        [Fact]
        public void An_event_that_is_not_JSON_raises_a_typed_error()
        {
            var matcher = EventPatternMatcher.Parse("""{"source":["aws.ec2"]}""");
            var error = Assert.Throws<PatternSyntaxException>(() => matcher.Matches("{oops"));
            Assert.Equal(ErrorIds.InvalidEventJson, error.ErrorId);
        }

        [Fact]
        public void The_parsed_matcher_keeps_its_text_and_can_be_reused()
        {
            const string pattern = """{"source":["aws.ec2"]}""";
            var matcher = EventPatternMatcher.Parse(pattern);
            Assert.Equal(pattern, matcher.PatternJson);
            Assert.True(matcher.Matches(Event));
            Assert.False(matcher.Matches("""{"source":"aws.s3"}"""));
        }
    }
}
