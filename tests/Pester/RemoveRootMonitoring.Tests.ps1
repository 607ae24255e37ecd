# Behaviour of Remove-RootMonitoring in a real pwsh, against moto: it removes exactly what RootGuard made.
# (-WhatIf, -Confirm and the preference variables are pinned in PowerShellContract.Tests.ps1.)
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/RootGuard.TestSupport.psm1') -Force
    $moto = Start-MotoServer
    Import-Module (Get-RootGuardManifestPath) -Force
    $aws = @{ EndpointUrl = $moto.Endpoint; Region = 'us-east-1' }
    $quiet = @{ Confirm = $false; WarningAction = 'SilentlyContinue' }

    # An account with a trail, the team's own monitoring (untagged, as before RootGuard) and both RootGuard monitors.
    # Returns what the account held before RootGuard ran, and the two monitors.
    function Initialize-Account {
        Reset-MotoServer $moto
        $trail = New-CloudTrailWithLogs -Server $moto
        Invoke-Boto3 -Server $moto -Script @"
topic = client('sns').create_topic(Name='team-alerts')['TopicArn']
client('sns').subscribe(TopicArn=topic, Protocol='email', Endpoint='team@example.com')
client('events').put_rule(Name='team-ec2-changes', EventPattern=json.dumps({'source': ['aws.ec2']}), State='ENABLED')
client('events').put_targets(Rule='team-ec2-changes', Targets=[{'Id': 'team', 'Arn': topic}])
client('logs').put_metric_filter(logGroupName='$($trail.LogGroupName)', filterName='team-access-denied', filterPattern='{ $.errorCode = "AccessDenied" }',
    metricTransformations=[{'metricName': 'AccessDenied', 'metricNamespace': 'Team', 'metricValue': '1'}])
client('cloudwatch').put_metric_alarm(AlarmName='team-access-denied', Namespace='Team', MetricName='AccessDenied', Statistic='Sum', Period=300,
    EvaluationPeriods=1, Threshold=1, ComparisonOperator='GreaterThanOrEqualToThreshold', AlarmActions=[topic])
"@ | Out-Null
        $teamOnly = Get-AccountResource -Server $moto
        $alert = New-RootSignInAlert -EmailAddress security@example.com @aws @quiet
        $alarm = $alert | New-RootUsageAlarm @aws @quiet
        [pscustomobject]@{ TeamOnly = $teamOnly; Alert = $alert; Alarm = $alarm; Trail = $trail }
    }
}

AfterAll {
    Remove-Module RootGuard -Force -ErrorAction SilentlyContinue
    Stop-MotoServer $moto
}

