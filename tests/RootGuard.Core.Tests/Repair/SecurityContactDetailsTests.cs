using RootGuard.Core.Repair;
using Xunit;

namespace RootGuard.Core.Tests.Repair
{
    /// <summary>-SecurityContact is checked against PutAlternateContact's own limits before any call.</summary>
    public sealed class SecurityContactDetailsTests
    {
        [Fact]
        public void A_complete_contact_is_accepted_and_trimmed()
        {
            var contact = new SecurityContactDetails(" Security team ", "Security", "security@example.com", "+1 (555) 0100");

            contact.Validate();
            Assert.Equal("Security team", contact.Name);
        }

        [Theory]
        [InlineData(null, "Security", "security@example.com", "+1 555 0100", "Name")]
        [InlineData("Team", "", "security@example.com", "+1 555 0100", "Title")]
        [InlineData("Team", "Security", "security.example.com", "+1 555 0100", "EmailAddress")]
        [InlineData("Team", "Security", "security@example.com", "call me", "PhoneNumber")]
        [InlineData("Team", "Security", "security@example.com", "+1 555 0100 0100 0100 0100 01", "PhoneNumber")]
        public void A_value_AWS_would_refuse_is_named(string? name, string title, string email, string phone, string key)
        {
            var failure = Assert.Throws<RootGuardException>(() => new SecurityContactDetails(name, title, email, phone).Validate());

            Assert.Equal(ErrorIds.InvalidSecurityContact, failure.ErrorId);
            Assert.Equal(FailureKind.InvalidArgument, failure.Kind);
            Assert.StartsWith($"-SecurityContact: {key} ", failure.Message);
        }

        [Fact]
        public void An_existing_contact_with_the_same_values_matches_and_a_changed_phone_does_not()
        {
            var contact = new SecurityContactDetails("Team", "Security", "security@example.com", "+1 555 0100");

            Assert.True(contact.Matches("Team", "Security", "Security@Example.com", "+1 555 0100"));
            Assert.False(contact.Matches("Team", "Security", "security@example.com", "+1 555 0199"));
        }
    }
}
