using System.Text.RegularExpressions;

namespace RootGuard.Core.NotificationTopic
{
    /// <summary>What SNS accepts as an e-mail endpoint, checked before any call is made.</summary>
    public static class EmailAddressRule
    {
        // One @, no spaces, a dotted domain: what SNS's email protocol will accept and deliver to.
        private static readonly Regex Shape = new Regex(@"^[^@\s""<>(),;:\\\[\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$",
            RegexOptions.CultureInvariant);

        public static bool IsValid(string? address) => address != null && address.Length <= 254 && Shape.IsMatch(address);
    }
}
