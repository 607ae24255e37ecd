"""Seeds moto with what a real account usually has before RootGuard runs: a multi-region trail that
logs management events and delivers them to a CloudWatch Logs group through a role."""
import json
import sys

import boto3

endpoint = sys.argv[1]
session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1")
client = lambda name: session.client(name, endpoint_url=endpoint)

s3, logs, iam, trail = client("s3"), client("logs"), client("iam"), client("cloudtrail")
s3.create_bucket(Bucket="org-cloudtrail-logs")
logs.create_log_group(logGroupName="aws-cloudtrail-logs")
group_arn = logs.describe_log_groups(logGroupNamePrefix="aws-cloudtrail-logs")["logGroups"][0]["arn"]
role = iam.create_role(
    RoleName="CloudTrail-CloudWatchLogs",
    AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "sts:AssumeRole"}]}),
)["Role"]["Arn"]
trail.create_trail(Name="management-events", S3BucketName="org-cloudtrail-logs", IsMultiRegionTrail=True,
                   CloudWatchLogsLogGroupArn=group_arn, CloudWatchLogsRoleArn=role)
trail.start_logging(Name="management-events")
print(f"trail management-events -> log group aws-cloudtrail-logs ({group_arn})")