Describe 'Remove-RootMonitoring' {
    It 'removes everything RootGuard made and leaves the account as it was before RootGuard' {
        $account = Initialize-Account

        Remove-RootMonitoring @aws -Force

        (Get-AccountResource -Server $moto | ConvertTo-Json -Depth 5) | Should -Be ($account.TeamOnly | ConvertTo-Json -Depth 5)
        Get-RootMonitoring @aws | Should -BeNullOrEmpty
        Get-RootMonitoring -Resource @aws | Should -BeNullOrEmpty
    }

    It 'returns one ResourceChange per deletion with -PassThru' {
        $null = Initialize-Account

        $removed = Remove-RootMonitoring @aws -Force -PassThru

        $removed | ForEach-Object { $_.PSObject.TypeNames | Should -Contain 'RootGuard.ResourceChange' }
        @($removed.Change | Sort-Object -Unique) | Should -Be @('Deleted')
        @($removed.ResourceType | Sort-Object) | Should -Be @('CloudWatch alarm', 'CloudWatch Logs metric filter', 'EventBridge rule', 'EventBridge targets', 'SNS topic')
    }

    It 'shows what -PassThru returns as a table of change, resource type, name and description' {
        $null = Initialize-Account

        $lines = @(Remove-RootMonitoring @aws -Force -PassThru | Out-String -Width 200) -split '\r?\n' | Where-Object { $_.Trim() }

        $lines[0] | Should -Match '^Change\s+ResourceType\s+Name\s+Description\s*$'
        @($lines -match '^Deleted\s+EventBridge rule\s+RootGuard-RootSignIn\s+Delete EventBridge rule\s*$').Count | Should -Be 1
    }

    It 'removes only the usage alarm and the filter it made with -Component UsageAlarm' {
        $account = Initialize-Account

        Remove-RootMonitoring -Component UsageAlarm @aws -Force

        $after = Get-AccountResource -Server $moto
        $after.Alarms | Should -Be $account.TeamOnly.Alarms
        $after.MetricFilters | Should -Be $account.TeamOnly.MetricFilters
        $after.Rules | Should -Contain $account.Alert.RuleName
        $after.Topics | Should -Contain $account.Alert.TopicArn
    }

    It 'removes the monitor piped to it from New-RootUsageAlarm and keeps the sign-in alert and its shared topic' {
        $account = Initialize-Account

        $account.Alarm | Remove-RootMonitoring @aws -Force

        $after = Get-AccountResource -Server $moto
        $after.Alarms | Should -Not -Contain $account.Alarm.AlarmName
        $after.Rules | Should -Contain $account.Alert.RuleName
        $after.Topics | Should -Contain $account.Alert.TopicArn
        @(Get-RootMonitoring -Resource -Component SignInAlert @aws).Count | Should -Be 2
    }

    It 'takes only its own statement out of a topic the team passed with -TopicArn, and keeps the topic and its subscribers' {
        Reset-MotoServer $moto
        $topic = Invoke-Boto3 -Server $moto -Script @"
arn = client('sns').create_topic(Name='team-alerts')['TopicArn']
client('sns').subscribe(TopicArn=arn, Protocol='email', Endpoint='team@example.com')
print(arn)
"@
        $before = Get-AccountResource -Server $moto
        $null = New-RootSignInAlert -TopicArn $topic @aws @quiet

        Remove-RootMonitoring @aws -Force

        (Get-AccountResource -Server $moto | ConvertTo-Json -Depth 5) | Should -Be ($before | ConvertTo-Json -Depth 5)
    }

    It 'keeps the usage alarm, its filter and its topic when the team added an OK action to it, and says so' {
        $account = Initialize-Account
        $team = @((Get-AccountResource -Server $moto).Topics) -like '*:team-alerts'
        Invoke-Boto3 -Server $moto -Script @"
cw = client('cloudwatch')
a = cw.describe_alarms(AlarmNames=['$($account.Alarm.AlarmName)'])['MetricAlarms'][0]
cw.put_metric_alarm(AlarmName=a['AlarmName'], MetricName=a['MetricName'], Namespace=a['Namespace'], Statistic=a['Statistic'], Period=a['Period'],
    EvaluationPeriods=a['EvaluationPeriods'], Threshold=a['Threshold'], ComparisonOperator=a['ComparisonOperator'],
    AlarmActions=a['AlarmActions'], OKActions=['$team'])
"@ | Out-Null

        Remove-RootMonitoring @aws -Force -WarningVariable warnings -WarningAction SilentlyContinue

        $after = Get-AccountResource -Server $moto
        $after.Alarms | Should -Contain $account.Alarm.AlarmName
        @($after.MetricFilters).Count | Should -Be (@($account.TeamOnly.MetricFilters).Count + 1)
        $after.Topics | Should -Contain $account.Alert.TopicArn
        $after.Rules | Should -Not -Contain $account.Alert.RuleName
        @($warnings -like "CloudWatch alarm '$($account.Alarm.AlarmName)'*is kept*OK action $team*").Count | Should -Be 1
    }

    It 'rejects a component it does not know before calling AWS, and removes nothing' {
        Reset-MotoServer $moto
        $null = New-RootSignInAlert -EmailAddress security@example.com @aws @quiet

        { Remove-RootMonitoring -Component Everything @aws -Force -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'

        @(Get-RootMonitoring -Resource @aws).Count | Should -Be 2
    }
}
