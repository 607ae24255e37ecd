# Behaviour of Send-RootMonitoringTest and of each monitor's health in Get-RootMonitoring, in a real pwsh against moto.
# moto delivers SNS to SQS, so a queue subscribed to the topic is the inbox the test alert must reach. moto's
# TestEventPattern answers without a Result: these tests see RootGuard's own matcher stand in, and say so; the xunit
# tests (tests/RootGuard.PowerShell.Tests/Monitoring) inject EventBridge's documented answer.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/RootGuard.TestSupport.psm1') -Force
    $moto = Start-MotoServer
    Import-Module (Get-RootGuardManifestPath) -Force
    $aws = @{ EndpointUrl = $moto.Endpoint; Region = 'us-east-1' }

    # Both monitors on one topic, as README's example makes them, and a queue subscribed to that topic.
    function Initialize-Monitors {
        Reset-MotoServer $moto
        $script:trail = New-CloudTrailWithLogs -Server $moto
        $script:alert = New-RootSignInAlert -EmailAddress security@example.com @aws -Confirm:$false -WarningAction SilentlyContinue
        $script:alarm = $script:alert | New-RootUsageAlarm @aws -Confirm:$false -WarningAction SilentlyContinue
        $script:queueUrl = Invoke-Boto3 -Server $moto -Script @"
sqs = client('sqs')
url = sqs.create_queue(QueueName='inbox')['QueueUrl']
arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=['QueueArn'])['Attributes']['QueueArn']
client('sns').subscribe(TopicArn='$($script:alert.TopicArn)', Protocol='sqs', Endpoint=arn, Attributes={'RawMessageDelivery': 'true'})
print(url)
"@
    }

    function Get-InboxMessage {
        @(Invoke-Boto3 -Server $moto -AsJson -Script @"
sqs = client('sqs')
print(json.dumps([m['Body'] for m in sqs.receive_message(QueueUrl='$script:queueUrl', MaxNumberOfMessages=10).get('Messages', [])]))
"@)
    }

    function Get-AlarmState {
        Invoke-Boto3 -Server $moto -AsJson -Script @"
a = client('cloudwatch').describe_alarms(AlarmNames=['$($script:alarm.AlarmName)'])['MetricAlarms'][0]
print(json.dumps({'StateValue': a['StateValue'], 'StateReason': a['StateReason']}))
"@
    }
}

AfterAll {
    Remove-Module RootGuard -Force -ErrorAction SilentlyContinue
    Stop-MotoServer $moto
}

