using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using RootGuard.Core.Aws;
using RootGuard.Core.Repair;
using RootGuard.Core.Tests.Aws;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.Core.Tests.Repair
{
    /// <summary>Repair-RootAccountSecurity's input, refused before credentials and before any AWS call.</summary>
    public sealed class RepairRequestTests : IDisposable
    {
        private readonly RecordingHandler handler = TestClients.Offline();
        private readonly AwsClientFactory clients;

        public RepairRequestTests() => clients = TestClients.ForStubs(handler, maxErrorRetry: 0);

        public void Dispose() => clients.Dispose();

        private static SecurityContactDetails Contact(params (string Key, string? Value)[] values)
        {
            var pairs = new List<KeyValuePair<string, string?>>();
            foreach (var (key, value) in values) pairs.Add(new KeyValuePair<string, string?>(key, value));
            return SecurityContactDetails.FromValues(pairs);
        }

        private static readonly (string, string?)[] Complete =
            { ("name", "Security team"), ("Title", "Security"), ("EMAILADDRESS", "security@example.com"), ("PhoneNumber", "+1 555 0100") };

        [Fact]
        public void A_complete_request_is_valid_and_its_contact_keys_are_read_without_case()
        {
            var request = new RepairRequest { SecurityContact = Contact(Complete) };

            request.Validate();

            Assert.Equal(("Security team", "security@example.com"), (request.SecurityContact!.Name, request.SecurityContact.EmailAddress));
        }

        [Fact]
        public void An_unknown_security_contact_key_is_refused_naming_it_and_the_keys_it_takes()
        {
            var request = new RepairRequest { SecurityContact = Contact(("Nickname", "x"), ("Name", "Team")) };

            var failure = Assert.Throws<RootGuardException>(request.Validate);

            Assert.Equal(ErrorIds.InvalidSecurityContact, failure.ErrorId);
            Assert.Equal(FailureKind.InvalidArgument, failure.Kind);
            Assert.Contains("unknown key(s) Nickname", failure.Message);
            Assert.Contains("Name, Title, EmailAddress, PhoneNumber", failure.Message);
        }

        [Fact]
        public void A_bad_e_mail_address_for_the_monitors_is_refused()
        {
            var request = new RepairRequest { Notification = new MonitorNotification { EmailAddresses = new[] { "not-an-address" } } };

            Assert.Equal(ErrorIds.InvalidEmailAddress, Assert.Throws<RootGuardException>(request.Validate).ErrorId);
        }

        [Fact]
        public async Task The_planner_refuses_an_invalid_request_before_any_AWS_call()
        {
            using var planner = new RepairPlanner(clients);
            var request = new RepairRequest { SecurityContact = Contact(("Name", "Team"), ("Title", "Security"), ("EmailAddress", "not-an-address"), ("PhoneNumber", "1")) };

            var failure = await Assert.ThrowsAsync<RootGuardException>(() => planner.ReadScopeAsync(request));

            Assert.Equal(ErrorIds.InvalidSecurityContact, failure.ErrorId);
            Assert.Contains("EmailAddress", failure.Message);
            Assert.Empty(handler.Calls);
        }

        [Fact]
        public async Task An_account_repair_whose_fix_lacks_its_parameter_is_refused_before_any_AWS_call()
        {
            using var planner = new RepairPlanner(clients);
            var standing = new CallerStanding("111111111111", "aws", "o-exampleorg1", "111111111111", "ALL");
            var decision = new RepairDecision("111111111111", RootFix.SecurityContact, new[] { "RG.ROOT.7" }, RepairDisposition.Fix, "Register the contact.");
            var request = new AccountRepair(standing, "111111111111", new[] { decision }, null, new MonitorNotification(), "OrganizationAccountAccessRole");

            var failure = await Assert.ThrowsAsync<RootGuardException>(() => planner.PlanAsync(request));

            Assert.Equal(ErrorIds.RepairParameterMissing, failure.ErrorId);
            Assert.Contains("-SecurityContact", failure.Message);
            Assert.Empty(handler.Calls);
        }
    }
}
