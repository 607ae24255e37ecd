using System;
using System.Globalization;

namespace RootGuard.Core
{
    /// <summary>
    /// AWS's timestamps as RootGuard judges and shows them: one reading of a <see cref="DateTime"/> whose kind was not
    /// set (AWS times are UTC), and one way to write a time into a finding's or warning's text.
    /// </summary>
    public static class AwsTime
    {
        /// <summary>The time in UTC; a time of unspecified kind is taken as UTC, as AWS gives every time.</summary>
        public static DateTimeOffset Utc(DateTime time) =>
            new DateTimeOffset(time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime());

        /// <summary>"yyyy-MM-dd HH:mm UTC".</summary>
        public static string Text(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

        /// <summary>"yyyy-MM-dd HH:mm UTC", of a time read as <see cref="Utc(DateTime)"/> does.</summary>
        public static string Text(DateTime time) => Text(Utc(time));
    }
}
