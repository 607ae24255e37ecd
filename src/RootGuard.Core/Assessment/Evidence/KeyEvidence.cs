using RootGuard.Core.Aws.Kms.Model;

namespace RootGuard.Core.Assessment.Evidence
{
    /// <summary>
    /// The customer managed KMS key of an encrypted topic: DescribeKey (its ARN, manager, state), then its default key
    /// policy. Null members were not read (the policy is not read when DescribeKey failed or the key is AWS managed).
    /// </summary>
    public sealed class KeyEvidence
    {
        public KeyEvidence(string keyId, SourceResult<KeyMetadata>? metadata, SourceResult<string>? policy)
        {
            KeyId = keyId;
            Metadata = metadata;
            Policy = policy;
        }

        /// <summary>The topic's KmsMasterKeyId as SNS gives it (key id, key ARN, alias name or alias ARN).</summary>
        public string KeyId { get; }

        public SourceResult<KeyMetadata>? Metadata { get; }

        public SourceResult<string>? Policy { get; }
    }
}
