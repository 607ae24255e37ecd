using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Aws;
using RootGuard.Core.Aws.Account.Model;
using RootGuard.Core.Planning;

namespace RootGuard.Core.Repair
{
    /// <summary>
    /// RG.ROOT.7's fix: the SECURITY alternate contact, for the caller's own account or, from the management account
    /// (or Account Management's delegated administrator), for a member through the API's AccountId parameter.
    /// </summary>
    public sealed class SecurityContactPlanner
    {
        public const string ResourceType = "Security alternate contact";

        public static IReadOnlyList<string> Permissions { get; } = new[] { "account:GetAlternateContact", "account:PutAlternateContact" };

        private readonly AwsClientFactory clients;

        public SecurityContactPlanner(AwsClientFactory clients) => this.clients = clients ?? throw new ArgumentNullException(nameof(clients));

        public async Task<FixPlan> PlanAsync(CallerStanding caller, string accountId, SecurityContactDetails contact, CancellationToken cancellationToken)
        {
            contact.Validate();

            // The API refuses the caller's own id in AccountId (the management account cannot name itself): leave it out then.
            var targetId = string.Equals(accountId, caller.AccountId, StringComparison.Ordinal) ? null : accountId;
            var account = clients.CreateAccount();
            AlternateContact? existing;
            try
            {
                existing = (await account.GetAlternateContactAsync(new GetAlternateContactRequest
                {
                    AlternateContactType = SecurityContactDetails.ContactType,
                    AccountId = targetId,
                }, cancellationToken).ConfigureAwait(false)).AlternateContact;
            }
            catch (Exception e) when (AwsErrorTranslator.IsNotFound(e))
            {
                existing = null;
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                throw AwsErrorTranslator.Translate(e, new[] { "account:GetAlternateContact" });
            }

            var name = $"{accountId} SECURITY";
            PlannedChange change;
            if (existing != null && contact.Matches(existing.Name, existing.Title, existing.EmailAddress, existing.PhoneNumber))
            {
                change = new PlannedChange(ResourceType, name, ChangeAction.Unchanged, $"The security contact is {contact}");
            }
            else
            {
                change = new PlannedChange(ResourceType, name, existing == null ? ChangeAction.Create : ChangeAction.Update,
                    existing == null ? $"Register {contact} as the security contact" : $"Replace the security contact {existing.EmailAddress} with {contact}",
                    ct => account.PutAlternateContactAsync(new PutAlternateContactRequest
                    {
                        AlternateContactType = SecurityContactDetails.ContactType,
                        AccountId = targetId,
                        Name = contact.Name,
                        Title = contact.Title,
                        EmailAddress = contact.EmailAddress,
                        PhoneNumber = contact.PhoneNumber,
                    }, ct), null, "account:PutAlternateContact");
            }

            return new FixPlan(accountId, RootFix.SecurityContact, new[] { change });
        }
    }
}
