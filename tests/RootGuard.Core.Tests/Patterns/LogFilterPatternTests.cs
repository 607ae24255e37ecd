using RootGuard.Core.Patterns;
using Xunit;

namespace RootGuard.Core.Tests.Patterns
{
    public class LogFilterPatternTests
    {
        private const string Record = """
            {"eventType":"AwsApiCall","eventName":"ConsoleLogin","errorCode":null,"readOnly":true,"dryRun":false,
             "latency":250,"ratio":0.75,"sourceIPAddress":"123.123.4.5",
             "userIdentity":{"type":"Root","arn":"arn:aws:iam::111122223333:root","sessionContext":{"attributes":{"mfaAuthenticated":"true"}}},
             "resources":[{"ARN":"arn:aws:s3:::amzn-s3-demo-bucket","type":"AWS::S3::Bucket"},{"ARN":"arn:aws:s3:::other"}]}
            """;

        private static bool Match(string pattern) => LogFilterPattern.Parse(pattern).Matches(Record);

        [Theory]
        [InlineData("""{ $.eventType = "AwsApiCall" }""", true)]
        [InlineData("""{ $.eventType = AwsApiCall }""", true)]
        [InlineData("""{$.eventType="AwsApiCall"}""", true)]
        [InlineData("""{ $.eventType = "awsapicall" }""", false)]
        [InlineData("""{ $.eventType != "AwsServiceEvent" }""", true)]
        [InlineData("""{ $.eventType != "AwsApiCall" }""", false)]
        [InlineData("""{ $.userIdentity.type = "Root" }""", true)]
        [InlineData("""{ $.userIdentity.sessionContext.attributes.mfaAuthenticated = "true" }""", true)]
        [InlineData("""{ $.resources[0].ARN = "arn:aws:s3:::amzn-s3-demo-bucket" }""", true)]
        [InlineData("""{ $.resources[1].ARN = "arn:aws:s3:::amzn-s3-demo-bucket" }""", false)]
        [InlineData("""{ $.resources[5].ARN EXISTS }""", false)]
        public void Equality_compares_strings_at_dotted_and_indexed_paths(string pattern, bool expected) => Assert.Equal(expected, Match(pattern));

        [Theory]
        [InlineData("""{ $.sourceIPAddress = "123.123.*" }""", true)]
        [InlineData("""{ $.sourceIPAddress = 123.123.* }""", true)]
        [InlineData("""{ $.sourceIPAddress != 123.123.* }""", false)]
        [InlineData("""{ $.userIdentity.arn = "arn:aws:iam::*:root" }""", true)]
        [InlineData("""{ $.eventName = "*Login" }""", true)]
        [InlineData("""{ $.eventName = "Console*x" }""", false)]
        [InlineData("""{ $.eventName = %Con+sole[A-Z]% }""", true)]
        [InlineData("""{ $.eventName = %^Logout$% }""", false)]
        public void Stars_are_wildcards_and_percent_signs_delimit_regular_expressions(string pattern, bool expected) => Assert.Equal(expected, Match(pattern));

        [Theory]
        [InlineData("{ $.latency = 250 }", true)]
        [InlineData("{ $.latency = 250.0 }", true)]
        [InlineData("{ $.latency != 250 }", false)]
        [InlineData("{ $.latency > 200 }", true)]
        [InlineData("{ $.latency < 200 }", false)]
        [InlineData("{ $.latency >= 250 }", true)]
        [InlineData("{ $.latency <= 249 }", false)]
        [InlineData("{ $.ratio < 1 }", true)]
        [InlineData("{ $.ratio > -1.5e2 }", true)]
        [InlineData("{ $.eventType > 1 }", false)]
        public void Numbers_compare_numerically(string pattern, bool expected) => Assert.Equal(expected, Match(pattern));

        [Theory]
        [InlineData("{ $.eventName EXISTS }", true)]
        [InlineData("{ $.userIdentity.invokedBy EXISTS }", false)]
        [InlineData("{ $.userIdentity.invokedBy NOT EXISTS }", true)]
        [InlineData("{ $.eventName NOT EXISTS }", false)]
        [InlineData("{ $.errorCode IS NULL }", true)]
        [InlineData("{ $.eventName IS NULL }", false)]
        [InlineData("{ $.absent IS NULL }", false)]
        [InlineData("{ $.readOnly IS TRUE }", true)]
        [InlineData("{ $.readOnly IS FALSE }", false)]
        [InlineData("{ $.dryRun IS FALSE }", true)]
        [InlineData("{ $.errorCode EXISTS }", true)]
        public void Existence_null_and_boolean_tests(string pattern, bool expected) => Assert.Equal(expected, Match(pattern));

        [Theory]
        [InlineData("""{ $.absent != "x" }""")]
        [InlineData("""{ $.absent = "x" }""")]
        [InlineData("""{ $.absent > 1 }""")]
        [InlineData("""{ $.errorCode != "x" }""")]
        [InlineData("""{ $.userIdentity != "x" }""")]
        public void Comparisons_on_missing_null_or_object_properties_are_false(string pattern) => Assert.False(Match(pattern));

