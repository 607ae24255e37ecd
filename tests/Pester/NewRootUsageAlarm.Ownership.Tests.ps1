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
