using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace RootGuard.Core.Repair
{
    /// <summary>The SECURITY alternate contact to register: what -SecurityContact carries, checked against Account's own limits.</summary>
    public sealed class SecurityContactDetails
    {
        public const string ContactType = "SECURITY";

        /// <summary>The keys -SecurityContact takes, in the order the help names them.</summary>
        public static IReadOnlyList<string> Keys { get; } = new[] { nameof(Name), nameof(Title), nameof(EmailAddress), nameof(PhoneNumber) };

        // The limits and patterns of botocore's account model (PutAlternateContact), so a bad value fails here, before any call.
        private static readonly Regex EmailShape = new Regex(@"^[\s]*[\w+=.#|!&-]+@[\w.-]+\.[\w]+[\s]*$", RegexOptions.CultureInvariant);
        private static readonly Regex PhoneShape = new Regex(@"^[\s0-9()+-]+$", RegexOptions.CultureInvariant);

        public SecurityContactDetails(string? name, string? title, string? emailAddress, string? phoneNumber)
            : this(name, title, emailAddress, phoneNumber, Array.Empty<string>())
        {
        }

        private SecurityContactDetails(string? name, string? title, string? emailAddress, string? phoneNumber, IReadOnlyList<string> unknownKeys)
        {
            UnknownKeys = unknownKeys;
            Name = name?.Trim() ?? string.Empty;
            Title = title?.Trim() ?? string.Empty;
            EmailAddress = emailAddress?.Trim() ?? string.Empty;
            PhoneNumber = phoneNumber?.Trim() ?? string.Empty;
        }

        public string Name { get; }
        public string Title { get; }
        public string EmailAddress { get; }
        public string PhoneNumber { get; }

        /// <summary>Keys given that are none of <see cref="Keys"/>: refused by <see cref="Validate"/>, so a typo is not silently dropped.</summary>
        public IReadOnlyList<string> UnknownKeys { get; }

        /// <summary>The details from -SecurityContact's keys and values (keys compared without case); unknown keys are kept for <see cref="Validate"/>.</summary>
        public static SecurityContactDetails FromValues(IEnumerable<KeyValuePair<string, string?>> values)
        {
            var given = values.ToDictionary(v => v.Key, v => v.Value, StringComparer.OrdinalIgnoreCase);
            string? Value(string key) => given.TryGetValue(key, out var v) ? v : null;
            return new SecurityContactDetails(Value(nameof(Name)), Value(nameof(Title)), Value(nameof(EmailAddress)), Value(nameof(PhoneNumber)),
                given.Keys.Where(k => !Keys.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList());
        }

        /// <summary>Throws a <see cref="RootGuardException"/> naming an unknown key, or the first value AWS would refuse.</summary>
        public void Validate()
        {
            if (UnknownKeys.Count > 0)
                throw new RootGuardException(ErrorIds.InvalidSecurityContact, FailureKind.InvalidArgument,
                    $"-SecurityContact: unknown key(s) {string.Join(", ", UnknownKeys)}; it takes {string.Join(", ", Keys)}.",
                    "Pass -SecurityContact @{ Name = ...; Title = ...; EmailAddress = ...; PhoneNumber = ... }.", "SecurityContact");
            if (Name.Length == 0 || Name.Length > 64) throw Invalid(nameof(Name), "a name of 1 to 64 characters", Name);
            if (Title.Length == 0 || Title.Length > 50) throw Invalid(nameof(Title), "a title of 1 to 50 characters", Title);
            if (EmailAddress.Length == 0 || EmailAddress.Length > 254 || !EmailShape.IsMatch(EmailAddress))
                throw Invalid(nameof(EmailAddress), "an e-mail address such as security@example.com (at most 254 characters)", EmailAddress);
            if (PhoneNumber.Length == 0 || PhoneNumber.Length > 25 || !PhoneShape.IsMatch(PhoneNumber))
                throw Invalid(nameof(PhoneNumber), "a phone number of digits, spaces, '+', '-', '(' and ')' (at most 25 characters)", PhoneNumber);
        }

        /// <summary>True when an existing contact already says exactly this (AWS keeps what it was given).</summary>
        public bool Matches(string? name, string? title, string? emailAddress, string? phoneNumber) =>
            Name == name?.Trim() && Title == title?.Trim() && string.Equals(EmailAddress, emailAddress?.Trim(), StringComparison.OrdinalIgnoreCase)
            && PhoneNumber == phoneNumber?.Trim();

        public override string ToString() => $"{Name} ({Title}) <{EmailAddress}> {PhoneNumber}";

        private static RootGuardException Invalid(string key, string wanted, string given) =>
            new RootGuardException(ErrorIds.InvalidSecurityContact, FailureKind.InvalidArgument,
                $"-SecurityContact: {key} '{given}' is not valid: AWS wants {wanted}.",
                "Pass -SecurityContact @{ Name = 'Security team'; Title = 'Security'; EmailAddress = 'security@example.com'; PhoneNumber = '+1 555 0100' }.",
                "SecurityContact");
    }
}
