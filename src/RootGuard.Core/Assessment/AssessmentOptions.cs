using System;

namespace RootGuard.Core.Assessment
{
    /// <summary>Clock and credential report polling; tests and the benchmark shorten them.</summary>
    public sealed class AssessmentOptions
    {
        public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

        /// <summary>A report younger than this is reused; AWS itself regenerates only after four hours.</summary>
        public TimeSpan CredentialReportMaxAge { get; set; } = TimeSpan.FromHours(4);

        public TimeSpan CredentialReportInitialDelay { get; set; } = TimeSpan.FromMilliseconds(250);
        public TimeSpan CredentialReportMaxDelay { get; set; } = TimeSpan.FromSeconds(4);
        public TimeSpan CredentialReportTimeout { get; set; } = TimeSpan.FromMinutes(2);
    }
}
