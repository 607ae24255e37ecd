# Behaviour of Get-RootMonitoring -Resource in a real pwsh, against moto: it lists what RootGuard made and nothing of the
# account's own monitoring. One object per monitor with its health (the default): SendRootMonitoringTest.Tests.ps1.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/RootGuard.TestSupport.psm1') -Force
    $moto = Start-MotoServer
    Import-Module (Get-RootGuardManifestPath) -Force
    $aws = @{ EndpointUrl = $moto.Endpoint; Region = 'us-east-1' }
}

AfterAll {
    Remove-Module RootGuard -Force -ErrorAction SilentlyContinue
    Stop-MotoServer $moto
}

Describe 'Get-RootMonitoring' {
    Context 'in an account with both monitors and the team''s own monitoring' {
        BeforeAll {
            Reset-MotoServer $moto
            $trail = New-CloudTrailWithLogs -Server $moto
            # The team's own topic, rule, filter and alarm, untagged, as an account has them before RootGuard.
            Invoke-Boto3 -Server $moto -Script @"
topic = client('sns').create_topic(Name='team-alerts')['TopicArn']
client('events').put_rule(Name='team-ec2-changes', EventPattern=json.dumps({'source': ['aws.ec2']}), State='ENABLED')
client('logs').put_metric_filter(logGroupName='$($trail.LogGroupName)', filterName='team-console-failures', filterPattern='{ $.errorCode = "AccessDenied" }',
    metricTransformations=[{'metricName': 'AccessDenied', 'metricNamespace': 'Team', 'metricValue': '1'}])
client('cloudwatch').put_metric_alarm(AlarmName='team-access-denied', Namespace='Team', MetricName='AccessDenied', Statistic='Sum', Period=300,
    EvaluationPeriods=1, Threshold=1, ComparisonOperator='GreaterThanOrEqualToThreshold', AlarmActions=[topic])
"@
            $alert = New-RootSignInAlert -EmailAddress security@example.com @aws -Confirm:$false -WarningAction SilentlyContinue
            $alarm = $alert | New-RootUsageAlarm @aws -Confirm:$false -WarningAction SilentlyContinue
            $listed = Get-RootMonitoring -Resource @aws
        }

        It 'lists the rule, topic, filter and alarm RootGuard made, each with its component' {
            @($listed | ForEach-Object { "$($_.Component) $($_.ResourceType) $($_.Name)" } | Sort-Object) | Should -Be @(
                'SignInAlert EventBridge rule RootGuard-RootSignIn'
                'SignInAlert SNS topic RootGuard-RootSignIn'
                "UsageAlarm CloudWatch alarm $($alarm.AlarmName)"
                "UsageAlarm CloudWatch Logs metric filter $($alarm.FilterName)"
            )
            $listed | ForEach-Object { $_.PSObject.TypeNames | Should -Contain 'RootGuard.RootGuardResource' }
            ($listed | Where-Object ResourceType -EQ 'SNS topic').Arn | Should -Be $alert.TopicArn
        }

        It 'lists none of the team''s own resources' {
            $names = @($listed.Name) + @($listed.Arn)
            $names | Should -Not -Contain 'team-ec2-changes'
            $names | Should -Not -Contain 'team-access-denied'
            $names | Should -Not -Contain 'team-console-failures'
            $names | Where-Object { $_ -like '*team-alerts*' } | Should -BeNullOrEmpty
        }

        It 'lists one monitor only with -Component' {
            $usage = Get-RootMonitoring -Resource -Component UsageAlarm @aws

            @($usage.Component | Sort-Object -Unique) | Should -Be @('UsageAlarm')
            $usage | Should -HaveCount 2
        }

        It 'makes no change to the account' {
            $before = Get-AccountResource -Server $moto
            $null = Get-RootMonitoring @aws
            $null = Get-RootMonitoring -Resource @aws
            (Get-AccountResource -Server $moto | ConvertTo-Json -Depth 5) | Should -Be ($before | ConvertTo-Json -Depth 5)
        }

        It 'shows a table of component, resource type, name and region' {
            $lines = @($listed | Out-String -Width 200) -split '\r?\n' | Where-Object { $_.Trim() }

            $lines[0] | Should -Match '^Component\s+ResourceType\s+Name\s+Region\s*$'
            @($lines -match '^SignInAlert\s+EventBridge rule\s+RootGuard-RootSignIn\s+us-east-1\s*$').Count | Should -Be 1
            @($lines | Where-Object { $_ -match 'us-east-1\s*$' }).Count | Should -Be 4
        }

        It 'gives Select-Object and ConvertTo-Json the ARN and detail the table leaves out' {
            $json = $listed | Select-Object Component, ResourceType, Name, Region, Arn, Detail | ConvertTo-Json | ConvertFrom-Json

            $json | Should -HaveCount 4
            ($json | Where-Object ResourceType -EQ 'EventBridge rule').Arn | Should -Match '^arn:aws:events:us-east-1:123456789012:rule/RootGuard-RootSignIn$'
        }
    }

    It 'lists only its own policy statement in a topic the team made, not the topic' {
        Reset-MotoServer $moto
        $topic = Invoke-Boto3 -Server $moto -Script "print(client('sns').create_topic(Name='team-alerts')['TopicArn'])"
        $null = New-RootSignInAlert -TopicArn $topic @aws -Confirm:$false -WarningAction SilentlyContinue

        $listed = Get-RootMonitoring -Resource @aws

        @($listed | ForEach-Object { "$($_.Component) $($_.ResourceType)" } | Sort-Object) | Should -Be @('SignInAlert EventBridge rule', 'SignInAlert Topic policy statement')
        ($listed | Where-Object ResourceType -EQ 'Topic policy statement').Arn | Should -Be $topic
    }

    It 'lists nothing, and writes no error, in an account without RootGuard resources' {
        Reset-MotoServer $moto

        $listed = @(Get-RootMonitoring @aws -ErrorVariable failures) + @(Get-RootMonitoring -Resource @aws -ErrorVariable +failures)

        $listed | Should -BeNullOrEmpty
        $failures | Should -BeNullOrEmpty
    }
}
