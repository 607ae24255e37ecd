using System.Linq;
using RootGuard.PowerShell.Tests.Harness;
using Xunit;

namespace RootGuard.PowerShell.Tests.Foundation
{
    /// <summary>
    /// What -AccountId makes of what PowerShell's parser hands it: whole numbers back to twelve digits, everything else
    /// untouched for the account id pattern (or pipeline binding by property name) to deal with.
    /// </summary>
    public sealed class AccountIdTransformationTests
    {
        // Each input as PowerShell parses it unquoted, and what the attribute returns, with its type.
        [Theory]
        [InlineData("012345678901", "012345678901 [String]")]
        [InlineData("012345678901L", "012345678901 [String]")]
        [InlineData("012345678901n", "012345678901 [String]")]
        [InlineData("012345678901d", "012345678901 [String]")]
        [InlineData("12345678901.0", "012345678901 [String]")]
        [InlineData("1.2345678901e10", "012345678901 [String]")]
        [InlineData("999999999999", "999999999999 [String]")]
        [InlineData("1", "000000000001 [String]")]
        [InlineData("'012345678901'", "012345678901 [String]")]
        [InlineData("'12345'", "12345 [String]")]
        [InlineData("-123456789012", "-123456789012 [Int64]")]
        [InlineData("1000000000000", "1000000000000 [Int64]")]
        [InlineData("12345678901.5", "12345678901.5 [Double]")]
        [InlineData("1e20", "1E+20 [Double]")]
        [InlineData("$true", "True [Boolean]")]
        public void A_value_becomes_twelve_digits_only_when_it_is_a_whole_number_of_at_most_twelve(string input, string expected)
        {
            Assert.Equal(expected, Transform(input).Single());
        }

        [Fact]
        public void The_numbers_of_a_list_are_turned_and_its_strings_kept()
        {
            Assert.Equal(new[] { "012345678901 [String]", "222222222222 [String]", "-5 [Int32]" }, Transform("012345678901, '222222222222', -5"));
        }

        [Fact]
        public void A_piped_object_is_left_for_binding_by_its_Id_or_AccountId_property()
        {
            Assert.Equal(new[] { "@{Id=012345678901} [PSCustomObject]" }, Transform("[pscustomobject]@{ Id = '012345678901' }"));
        }

        private static string[] Transform(string input)
        {
            using var session = new PowerShellSession();
            return session.Run($$"""
                $attribute = (Get-Command Test-RootAccountSecurity).Parameters['AccountId'].Attributes |
                    Where-Object { $_.GetType().Name -eq 'AccountIdTransformationAttribute' }
                $value = {{input}}
                foreach ($item in @($attribute.Transform($null, $value))) { '{0} [{1}]' -f $item, $item.GetType().Name }
                """).ThrowIfErrors().Output.Select(o => o.ToString()).ToArray();
        }
    }
}
