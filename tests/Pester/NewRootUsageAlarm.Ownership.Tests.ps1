# New-RootUsageAlarm never changes what RootGuard did not make, in a real pwsh against moto (docs/ownership.md).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/RootGuard.TestSupport.psm1') -Force
    $moto = Start-MotoServer
    Import-Module (Get-RootGuardManifestPath) -Force
    $aws = @{ EndpointUrl = $moto.Endpoint; Region = 'us-east-1' }
    $readFilters = "print(json.dumps(client('logs').describe_metric_filters(logGroupName='aws-cloudtrail-logs')['metricFilters'], sort_keys=True))"
}

AfterAll {
    Remove-Module RootGuard -Force -ErrorAction SilentlyContinue
    Stop-MotoServer $moto
}

Describe 'New-RootUsageAlarm and a metric filter it did not make' {
    BeforeEach {
        Reset-MotoServer $moto
        $null = New-CloudTrailWithLogs -Server $moto
        Invoke-Boto3 -Server $moto -Script @"
client('logs').put_metric_filter(logGroupName='aws-cloudtrail-logs', filterName='RootAccountUsage',
    filterPattern='{ `$.eventName = "ConsoleLogin" }', metricTransformations=[{'metricName': 'Logins', 'metricNamespace': 'Team', 'metricValue': '1'}])
"@ | Out-Null
    }

    It 'stops with RootGuard.MetricFilterNotManaged and leaves the filter exactly as it was' {
        $before = Invoke-Boto3 -Server $moto -Script $readFilters

        { New-RootUsageAlarm -EmailAddress security@example.com @aws -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'RootGuard.MetricFilterNotManaged*'

        Invoke-Boto3 -Server $moto -Script $readFilters | Should -Be $before
        $alarms = Invoke-Boto3 -Server $moto -AsJson -Script "print(json.dumps(client('cloudwatch').describe_alarms()['MetricAlarms']))"
        @($alarms) | Should -BeNullOrEmpty
    }

    It 'makes its own filter beside it with another -FilterName' {
        $alarm = New-RootUsageAlarm -EmailAddress security@example.com -FilterName RootGuard-RootAccountUsage @aws -Confirm:$false -WarningAction SilentlyContinue

        $alarm.FilterName | Should -Be 'RootGuard-RootAccountUsage'
        $filters = Invoke-Boto3 -Server $moto -AsJson -Script $readFilters
        ($filters | Where-Object filterName -eq 'RootAccountUsage').metricTransformations[0].metricNamespace | Should -Be 'Team'
    }
}

Describe 'New-RootUsageAlarm and an alarm a CloudFormation stack made' {
    BeforeEach {
        Reset-MotoServer $moto
        $null = New-CloudTrailWithLogs -Server $moto
        # As the stack of Export-RootGuardTemplate leaves it: a topic of a generated name, the alarm notifying it, both
        # tagged RootGuard:DeployedBy=CloudFormation.
        $topicArn = Invoke-Boto3 -Server $moto -Script "print(client('sns').create_topic(Name='RootGuard-NotificationTopic-1A2B3C')['TopicArn'])"
        $null = New-RootUsageAlarm -TopicArn $topicArn @aws -Confirm:$false -WarningAction SilentlyContinue
        Invoke-Boto3 -Server $moto -Script @"
stack = [{'Key': 'RootGuard:DeployedBy', 'Value': 'CloudFormation'}]
cw, sns = client('cloudwatch'), client('sns')
cw.tag_resource(ResourceARN=cw.describe_alarms(AlarmNames=['RootGuard-RootAccountUsage'])['MetricAlarms'][0]['AlarmArn'], Tags=stack)
sns.tag_resource(ResourceArn='$topicArn', Tags=stack)
"@ | Out-Null
        $readAlarm = "a = client('cloudwatch').describe_alarms(AlarmNames=['RootGuard-RootAccountUsage'])['MetricAlarms'][0]; print(json.dumps([a['AlarmActions'], a['Threshold'], a['AlarmDescription']]))"
    }

    It 'stops with RootGuard.StackManagedResource, names the alarm and the way out, and changes nothing' {
        $alarmBefore = Invoke-Boto3 -Server $moto -Script $readAlarm
        $accountBefore = Get-AccountResource -Server $moto | ConvertTo-Json -Depth 5

        $record = $null
        try { New-RootUsageAlarm -EmailAddress security@example.com @aws -Confirm:$false -ErrorAction Stop } catch { $record = $_ }

        $record.FullyQualifiedErrorId | Should -BeLike 'RootGuard.StackManagedResource*'
        $record.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $record.ErrorDetails.Message | Should -BeLike "*CloudWatch alarm 'RootGuard-RootAccountUsage'*RootGuard:DeployedBy=CloudFormation*"
        $record.ErrorDetails.RecommendedAction | Should -BeLike "*through the stack*-AlarmName*-TopicArn $topicArn*"
        Invoke-Boto3 -Server $moto -Script $readAlarm | Should -Be $alarmBefore
        Get-AccountResource -Server $moto | ConvertTo-Json -Depth 5 | Should -Be $accountBefore
    }

    It 'reports the stack''s alarm as it is when the call would change nothing' {
        $alarm = New-RootUsageAlarm -TopicArn $topicArn @aws -Confirm:$false -WarningAction SilentlyContinue

        $alarm.AlarmName | Should -Be 'RootGuard-RootAccountUsage'
        $alarm.TopicArn | Should -Be $topicArn
    }
}
