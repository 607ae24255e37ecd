# Behaviour of New-RootUsageAlarm in a real pwsh, against moto with the trail most accounts already have.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/RootGuard.TestSupport.psm1') -Force
    $moto = Start-MotoServer
    Import-Module (Get-RootGuardManifestPath) -Force
    $aws = @{ EndpointUrl = $moto.Endpoint; Region = 'us-east-1'; WarningAction = 'SilentlyContinue'; Confirm = $false }
    $cisPattern = '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }'
}

AfterAll {
    Remove-Module RootGuard -Force -ErrorAction SilentlyContinue
    Stop-MotoServer $moto
}

Describe 'New-RootUsageAlarm' {
    BeforeEach { Reset-MotoServer $moto }

    Context 'in an account whose multi-region trail delivers to CloudWatch Logs' {
        BeforeEach { $trail = New-CloudTrailWithLogs -Server $moto }

        It 'puts the CIS filter on the trail''s log group and an alarm on its metric that notifies a new topic' {
            $alarm = New-RootUsageAlarm -EmailAddress security@example.com @aws

            $alarm.PSObject.TypeNames | Should -Contain 'RootGuard.UsageAlarm'
            $alarm.TrailName | Should -Be $trail.TrailName
            $alarm.LogGroupName | Should -Be $trail.LogGroupName
            $alarm.IsCisPattern | Should -BeTrue
            $made = Invoke-Boto3 -Server $moto -AsJson -Script @"
f = client('logs').describe_metric_filters(logGroupName='$($trail.LogGroupName)')['metricFilters'][0]
a = client('cloudwatch').describe_alarms(AlarmNames=['$($alarm.AlarmName)'])['MetricAlarms'][0]
print(json.dumps({'Pattern': f['filterPattern'], 'Metric': f['metricTransformations'][0]['metricNamespace'] + '/' + f['metricTransformations'][0]['metricName'],
    'AlarmMetric': a['Namespace'] + '/' + a['MetricName'], 'Statistic': a['Statistic'], 'Period': a['Period'], 'Threshold': a['Threshold'],
    'Comparison': a['ComparisonOperator'], 'Actions': a['AlarmActions']}))
"@
            $made.Pattern | Should -BeExactly $cisPattern
            $made.Metric | Should -Be 'CloudTrailMetrics/RootAccountUsageCount'
            $made.AlarmMetric | Should -Be $made.Metric
            $made.Statistic | Should -Be 'Sum'
            $made.Period | Should -Be 300
            $made.Threshold | Should -Be 1
            $made.Comparison | Should -Be 'GreaterThanOrEqualToThreshold'
            $made.Actions | Should -Be @($alarm.TopicArn)
        }

        It 'makes no change when run a second time' {
            $null = New-RootUsageAlarm -EmailAddress security@example.com @aws
            $before = Get-AccountResource -Server $moto

            $second = New-RootUsageAlarm -EmailAddress security@example.com @aws

            $second.Changes | Should -Not -BeNullOrEmpty
            @($second.Changes | Where-Object Change -NE 'Unchanged') | Should -BeNullOrEmpty
            (Get-AccountResource -Server $moto | ConvertTo-Json -Depth 5) | Should -Be ($before | ConvertTo-Json -Depth 5)
        }

        It 'takes the topic of the alert piped from New-RootSignInAlert, so both monitors share one topic' {
            $alarm = New-RootSignInAlert -EmailAddress security@example.com @aws | New-RootUsageAlarm @aws

            $account = Get-AccountResource -Server $moto
            $account.Topics | Should -HaveCount 1
            $alarm.TopicArn | Should -Be $account.Topics[0]
            $account.Alarms | Should -Be @('RootGuard-RootAccountUsage')
            $account.Rules | Should -Be @('RootGuard-RootSignIn')
        }

        It 'watches an equivalent filter the team already has instead of adding a second one' {
            Invoke-Boto3 -Server $moto -Script @"
client('logs').put_metric_filter(logGroupName='$($trail.LogGroupName)', filterName='team-root-usage', filterPattern='$cisPattern',
    metricTransformations=[{'metricName': 'RootAccountUsageCount', 'metricNamespace': 'CloudTrailMetrics', 'metricValue': '1'}])
"@

            $alarm = New-RootUsageAlarm -EmailAddress security@example.com @aws

            $alarm.FilterReused | Should -BeTrue
            $alarm.FilterName | Should -Be 'team-root-usage'
            (Get-AccountResource -Server $moto).MetricFilters | Should -Be @("$($trail.LogGroupName)/team-root-usage")
        }

        It 'rejects <Case> with <ErrorId> and creates nothing' -ForEach @(
            @{ Case = 'a period that is not a multiple of 60 seconds'; Arguments = @{ Period = 45 }; ErrorId = 'RootGuard.InvalidPeriod' }
            @{ Case = 'a threshold below 1'; Arguments = @{ Threshold = 0 }; ErrorId = 'RootGuard.InvalidThreshold' }
            @{ Case = 'a log group that does not exist'; Arguments = @{ LogGroupName = 'no-such-group' }; ErrorId = 'RootGuard.LogGroupNotFound' }
        ) {
            { New-RootUsageAlarm -EmailAddress security@example.com @Arguments @aws -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,*"

            $account = Get-AccountResource -Server $moto
            $account.Alarms | Should -BeNullOrEmpty
            $account.MetricFilters | Should -BeNullOrEmpty
            $account.Topics | Should -BeNullOrEmpty
        }

        It 'shows the alarm as a list naming the trail, the pattern and the metric' {
            $text = New-RootUsageAlarm -EmailAddress security@example.com @aws | Out-String -Width 200

            $text | Should -Match "(?m)^TrailName\s+: $($trail.TrailName)$"
            $text | Should -Match ('(?m)^FilterPattern\s+: ' + [regex]::Escape($cisPattern) + '$')
            $text | Should -Match '(?m)^Metric\s+: CloudTrailMetrics/RootAccountUsageCount$'
        }
    }

    It 'says what to fix with RootGuard.NoSuitableTrail when no trail delivers to CloudWatch Logs, and creates nothing' {
        $caught = $null
        try { $null = New-RootUsageAlarm -EmailAddress security@example.com @aws -ErrorAction Stop } catch { $caught = $_ }

        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeLike 'RootGuard.NoSuitableTrail,*'
        $caught.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        $account = Get-AccountResource -Server $moto
        $account.Alarms | Should -BeNullOrEmpty
        $account.Topics | Should -BeNullOrEmpty
    }

    It 'refuses to run with neither -TopicArn nor -EmailAddress: RootGuard.NoNotificationTarget' {
        { New-RootUsageAlarm @aws -ErrorAction Stop } | Should -Throw -ErrorId 'RootGuard.NoNotificationTarget,*'
    }
}