Describe 'Send-RootMonitoringTest' {
    Context 'with both monitors working and a queue subscribed to their topic' {
        BeforeEach { Initialize-Monitors }

        It 'delivers the test alert, rendered as the rule renders a root sign-in and marked as a test in its first line' {
            $results = Send-RootMonitoringTest @aws -WarningVariable warnings

            $signIn = $results | Where-Object Component -EQ 'SignInAlert'
            $signIn.PSObject.TypeNames | Should -Contain 'RootGuard.MonitorTestResult'
            $signIn.Sent | Should -BeTrue
            $signIn.Succeeded | Should -BeTrue
            $signIn.MessageId | Should -Not -BeNullOrEmpty
            $signIn.TopicArn | Should -Be $alert.TopicArn
            $signIn.ConfirmedSubscriptions | Should -Be 2   # the e-mail (moto confirms at once) and the queue
            $signIn.PendingSubscriptions | Should -Be 0
            $warnings | Should -BeNullOrEmpty

            $received = @(Get-InboxMessage)
            $received | Should -HaveCount 1
            $lines = $received[0] -split "`n"
            $lines[0] | Should -Match '^TEST from RootGuard \(Send-RootMonitoringTest\): nobody signed in as root'
            $lines | Should -Contain 'AWS root user console sign-in: Success'
            $lines | Should -Contain 'Account:     123456789012'
            $lines | Should -Contain 'Sent by RootGuard (EventBridge rule RootGuard-RootSignIn).'
            $received[0] | Should -Be $signIn.Message
        }

        It 'tests the live pattern with a successful and a failed root sign-in, and says who judged them' {
            $signIn = Send-RootMonitoringTest -Component SignInAlert @aws

            $signIn.PatternTests | Should -HaveCount 2
            $signIn.PatternTests[0] | Should -Match '^a successful root sign-in with MFA: matches'
            $signIn.PatternTests[1] | Should -Match '^a failed root sign-in: matches'
            # moto answers TestEventPattern without a Result, so RootGuard's matcher stands in, and says so.
            $signIn.PatternTests | ForEach-Object { $_ | Should -Match "RootGuard's pattern matcher: EventBridge TestEventPattern gave no answer" }
        }

        It 'sets the alarm to ALARM with a reason that names the test' {
            $usage = Send-RootMonitoringTest -Component UsageAlarm @aws

            $usage.Sent | Should -BeTrue
            $usage.Succeeded | Should -BeTrue
            $usage.Name | Should -Be $alarm.AlarmName
            $usage.TopicArn | Should -Be $alert.TopicArn
            $state = Get-AlarmState
            $state.StateValue | Should -Be 'ALARM'
            $state.StateReason | Should -Match '^TEST from RootGuard \(Send-RootMonitoringTest\)'
            $state.StateReason | Should -Be $usage.Message
        }

        It 'sends nothing with -WhatIf' {
            $results = Send-RootMonitoringTest @aws -WhatIf

            $results | Should -BeNullOrEmpty
            Get-InboxMessage | Should -BeNullOrEmpty
            (Get-AlarmState).StateValue | Should -Be 'OK'
        }

        It 'tests exactly the monitors piped in from New-* and Get-RootMonitoring' {
            $fromNew = $alarm | Send-RootMonitoringTest @aws
            $fromNew.Component | Should -Be 'UsageAlarm'
            Get-InboxMessage | Should -BeNullOrEmpty

            $fromGet = Get-RootMonitoring -Component SignInAlert @aws | Send-RootMonitoringTest @aws
            $fromGet.Component | Should -Be 'SignInAlert'
            @(Get-InboxMessage) | Should -HaveCount 1
        }

        It 'shows a table of component, name, succeeded, sent, subscribers and warnings' {
            $lines = @(Send-RootMonitoringTest @aws | Out-String -Width 200) -split '\r?\n' | Where-Object { $_.Trim() }

            $lines[0] | Should -Match '^Component\s+Name\s+Succeeded\s+Sent\s+Confirmed\s+Pending\s+Warnings\s*$'
            $lines | Where-Object { $_ -match '^SignInAlert\s+RootGuard-RootSignIn\s+True\s+True\s+2\s+0\s*$' } | Should -HaveCount 1
        }

        It 'warns, and sends nothing again, while the alarm is still in ALARM from the last test' {
            $null = Send-RootMonitoringTest -Component UsageAlarm @aws
            $second = Send-RootMonitoringTest -Component UsageAlarm @aws -WarningVariable warnings -WarningAction SilentlyContinue

            $second.Sent | Should -BeFalse
            $warnings | Should -Match 'is in ALARM already'
        }
    }

    Context 'with one link of a monitor broken' {
        BeforeEach { Initialize-Monitors }

        It 'reports <Component> unhealthy with <Code>, naming <Names>, when <Break>, and warns instead of reporting success' -TestCases @(
            @{ Component = 'SignInAlert'; Code = 'RULE_NOT_ENABLED'; Names = 'RootGuard-RootSignIn'; Break = 'the rule is disabled'; Sends = $false; Seed = "client('events').disable_rule(Name='RootGuard-RootSignIn')" }
            @{ Component = 'SignInAlert'; Code = 'TARGET_NOT_PRESENT'; Names = 'RootGuard-RootSignIn'; Break = 'the target is removed'; Sends = $false; Seed = "client('events').remove_targets(Rule='RootGuard-RootSignIn', Ids=['RootGuard-SNS'])" }
            @{ Component = 'SignInAlert'; Code = 'RULE_PATTERN_NOT_VALID'; Names = 'RootGuard-RootSignIn'; Break = 'the pattern no longer matches root'; Sends = $false
               Seed = "client('events').put_rule(Name='RootGuard-RootSignIn', EventPattern=json.dumps({'detail-type': ['AWS Console Sign In via CloudTrail'], 'detail': {'userIdentity': {'type': ['IAMUser']}}}), State='ENABLED')" }
            @{ Component = 'SignInAlert'; Code = 'SNS_TOPIC_POLICY_NOT_VALID'; Names = 'arn:aws:sns:us-east-1:123456789012:RootGuard-RootSignIn'; Break = 'the policy statement is dropped'; Sends = $false; Seed = @'
sns = client('sns')
topic = sns.list_topics()['Topics'][0]['TopicArn']
policy = json.loads(sns.get_topic_attributes(TopicArn=topic)['Attributes']['Policy'])
policy['Statement'] = [s for s in policy['Statement'] if not s.get('Sid', '').startswith('RootGuardSignInAlert')]
sns.set_topic_attributes(TopicArn=topic, AttributeName='Policy', AttributeValue=json.dumps(policy))
'@ }
            @{ Component = 'UsageAlarm'; Code = 'SNS_TOPIC_POLICY_NOT_VALID'; Names = 'arn:aws:sns:us-east-1:123456789012:RootGuard-RootSignIn'; Break = 'the topic policy allows only EventBridge'; Sends = $false; Seed = @'
sns = client('sns')
topic = sns.list_topics()['Topics'][0]['TopicArn']
policy = json.loads(sns.get_topic_attributes(TopicArn=topic)['Attributes']['Policy'])
policy['Statement'] = [s for s in policy['Statement'] if s.get('Principal') == {'Service': 'events.amazonaws.com'}]
sns.set_topic_attributes(TopicArn=topic, AttributeName='Policy', AttributeValue=json.dumps(policy))
'@ }
            # A customer managed key with only the default key policy: SNS cannot encrypt for EventBridge or CloudWatch.
            @{ Component = 'SignInAlert'; Code = 'SNS_TOPIC_KEY_NOT_VALID'; Names = 'events.amazonaws.com'; Break = 'the topic is encrypted with a key EventBridge cannot use'; Sends = $false; Seed = @'
key = client('kms').create_key(Description='no service may use it')['KeyMetadata']['Arn']
sns = client('sns')
sns.set_topic_attributes(TopicArn=sns.list_topics()['Topics'][0]['TopicArn'], AttributeName='KmsMasterKeyId', AttributeValue=key)
'@ }
            @{ Component = 'SignInAlert'; Code = 'SNS_SUBSCRIPTION_NOT_PRESENT'; Names = 'arn:aws:sns:us-east-1:123456789012:RootGuard-RootSignIn'; Break = 'every subscription is deleted'; Sends = $true; Seed = @'
sns = client('sns')
for s in sns.list_subscriptions()['Subscriptions']: sns.unsubscribe(SubscriptionArn=s['SubscriptionArn'])
'@ }
            @{ Component = 'UsageAlarm'; Code = 'SNS_SUBSCRIPTION_NOT_PRESENT'; Names = 'arn:aws:sns:us-east-1:123456789012:RootGuard-RootSignIn'; Break = 'every subscription is deleted'; Sends = $true; Seed = @'
sns = client('sns')
for s in sns.list_subscriptions()['Subscriptions']: sns.unsubscribe(SubscriptionArn=s['SubscriptionArn'])
'@ }
            # moto has no DisableAlarmActions: the alarm is put again with ActionsEnabled=False (its tags stay).
            @{ Component = 'UsageAlarm'; Code = 'ALARM_ACTION_NOT_VALID'; Names = 'RootGuard-RootAccountUsage'; Break = 'the alarm actions are disabled'; Sends = $false; Seed = @'
cw = client('cloudwatch')
a = cw.describe_alarms()['MetricAlarms'][0]
keep = {k: a[k] for k in ['AlarmName', 'AlarmDescription', 'AlarmActions', 'MetricName', 'Namespace', 'Statistic', 'Period', 'EvaluationPeriods', 'Threshold', 'ComparisonOperator', 'TreatMissingData'] if k in a}
cw.put_metric_alarm(ActionsEnabled=False, **keep)
'@ }
            @{ Component = 'UsageAlarm'; Code = 'METRIC_FILTER_NOT_PRESENT'; Names = 'aws-cloudtrail-logs'; Break = 'the metric filter is deleted'; Sends = $false
               Seed = "client('logs').delete_metric_filter(logGroupName='aws-cloudtrail-logs', filterName='RootAccountUsage')" }
            # Narrowed to one region: counts the sample root calls (us-east-1) but not root use elsewhere.
            @{ Component = 'UsageAlarm'; Code = 'METRIC_FILTER_NOT_VALID'; Names = 'eu-west-1'; Break = 'the metric filter is narrowed to one region'; Sends = $false; Seed = @'
# moto adds a second filter of the same name where AWS would replace it (MOTO-NOTES.md): deleted first.
client('logs').delete_metric_filter(logGroupName='aws-cloudtrail-logs', filterName='RootAccountUsage')
client('logs').put_metric_filter(logGroupName='aws-cloudtrail-logs', filterName='RootAccountUsage',
    filterPattern='{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" && $.awsRegion = "us-east-1" }',
    metricTransformations=[{'metricName': 'RootAccountUsageCount', 'metricNamespace': 'CloudTrailMetrics', 'metricValue': '1'}])
'@ }
            @{ Component = 'UsageAlarm'; Code = 'TRAIL_NOT_LOGGING'; Names = 'management-events'; Break = 'the trail is stopped'; Sends = $false; Seed = "client('cloudtrail').stop_logging(Name='management-events')" }
            # Console sign-ins reach EventBridge only through a logging trail: the sign-in alert needs it too.
            @{ Component = 'SignInAlert'; Code = 'TRAIL_NOT_LOGGING'; Names = 'management-events'; Break = 'the trail is stopped'; Sends = $false; Seed = "client('cloudtrail').stop_logging(Name='management-events')" }
            @{ Component = 'UsageAlarm'; Code = 'TRAIL_CLOUDWATCH_LOGS_NOT_PRESENT'; Names = 'management-events'; Break = 'the trail delivers to another log group'; Sends = $false; Seed = @'
logs = client('logs')
logs.create_log_group(logGroupName='other-logs')
arn = logs.describe_log_groups(logGroupNamePrefix='other-logs')['logGroups'][0]['arn']
trail = client('cloudtrail').get_trail(Name='management-events')['Trail']
client('cloudtrail').update_trail(Name='management-events', CloudWatchLogsLogGroupArn=arn, CloudWatchLogsRoleArn=trail['CloudWatchLogsRoleArn'])
'@ }
        ) {
            param($Component, $Code, $Names, $Break, $Sends, $Seed)
            $null = Invoke-Boto3 -Server $moto -Script $Seed

            $monitors = Get-RootMonitoring @aws
            $broken = $monitors | Where-Object Component -EQ $Component
            $broken.Healthy | Should -BeFalse
            $broken.ReasonCodes | Should -Contain $Code
            $broken.Problems | Should -HaveCount 1
            $broken.Problems[0] | Should -Match ([regex]::Escape($Names))         # names the broken resource ...
            $broken.Problems[0] | Should -Match ' Fix: '                            # ... and the fix
            # The other monitor is judged on its own.
            $other = $monitors | Where-Object Component -NE $Component
            if ($Code -notin 'SNS_SUBSCRIPTION_NOT_PRESENT', 'SNS_TOPIC_KEY_NOT_VALID', 'TRAIL_NOT_LOGGING') { $other.Healthy | Should -BeTrue }   # one topic and one trail serve both

            $result = Send-RootMonitoringTest -Component $Component @aws -WarningVariable warnings -WarningAction SilentlyContinue
            $result.Succeeded | Should -BeFalse
            $result.Sent | Should -Be $Sends
            $result.Warnings | Should -Not -BeNullOrEmpty
            $warnings | Should -Not -BeNullOrEmpty
            if ($Component -eq 'SignInAlert') {
                # Nobody is subscribed, or nothing was published: the queue stays empty either way.
                Get-InboxMessage | Should -BeNullOrEmpty
            }
            elseif (-not $Sends) {
                (Get-AlarmState).StateValue | Should -Be 'OK'
            }
        }

        It 'sends nothing through a sign-in pattern narrowed to one address range, and asks EventBridge about a sign-in it drops' {
            $null = Invoke-Boto3 -Server $moto -Script "client('events').put_rule(Name='RootGuard-RootSignIn', EventPattern=json.dumps({'source': ['aws.signin'], 'detail-type': ['AWS Console Sign In via CloudTrail'], 'detail': {'userIdentity': {'type': ['Root']}, 'sourceIPAddress': [{'cidr': '198.51.100.0/24'}]}}), State='ENABLED')"

            $result = Send-RootMonitoringTest -Component SignInAlert @aws -WarningVariable warnings -WarningAction SilentlyContinue
            $result.Sent | Should -BeFalse
            $result.PatternTests | Should -HaveCount 3
            $result.PatternTests[0] | Should -Match '^a successful root sign-in with MFA: matches'    # the sample alone would pass it
            $result.PatternTests[2] | Should -Match '^a successful root sign-in with MFA from 203\.0\.113\.7: does not match'
            ($result.Warnings -join ' ') | Should -Match 'RULE_PATTERN_NOT_VALID|would not match'
            Get-InboxMessage | Should -BeNullOrEmpty
        }

        It 'sends the test, and warns, where a link cannot be verified from here: the test is the proof' {
            # A Deny on a condition the policy evaluator cannot prove (aws:PrincipalOrgID): maybe fine, maybe not.
            $null = Invoke-Boto3 -Server $moto -Script @'
sns = client('sns')
topic = sns.list_topics()['Topics'][0]['TopicArn']
policy = json.loads(sns.get_topic_attributes(TopicArn=topic)['Attributes']['Policy'])
policy['Statement'].append({'Sid': 'OrgOnly', 'Effect': 'Deny', 'Principal': '*', 'Action': 'sns:Publish', 'Resource': topic,
    'Condition': {'StringNotEquals': {'aws:PrincipalOrgID': 'o-abc'}}})
sns.set_topic_attributes(TopicArn=topic, AttributeName='Policy', AttributeValue=json.dumps(policy))
'@
            $signIn = Get-RootMonitoring -Component SignInAlert @aws
            $signIn.Healthy | Should -BeFalse
            $signIn.ReasonCodes | Should -Be 'SNS_TOPIC_POLICY_NOT_VERIFIABLE'

            $result = Send-RootMonitoringTest -Component SignInAlert @aws -WarningAction SilentlyContinue

            $result.Sent | Should -BeTrue
            $result.Succeeded | Should -BeFalse
            $result.Warnings | Should -Match 'aws:PrincipalOrgID'
            @(Get-InboxMessage) | Should -HaveCount 1
        }

        It 'names the filter RootGuard made when the trail no longer delivers to its log group' {
            $null = Invoke-Boto3 -Server $moto -Script @'
logs = client('logs')
logs.create_log_group(logGroupName='other-logs')
arn = logs.describe_log_groups(logGroupNamePrefix='other-logs')['logGroups'][0]['arn']
trail = client('cloudtrail').get_trail(Name='management-events')['Trail']
client('cloudtrail').update_trail(Name='management-events', CloudWatchLogsLogGroupArn=arn, CloudWatchLogsRoleArn=trail['CloudWatchLogsRoleArn'])
'@
            $usage = Get-RootMonitoring -Component UsageAlarm @aws

            $usage.Problems[0] | Should -Match 'trail management-events delivers to log group other-logs, not to log group aws-cloudtrail-logs where RootGuard''s filter RootAccountUsage counts root usage'
        }

        It 'reports a sign-in alert whose rule was deleted while its topic remains' {
            $null = Invoke-Boto3 -Server $moto -Script @'
ev = client('events')
ev.remove_targets(Rule='RootGuard-RootSignIn', Ids=['RootGuard-SNS'])
ev.delete_rule(Name='RootGuard-RootSignIn')
'@
            $signIn = Get-RootMonitoring -Component SignInAlert @aws

            $signIn.Healthy | Should -BeFalse
            $signIn.Name | Should -BeNullOrEmpty
            $signIn.ReasonCodes | Should -Be 'RULE_NOT_PRESENT'
            $signIn.Problems[0] | Should -Match 'No RootGuard EventBridge rule is left in us-east-1, though RootGuard''s SNS topic arn:aws:sns:us-east-1:123456789012:RootGuard-RootSignIn remain'
            (Send-RootMonitoringTest -Component SignInAlert @aws -WarningAction SilentlyContinue).Sent | Should -BeFalse
        }

        It 'is healthy again once the fix it names is run' {
            $null = Invoke-Boto3 -Server $moto -Script "client('events').disable_rule(Name='RootGuard-RootSignIn')"
            (Get-RootMonitoring -Component SignInAlert @aws).Problems[0] | Should -Match 'Fix: Run New-RootSignInAlert again'

            $null = New-RootSignInAlert -EmailAddress security@example.com @aws -Confirm:$false -WarningAction SilentlyContinue

            (Get-RootMonitoring -Component SignInAlert @aws).Healthy | Should -BeTrue
        }
    }
}

Describe 'Get-RootMonitoring' {
    Context 'with both monitors working' {
        BeforeAll {
            Initialize-Monitors
            $monitors = Get-RootMonitoring @aws
        }

        It 'gives one healthy RootGuard.RootMonitor per monitor, with its resources' {
            $monitors | Should -HaveCount 2
            $monitors | ForEach-Object { $_.PSObject.TypeNames | Should -Contain 'RootGuard.RootMonitor' }
            $monitors | ForEach-Object { $_.Healthy | Should -BeTrue; $_.Problems | Should -BeNullOrEmpty }
            $signIn = $monitors | Where-Object Component -EQ 'SignInAlert'
            $signIn.RuleName | Should -Be $alert.RuleName
            @($signIn.Resources.ResourceType | Sort-Object) | Should -Be @('EventBridge rule', 'SNS topic')
            $usage = $monitors | Where-Object Component -EQ 'UsageAlarm'
            $usage.AlarmName | Should -Be $alarm.AlarmName
            $usage.Resources.ResourceType | Should -Contain 'CloudWatch Logs metric filter'
        }

        It 'shows monitors first in a table of component, name, healthy and problems' {
            $lines = @($monitors | Out-String -Width 200) -split '\r?\n' | Where-Object { $_.Trim() }

            $lines[0] | Should -Match '^Component\s+Name\s+Healthy\s+Problems\s*$'
            $lines | Where-Object { $_ -match '^SignInAlert\s+RootGuard-RootSignIn\s+True\s*$' } | Should -HaveCount 1
        }

        It 'lists the resources on request with -Resource' {
            $resources = Get-RootMonitoring -Resource @aws

            $resources | ForEach-Object { $_.PSObject.TypeNames | Should -Contain 'RootGuard.RootGuardResource' }
            @($resources | ForEach-Object { "$($_.Component) $($_.ResourceType)" } | Sort-Object) | Should -Be @(
                'SignInAlert EventBridge rule', 'SignInAlert SNS topic', 'UsageAlarm CloudWatch alarm', 'UsageAlarm CloudWatch Logs metric filter')
        }
    }

    It 'pipes monitors, and resources, into Remove-RootMonitoring, which removes exactly those' {
        Initialize-Monitors

        Get-RootMonitoring -Component UsageAlarm @aws | Remove-RootMonitoring @aws -Confirm:$false
        @(Get-RootMonitoring @aws).Component | Should -Be @('SignInAlert')

        # The inbox queue's subscription on RootGuard's topic is not RootGuard's: the topic stays, and the warning says why.
        Get-RootMonitoring -Resource @aws | Remove-RootMonitoring @aws -Confirm:$false -WarningVariable kept -WarningAction SilentlyContinue
        @(Get-RootMonitoring -Resource @aws | ForEach-Object { "$($_.ResourceType) $($_.Arn)" }) | Should -Be @("SNS topic $($alert.TopicArn)")
        @($kept | Where-Object { "$_" -like "SNS topic '$($alert.TopicArn)' is kept*subscription*" }) | Should -HaveCount 1

        Invoke-Boto3 -Server $moto -Script @"
sns = client('sns')
for s in sns.list_subscriptions_by_topic(TopicArn='$($alert.TopicArn)')['Subscriptions']:
    if s['Protocol'] == 'sqs': sns.unsubscribe(SubscriptionArn=s['SubscriptionArn'])
"@
        Get-RootMonitoring -Resource @aws | Remove-RootMonitoring @aws -Confirm:$false
        Get-RootMonitoring -Resource @aws | Should -BeNullOrEmpty
    }
}
