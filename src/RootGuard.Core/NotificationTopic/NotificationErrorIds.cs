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

        /// <summary>Another writer kept replacing the topic policy, and RootGuard's statement could not be made to stick.</summary>
        public const string TopicPolicyConflict = "RootGuard.TopicPolicyConflict";

        /// <summary>The topic policy is not valid JSON, so RootGuard cannot edit its statement without risking the others.</summary>
        public const string UnreadableTopicPolicy = "RootGuard.UnreadableTopicPolicy";

        /// <summary>A subscription RootGuard added to a topic it did not create could not be recorded.</summary>
        public const string SubscriptionNotRecorded = "RootGuard.SubscriptionNotRecorded";
    }
}
