namespace RootGuard.Core.Trails
{
    /// <summary>The parts of a CloudWatch Logs log group ARN: <c>arn:aws:logs:us-east-1:123456789012:log-group:name:*</c>.</summary>
    public sealed class LogGroupArnParts
    {
        private LogGroupArnParts(string partition, string region, string accountId, string name)
        {
            Partition = partition;
            Region = region;
            AccountId = accountId;
            Name = name;
        }

        public string Partition { get; }
        public string Region { get; }
        public string AccountId { get; }
        public string Name { get; }

        public static LogGroupArnParts? TryParse(string? arn)
        {
            if (string.IsNullOrEmpty(arn))
            {
                return null;
            }

            // Log group names cannot contain ':' (only letters, digits and _ - / . #), so splitting on it is safe.
            var parts = arn!.Split(':');
            if (parts.Length < 7 || parts[0] != "arn" || parts[2] != "logs" || parts[5] != "log-group")
            {
                return null;
            }

            return new LogGroupArnParts(parts[1], parts[3], parts[4], parts[6]);
        }
    }
}