        [Theory]
        // && binds tighter than ||: false || (true && true) = true; (false || true) && false = false.
        [InlineData("""{ $.eventType = "x" || $.eventName = "ConsoleLogin" && $.latency = 250 }""", true)]
        [InlineData("""{ $.eventType = "x" || $.eventName = "ConsoleLogin" && $.latency = 1 }""", false)]
        [InlineData("""{ ($.eventType = "x" || $.eventName = "ConsoleLogin") && $.latency = 1 }""", false)]
        [InlineData("""{ ($.eventType = "x" || $.eventName = "ConsoleLogin") && $.latency = 250 }""", true)]
        [InlineData("""{ $.latency = 1 && $.eventType = "x" || $.readOnly IS TRUE }""", true)]
        [InlineData("""{ (($.latency = 250)) && ((($.readOnly IS TRUE) || $.eventType = "x")) }""", true)]
        public void And_binds_tighter_than_or_and_parentheses_group(string pattern, bool expected) => Assert.Equal(expected, Match(pattern));

        [Fact]
        public void Chains_of_one_operator_parse_to_one_node()
        {
            var pattern = LogFilterPattern.Parse("""{ $.a = 1 && $.b = 2 && $.c = 3 || $.d = 4 }""");
            var or = Assert.IsType<FilterOr>(pattern.Expression);
            Assert.Equal(2, or.Operands.Count);
            Assert.Equal(3, Assert.IsType<FilterAnd>(or.Operands[0]).Operands.Count);
        }

        [Fact]
        public void The_canonical_spelling_quotes_strings_and_parenthesises_nested_ors()
        {
            var pattern = LogFilterPattern.Parse("""{$.userIdentity.type=Root&&($.a NOT EXISTS||$.b!=5)&&$.c[2].d = "q\"x"}""");
            Assert.Equal("""{ $.userIdentity.type = "Root" && ($.a NOT EXISTS || $.b != 5) && $.c[2].d = "q\"x" }""", pattern.ToString());
        }

        [Fact]
        public void Conditions_expose_selector_operator_and_value()
        {
            var condition = Assert.IsType<FilterCondition>(LogFilterPattern.Parse("""{ $.resources[0].ARN != "arn:*" }""").Expression);
            Assert.Equal("$.resources[0].ARN", condition.Selector.Path);
            Assert.Equal(new object[] { "resources", 0, "ARN" }, condition.Selector.Segments);
            Assert.Equal(FilterOperator.NotEqual, condition.Operator);
            Assert.Equal(FilterValueKind.String, condition.ValueKind);
            Assert.Equal("arn:*", condition.ValueText);
        }

        [Fact]
        public void Keywords_are_read_in_any_case() => Assert.True(Match("{ $.userIdentity.invokedBy not exists && $.readOnly is true }"));

        [Fact]
        public void A_line_that_is_not_JSON_matches_no_JSON_pattern() =>
            Assert.False(LogFilterPattern.Parse("{ $.a EXISTS }").Matches("ERROR something happened"));

        [Theory]
        [InlineData("", "empty")]
        [InlineData("   ", "empty")]
        [InlineData("ERROR", "must start with '{'")]
        [InlineData("[ip, user]", "must start with '{'")]
        [InlineData("{ $.a = 1", "closing '}'")]
        [InlineData("{ $.a = 1 } extra", "after the closing")]
        [InlineData("{ }", "Expected a selector")]
        [InlineData("{ a = 1 }", "Expected a selector")]
        [InlineData("{ $ = 1 }", "names no property")]
        [InlineData("{ $.a. = 1 }", "empty property name")]
        [InlineData("{ $.a[x] = 1 }", "array index")]
        [InlineData("{ $.a }", "Expected an operator")]
        [InlineData("{ $.a", "no operator")]
        [InlineData("{ $.a == 1 }", "the comparison operators are")]
        [InlineData("{ $.a = }", "has no value")]
        [InlineData("{ $.a LIKE 1 }", "Expected an operator")]
        [InlineData("{ $.a NOT 1 }", "Expected EXISTS after NOT")]
        [InlineData("{ $.a IS MAYBE }", "NULL, TRUE or FALSE")]
        [InlineData("{ $.a > \"x\" }", "needs a number")]
        [InlineData("{ $.a < abc }", "needs a number")]
        [InlineData("{ $.a = \"open }", "no closing quote")]
        [InlineData("{ $.a = %abc }", "no closing '%'")]
        [InlineData("{ $.a = %(% }", "not valid")]
        [InlineData("{ ($.a = 1 && $.b = 2 }", "not closed")]
        [InlineData("{ $.a = 1 && }", "Expected a selector")]
        [InlineData("{ $.a = 1 & $.b = 2 }", "Expected '&&', '||' or '}'")]
        [InlineData("{ $.a = 1 $.b = 2 }", "Expected '&&', '||' or '}'")]
        public void Unparsable_text_raises_a_typed_error_with_a_clear_message(string pattern, string messagePart)
        {
            var error = Assert.Throws<PatternSyntaxException>(() => LogFilterPattern.Parse(pattern));
            Assert.Equal(ErrorIds.InvalidFilterPattern, error.ErrorId);
            Assert.Contains(messagePart, error.Message);
            Assert.NotNull(error.Position);
        }

        [Fact]
        public void TryParse_returns_the_error_instead_of_throwing()
        {
            Assert.False(LogFilterPattern.TryParse("{ $.a = ", out var pattern, out var error));
            Assert.Null(pattern);
            Assert.Contains("has no value", error);
            Assert.True(LogFilterPattern.TryParse("{ $.a = 1 }", out pattern, out error));
            Assert.NotNull(pattern);
            Assert.Null(error);
        }
    }
}
