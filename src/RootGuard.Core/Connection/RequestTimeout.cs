using System;
using System.Globalization;

namespace RootGuard.Core.Connection
{
    /// <summary>
    /// How long one AWS request may wait for its answer. The SDK's default (100 s, three attempts) held a shell for five
    /// minutes on an endpoint that accepts and never answers; 20 s per attempt ends that within about a minute, and
    /// leaves ample room for AWS's slowest read RootGuard makes (a page of CloudTrail LookupEvents, a few seconds).
    /// </summary>
    public static class RequestTimeout
    {
        /// <summary>Seconds per attempt, 1 to 3600, for example <c>$env:ROOTGUARD_REQUEST_TIMEOUT = 60</c>.</summary>
        public const string EnvironmentVariable = "ROOTGUARD_REQUEST_TIMEOUT";

        public const int MaxSeconds = 3600;

        public static readonly TimeSpan Default = TimeSpan.FromSeconds(20);

        /// <summary>The timeout the variable's value sets; <see cref="Default"/> when it is empty.</summary>
        public static TimeSpan Parse(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return Default;
            }

            if (!double.TryParse(value!.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                || double.IsNaN(seconds) || seconds < 1 || seconds > MaxSeconds)
            {
                throw new RootGuardException(ErrorIds.InvalidRequestTimeout, FailureKind.InvalidArgument,
                    $"{EnvironmentVariable} is '{value}', which is not a number of seconds from 1 to {MaxSeconds}.",
                    $"Set {EnvironmentVariable} to the seconds one AWS request may take (default {Default.TotalSeconds:0}), or remove it.",
                    EnvironmentVariable);
            }

            return TimeSpan.FromSeconds(seconds);
        }
    }
}
