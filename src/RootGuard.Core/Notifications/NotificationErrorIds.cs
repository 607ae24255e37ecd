namespace RootGuard.Core
{
    // The error ids of the monitors' shared inputs (topic, e-mail, KMS key, names, tags, region). ErrorIds is
    // partial so each feature keeps its ids beside its code without editing one shared list.
    public static partial class ErrorIds
    {
        public const string InvalidEmailAddress = "RootGuard.InvalidEmailAddress";
        public const string InvalidName = "RootGuard.InvalidName";
        public const string InvalidTopicArn = "RootGuard.InvalidTopicArn";
        public const string AwsManagedKmsKey = "RootGuard.AwsManagedKmsKey";
        public const string InvalidKmsKey = "RootGuard.InvalidKmsKey";
        public const string KmsKeyNotFound = "RootGuard.KmsKeyNotFound";
        public const string TooManyTags = "RootGuard.TooManyTags";
        public const string ReservedTagKey = "RootGuard.ReservedTagKey";
        public const string InvalidTag = "RootGuard.InvalidTag";
        public const string NotHomeRegion = "RootGuard.NotHomeRegion";
        public const string TopicNotFound = "RootGuard.TopicNotFound";
    }
}
