# PowerShell's contract, kept as built-in cmdlets keep it, in a real pwsh against moto: ShouldProcess and -Force,
# dependent steps under -Confirm, input checked before credentials, Ctrl+C, and the error, warning and information
# streams with their preferences. Prompts are answered by a child pwsh's console host reading its standard input.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/RootGuard.TestSupport.psm1') -Force
    $recording = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), "rootguard-moto-$PID.log")
    $moto = Start-MotoServer -Environment @{ MOTO_RECORDER_FILEPATH = $recording }
    $manifest = Get-RootGuardManifestPath
    Import-Module $manifest -Force
    $aws = @{ EndpointUrl = $moto.Endpoint; Region = 'us-east-1' }

    # What the account holds, read with boto3 (not with RootGuard, which is under test).
    function Get-AccountState {
        Invoke-Boto3 -Server $moto -AsJson -Script @'
ev, sns, cw, logs = client('events'), client('sns'), client('cloudwatch'), client('logs')
rules = [r['Name'] for r in ev.list_rules()['Rules']]
print(json.dumps({
    'Rules': rules,
    'Targets': [t['Arn'] for r in rules for t in ev.list_targets_by_rule(Rule=r)['Targets']],
    'Topics': [t['TopicArn'] for t in sns.list_topics()['Topics']],
    'Subscriptions': [s['Endpoint'] for s in sns.list_subscriptions()['Subscriptions']],
    'Alarms': [a['AlarmName'] for a in cw.describe_alarms()['MetricAlarms']],
    'Filters': [f['filterName'] for f in logs.describe_metric_filters()['metricFilters']],
}))
'@
    }

    function Get-ResourceCount($state) {
        @($state.Rules).Count + @($state.Topics).Count + @($state.Alarms).Count + @($state.Filters).Count
    }

    # Both monitors, sharing one topic: a rule, a topic, an alarm and its metric filter.
    function New-BothMonitors {
        $null = New-CloudTrailWithLogs -Server $moto
        $null = New-RootSignInAlert -EmailAddress security@example.com @aws -Confirm:$false -WarningAction SilentlyContinue |
            New-RootUsageAlarm @aws -Confirm:$false -WarningAction SilentlyContinue
    }

    # A script for a child pwsh: the module imported, $aws pointing at moto (credentials come from the environment).
    function New-ChildScript([string] $Body) {
        @"
Import-Module '$manifest'
`$aws = @{ EndpointUrl = '$($moto.Endpoint)'; Region = 'us-east-1' }
$Body
"@
    }

    # The actions the console host asked to confirm, in order ("Performing the operation "<action>" on target ...").
    function Get-ConfirmedAction([string] $Output) {
        # The console host wraps long lines: join them again first.
        [regex]::Matches(($Output -replace '\s+', ' '), 'Performing the operation "(?<action>[^"]+)" on target') | ForEach-Object { $_.Groups['action'].Value }
    }

    function Get-PromptCount([string] $Output) {
        [regex]::Matches($Output, 'Are you sure you want to perform this action\?').Count
    }
}

AfterAll {
    Remove-Module RootGuard -Force -ErrorAction SilentlyContinue
    Stop-MotoServer $moto
    Remove-Item $recording -ErrorAction SilentlyContinue
}

Describe 'Remove-RootMonitoring confirmation (ShouldProcess, -Force, -WhatIf)' {
    BeforeEach {
        Reset-MotoServer $moto
        New-BothMonitors
        $before = Get-ResourceCount (Get-AccountState)
    }

    It 'starts from four resources: a rule, a topic, an alarm and its metric filter' {
        $before | Should -Be 4
    }

    It 'deletes nothing under $WhatIfPreference = $true, even with -Force' {
        $WhatIfPreference = $true
        try { Remove-RootMonitoring -Force @aws } finally { $WhatIfPreference = $false }

        Get-ResourceCount (Get-AccountState) | Should -Be $before
    }

    It 'deletes nothing with -WhatIf and -Force, and says what it would remove' {
        $child = Invoke-ChildPowerShell -NonInteractive -Script (New-ChildScript 'Remove-RootMonitoring -Force -WhatIf @aws')

        $child.ExitCode | Should -Be 0
        ([regex]::Matches($child.Output, 'What if: ')).Count | Should -BeGreaterOrEqual 4
        Get-ResourceCount (Get-AccountState) | Should -Be $before
    }

    It 'removes everything with -Force without asking, even in a non-interactive session' {
        $child = Invoke-ChildPowerShell -NonInteractive -Script (New-ChildScript 'Remove-RootMonitoring -Force @aws; exit [int](-not $?)')

        $child.ExitCode | Should -Be 0
        Get-PromptCount $child.Output | Should -Be 0
        Get-ResourceCount (Get-AccountState) | Should -Be 0
    }

    It 'asks before each removal without -Force (ConfirmImpact High), and a non-interactive session cannot answer: nothing is deleted' {
        $child = Invoke-ChildPowerShell -NonInteractive -Script (New-ChildScript 'Remove-RootMonitoring @aws')

        $child.ErrorOutput | Should -Match 'NonInteractive'
        Get-ResourceCount (Get-AccountState) | Should -Be $before
    }

    It 'still asks with -Force when -Confirm is given, and a non-interactive session cannot answer: nothing is deleted' {
        $child = Invoke-ChildPowerShell -NonInteractive -Script (New-ChildScript 'Remove-RootMonitoring -Force -Confirm @aws')

        $child.ErrorOutput | Should -Match 'NonInteractive'
        Get-ResourceCount (Get-AccountState) | Should -Be $before
    }

    It 'asks with -Force -Confirm, and answering No keeps every resource' {
        $child = Invoke-ChildPowerShell -InputLine (@('N') * 12) -Script (New-ChildScript 'Remove-RootMonitoring -Force -Confirm @aws')

        # No to removing the rule's target and to the alarm: the rule, the filter and the topic depend on them, so are not asked about.
        Get-ConfirmedAction $child.Output | Should -HaveCount 2
        Get-ResourceCount (Get-AccountState) | Should -Be $before
    }

    It 'asks with -Force under $ConfirmPreference = ''Low''' {
        $child = Invoke-ChildPowerShell -InputLine (@('N') * 12) -Script (New-ChildScript @'
$ConfirmPreference = 'Low'
Remove-RootMonitoring -Force @aws
'@)

        Get-ConfirmedAction $child.Output | Should -HaveCount 2
        Get-ResourceCount (Get-AccountState) | Should -Be $before
    }
}

Describe 'Creating under confirmation' {
    BeforeEach { Reset-MotoServer $moto }

    It 'asks before every change of New-RootSignInAlert under $ConfirmPreference = ''Low''' {
        $child = Invoke-ChildPowerShell -InputLine (@('Y') * 10) -Script (New-ChildScript @'
$ConfirmPreference = 'Low'
$null = New-RootSignInAlert -EmailAddress security@example.com @aws -WarningAction SilentlyContinue
'@)

        Get-ConfirmedAction $child.Output | Should -HaveCount 4
        $state = Get-AccountState
        @($state.Rules) | Should -HaveCount 1
        @($state.Targets) | Should -HaveCount 1
    }

    It 'skips the rule target and the subscription when the SNS topic is declined, and says why' {
        # Answers: No to the topic, Yes to the rule. The target and the subscription need the topic: not asked.
        $resultPath = Join-Path $TestDrive 'alert.json'
        $child = Invoke-ChildPowerShell -InputLine 'N', 'Y', 'Y', 'Y', 'Y' -Script (New-ChildScript @"
`$alert = New-RootSignInAlert -EmailAddress security@example.com @aws -Confirm -WarningVariable warnings -WarningAction SilentlyContinue
ConvertTo-Json -Depth 4 -InputObject @{
    Changes = @(`$alert.Changes | ForEach-Object { @{ ResourceType = `$_.ResourceType; Change = [string]`$_.Change; Reason = `$_.Reason } })
    Warnings = @(`$warnings | ForEach-Object Message)
} | Set-Content -LiteralPath '$resultPath'
"@)

        $asked = Get-ConfirmedAction $child.Output
        $asked | Should -HaveCount 2
        $asked[0] | Should -BeLike 'Create SNS topic*'
        $asked[1] | Should -BeLike 'Create EventBridge rule*'
        $state = Get-AccountState
        @($state.Topics) | Should -BeNullOrEmpty
        @($state.Targets) | Should -BeNullOrEmpty
        @($state.Subscriptions) | Should -BeNullOrEmpty
        @($state.Rules) | Should -HaveCount 1

        $result = Get-Content -Raw $resultPath | ConvertFrom-Json
        $target = $result.Changes | Where-Object ResourceType -eq 'EventBridge target'
        $target.Change | Should -Be 'Skipped'
        $target.Reason | Should -Match 'SNS topic'
        ($result.Changes | Where-Object ResourceType -eq 'SNS topic').Change | Should -Be 'Skipped'
        $result.Warnings -join "`n" | Should -Match 'EventBridge target'
    }

    It 'keeps the topic when the removal of the rule that uses it is declined' {
        $null = New-RootSignInAlert -EmailAddress security@example.com @aws -Confirm:$false -WarningAction SilentlyContinue
        # Answers: Yes to disabling the rule and to removing RootGuard's target, No to deleting the rule; the topic the
        # rule used is then not asked about.
        $child = Invoke-ChildPowerShell -InputLine 'Y', 'Y', 'N', 'Y', 'Y' -Script (New-ChildScript 'Remove-RootMonitoring -Component SignInAlert @aws')

        $asked = Get-ConfirmedAction $child.Output
        $asked | Should -HaveCount 3
        $asked[0] | Should -Be 'Disable EventBridge rule before removing it'
        $asked[2] | Should -Be 'Delete EventBridge rule'
        $state = Get-AccountState
        @($state.Rules) | Should -HaveCount 1
        @($state.Topics) | Should -HaveCount 1
    }

    It 'lists every step, dependants included, under -WhatIf and makes nothing' {
        $child = Invoke-ChildPowerShell -NonInteractive -Script (New-ChildScript 'New-RootSignInAlert -EmailAddress security@example.com @aws -WhatIf -WarningAction SilentlyContinue')

        ([regex]::Matches($child.Output, 'What if: ')).Count | Should -Be 4
        Get-ResourceCount (Get-AccountState) | Should -Be 0
    }
}

Describe 'Input is checked before credentials are resolved and before any AWS call' {
    BeforeDiscovery {
        $badInput = @(
            @{ Command = 'New-RootSignInAlert'; Arguments = @{ EmailAddress = 'not-an-address' }; ErrorId = 'RootGuard.InvalidEmailAddress' }
            @{ Command = 'New-RootSignInAlert'; Arguments = @{ EmailAddress = 'security@example.com'; Region = 'eu-west-1' }; ErrorId = 'RootGuard.NotHomeRegion' }
            @{ Command = 'New-RootSignInAlert'; Arguments = @{ TopicArn = 'arn:aws:sns:eu-west-1:123456789012:alerts' }; ErrorId = 'RootGuard.InvalidTopicArn' }
            @{ Command = 'New-RootSignInAlert'; Arguments = @{ EmailAddress = 'security@example.com'; KmsMasterKeyId = 'alias/aws/sns' }; ErrorId = 'RootGuard.AwsManagedKmsKey' }
            @{ Command = 'New-RootUsageAlarm'; Arguments = @{ EmailAddress = 'security@example.com'; Period = 7 }; ErrorId = 'RootGuard.InvalidPeriod' }
            @{ Command = 'New-RootUsageAlarm'; Arguments = @{}; ErrorId = 'RootGuard.NoNotificationTarget' }
            @{ Command = 'Test-RootAccountSecurity'; Arguments = @{ CheckId = 'RG.ROOT.1'; ExcludeCheckId = 'RG.ROOT.1' }; ErrorId = 'RootGuard.NoCheckSelected' }
            @{ Command = 'Test-RootAccountSecurity'; Arguments = @{ Region = 'middle-earth-1x' }; ErrorId = 'RootGuard.InvalidRegion' }
            # The common parameters come first, as in every RootGuard cmdlet, before the command's own checks.
            @{ Command = 'Test-RootAccountSecurity'; Arguments = @{ Region = 'middle-earth-1x'; CheckId = 'RG.ROOT.1'; ExcludeCheckId = 'RG.ROOT.1' }; ErrorId = 'RootGuard.InvalidRegion' }
            @{ Command = 'Get-RootMonitoring'; Arguments = @{ Region = 'middle-earth-1x' }; ErrorId = 'RootGuard.InvalidRegion' }
            @{ Command = 'Get-RootMonitoring'; Arguments = @{ Resource = $true; Region = 'middle-earth-1x' }; ErrorId = 'RootGuard.InvalidRegion' }
            @{ Command = 'Send-RootMonitoringTest'; Arguments = @{ Region = 'middle-earth-1x' }; ErrorId = 'RootGuard.InvalidRegion' }
            @{ Command = 'Get-RootGuardContext'; Arguments = @{ Region = 'middle-earth-1x' }; ErrorId = 'RootGuard.InvalidRegion' }
            @{ Command = 'Remove-RootMonitoring'; Arguments = @{ TopicArn = 'not-an-arn'; Force = $true }; ErrorId = 'RootGuard.InvalidTopicArn' }
            @{ Command = 'Repair-RootAccountSecurity'; Arguments = @{ SecurityContact = @{ Nickname = 'x' }; Confirm = $false }; ErrorId = 'RootGuard.InvalidSecurityContact' }
            @{ Command = 'Repair-RootAccountSecurity'; Arguments = @{ EmailAddress = 'not-an-address'; Confirm = $false }; ErrorId = 'RootGuard.InvalidEmailAddress' }
        )
    }

    It '<Command> reports <ErrorId> with no credentials at all' -ForEach $badInput {
        $saved = @{}
        foreach ($name in 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE') {
            $saved[$name] = [Environment]::GetEnvironmentVariable($name)
            Remove-Item "Env:$name" -ErrorAction SilentlyContinue
        }
        $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $TestDrive 'no-credentials'
        $env:AWS_CONFIG_FILE = Join-Path $TestDrive 'no-config'
        try {
            { & $Command @Arguments -ProfileName 'no-such-profile' -EndpointUrl $moto.Endpoint -ErrorAction Stop } |
                Should -Throw -ErrorId "$ErrorId*"
        }
        finally {
            foreach ($name in $saved.Keys) {
                if ($null -eq $saved[$name]) { Remove-Item "Env:$name" -ErrorAction SilentlyContinue } else { Set-Item "Env:$name" $saved[$name] }
            }
        }
    }

    It '<Command> reports <ErrorId> with valid credentials and sends moto no request' -ForEach $badInput {
        Start-MotoRecording $moto
        try {
            { & $Command @Arguments -EndpointUrl $moto.Endpoint -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId*"
            @(Get-MotoRecordedRequest $moto) | Should -BeNullOrEmpty
        }
        finally {
            Stop-MotoRecording $moto
        }
    }
}

Describe 'Ctrl+C (StopProcessing)' {
    BeforeDiscovery {
        $hanging = @(
            @{ Name = 'New-RootSignInAlert'; Script = 'New-RootSignInAlert -EmailAddress security@example.com -Confirm:$false' }
            @{ Name = 'New-RootUsageAlarm'; Script = 'New-RootUsageAlarm -EmailAddress security@example.com -Confirm:$false' }
            @{ Name = 'Test-RootAccountSecurity'; Script = 'Test-RootAccountSecurity' }
            @{ Name = 'Test-RootAccountSecurity -AccountId'; Script = 'Test-RootAccountSecurity -AccountId 111111111111, 222222222222' }
            @{ Name = 'Get-RootMonitoring'; Script = 'Get-RootMonitoring' }
            @{ Name = 'Get-RootMonitoring -Resource'; Script = 'Get-RootMonitoring -Resource' }
            @{ Name = 'Send-RootMonitoringTest'; Script = 'Send-RootMonitoringTest -Confirm:$false' }
            @{ Name = 'Remove-RootMonitoring'; Script = 'Remove-RootMonitoring -Force' }
            @{ Name = 'Repair-RootAccountSecurity'; Script = 'Repair-RootAccountSecurity -Confirm:$false' }
        )
    }

    It '<Name> stops promptly while AWS does not answer, as a pipeline stop with no RootGuard error' -ForEach $hanging {
        $listener = Start-SilentTcpListener
        $shell = [powershell]::Create()
        try {
            $endpoint = "http://127.0.0.1:$($listener.LocalEndpoint.Port)"
            $null = $shell.AddScript("Import-Module '$manifest'; $Script -EndpointUrl '$endpoint' -Region us-east-1")
            $invocation = $shell.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while (-not $listener.Pending() -and -not $invocation.IsCompleted -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $listener.Pending() | Should -BeTrue -Because 'the call must be waiting on the endpoint when it is stopped'

            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $stop = $shell.BeginStop($null, $null)
            $stop.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(10)) | Should -BeTrue -Because 'Ctrl+C must end the call promptly'
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 10

            $stopped = $null
            try { $shell.EndInvoke($invocation) } catch { $stopped = $_.Exception.GetBaseException() }
            $stopped | Should -BeOfType ([System.Management.Automation.PipelineStoppedException])
            @($shell.Streams.Error | Where-Object FullyQualifiedErrorId -like 'RootGuard.*') | Should -BeNullOrEmpty
        }
        finally {
            # Closing the listener resets the connection, so a call that did not stop ends too.
            $listener.Stop()
            $shell.Dispose()
        }
    }
}

Describe 'Errors, warnings and information, as with built-in cmdlets' {
    Context 'Test-RootAccountSecurity -AccountId: an account it cannot reach is one non-terminating error' {
        BeforeEach {
            Reset-MotoServer $moto
            $runner = New-MotoIamUser -Server $moto -DenyAction 'sts:AssumeRole'
            $as = @{ EndpointUrl = $moto.Endpoint; Region = 'us-east-1'; AccessKey = $runner.AccessKey; SecretKey = $runner.SecretKey }
            Enable-MotoAuthorization $moto
        }

        AfterEach { Disable-MotoAuthorization $moto }

        It 'writes one error per account and goes on to the end (-ErrorAction SilentlyContinue, -ErrorVariable)' {
            $reached = $false
            $null = Test-RootAccountSecurity -AccountId 111111111111, 222222222222 @as -ErrorAction SilentlyContinue -ErrorVariable failures
            $reached = $true

            $reached | Should -BeTrue
            $failures | Should -HaveCount 2
            $failures.FullyQualifiedErrorId | ForEach-Object { $_ | Should -BeLike 'RootGuard.AssumeRoleFailed*' }
            # Accounts are written in the order they complete, so compare as a set.
            @($failures.TargetObject | Sort-Object) | Should -Be '111111111111', '222222222222'
            $failures[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        }

        It 'writes the errors to the error stream under Continue, and -Quiet still answers $false' {
            $ErrorActionPreference = 'Continue'
            $all = Test-RootAccountSecurity -AccountId 111111111111, 222222222222 -Quiet @as 2>&1

            @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) | Should -HaveCount 2
            @($all | Where-Object { $_ -is [bool] }) | Should -Be @($false)
        }

        It 'ends the call at the first such error with -ErrorAction Stop' {
            { Test-RootAccountSecurity -AccountId 111111111111, 222222222222 @as -ErrorAction Stop } | Should -Throw -ErrorId 'RootGuard.AssumeRoleFailed*'
        }

        It 'ends the call at the first such error under $ErrorActionPreference = ''Stop''' {
            { $ErrorActionPreference = 'Stop'; Test-RootAccountSecurity -AccountId 111111111111 @as } | Should -Throw -ErrorId 'RootGuard.AssumeRoleFailed*'
        }

        It 'keeps the errors out of -ErrorVariable and the error stream with -ErrorAction Ignore' {
            $all = Test-RootAccountSecurity -AccountId 111111111111 -Quiet @as -ErrorAction Ignore -ErrorVariable failures 2>&1

            $failures | Should -BeNullOrEmpty
            $all | Should -Be $false
        }
    }

    Context 'Remove-RootMonitoring: a resource it cannot remove is one non-terminating error' {
        BeforeEach {
            Reset-MotoServer $moto
            New-BothMonitors
            $runner = New-MotoIamUser -Server $moto -DenyAction 'events:RemoveTargets'
            $as = @{ EndpointUrl = $moto.Endpoint; Region = 'us-east-1'; AccessKey = $runner.AccessKey; SecretKey = $runner.SecretKey }
            Enable-MotoAuthorization $moto
        }

        AfterEach { Disable-MotoAuthorization $moto }

        It 'removes the other monitor, keeps what needed the failed step, and says so' {
            $reached = $false
            Remove-RootMonitoring -Force @as -ErrorAction SilentlyContinue -ErrorVariable failures -WarningVariable warnings -WarningAction SilentlyContinue
            $reached = $true
            Disable-MotoAuthorization $moto

            $reached | Should -BeTrue
            $failures | Should -HaveCount 1
            $failures[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
            $failures[0].Exception.Message | Should -Match 'events:RemoveTargets'
            $state = Get-AccountState
            @($state.Alarms) | Should -BeNullOrEmpty
            @($state.Filters) | Should -BeNullOrEmpty
            @($state.Rules) | Should -HaveCount 1
            @($state.Topics) | Should -HaveCount 1
            ($warnings.Message -join "`n") | Should -Match 'which failed'
        }

        It 'stops at that resource with -ErrorAction Stop' {
            { Remove-RootMonitoring -Force @as -ErrorAction Stop } | Should -Throw
            Disable-MotoAuthorization $moto

            Get-ResourceCount (Get-AccountState) | Should -Be 4
        }
    }

    Context 'Where the call cannot go on, the error is terminating' {
        BeforeEach { Reset-MotoServer $moto }

        It 'ends the statement on bad input even under -ErrorAction SilentlyContinue, and -ErrorVariable holds the error' {
            $reached = $false
            $caught = $null
            try {
                New-RootSignInAlert -EmailAddress 'not-an-address' @aws -ErrorAction SilentlyContinue -ErrorVariable failures
                $reached = $true
            }
            catch { $caught = $_ }

            $reached | Should -BeFalse
            $caught.FullyQualifiedErrorId | Should -BeLike 'RootGuard.InvalidEmailAddress*'
            # As with built-in cmdlets, -ErrorVariable holds a terminating error as the exception that carries the record.
            $failures[0].ErrorRecord.FullyQualifiedErrorId | Should -BeLike 'RootGuard.InvalidEmailAddress*'
        }

        It 'ends the call when a step fails, after undoing what it had made' {
            $runner = New-MotoIamUser -Server $moto -DenyAction 'sns:Subscribe'
            Enable-MotoAuthorization $moto
            try {
                { New-RootSignInAlert -EmailAddress security@example.com -EndpointUrl $moto.Endpoint -Region us-east-1 -AccessKey $runner.AccessKey -SecretKey $runner.SecretKey -Confirm:$false -WarningAction SilentlyContinue -ErrorAction SilentlyContinue } |
                    Should -Throw -ErrorId 'RootGuard.*'
            }
            finally { Disable-MotoAuthorization $moto }

            $state = Get-AccountState
            @($state.Rules) | Should -BeNullOrEmpty
            @($state.Topics) | Should -BeNullOrEmpty
        }
    }

    Context 'Warnings' {
        BeforeEach { Reset-MotoServer $moto }

        It 'hides them with -WarningAction SilentlyContinue and keeps them in -WarningVariable' {
            $all = New-RootSignInAlert -EmailAddress security@example.com @aws -Confirm:$false -WarningAction SilentlyContinue -WarningVariable warnings 3>&1

            @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }) | Should -BeNullOrEmpty
            ($warnings.Message -join "`n") | Should -Match 'CloudTrail'
            ($warnings.Message -join "`n") | Should -Match 'confirm'
        }

        It 'stops at the first warning with -WarningAction Stop, before any change is made' {
            { New-RootSignInAlert -EmailAddress security@example.com @aws -Confirm:$false -WarningAction Stop } | Should -Throw
            Get-ResourceCount (Get-AccountState) | Should -Be 0
        }
    }

    Context 'Information' {
        BeforeAll {
            Reset-MotoServer $moto
            $null = New-RootSignInAlert -EmailAddress security@example.com @aws -Confirm:$false -WarningAction SilentlyContinue
        }

        It 'says "nothing was changed" as an information record (stream 6, tag PSHOST) that -InformationVariable keeps' {
            $all = New-RootSignInAlert -EmailAddress security@example.com @aws -WarningAction SilentlyContinue -InformationVariable notes 6>&1

            $records = @($all | Where-Object { $_ -is [System.Management.Automation.InformationRecord] })
            $records | Should -HaveCount 1
            $records[0].Tags | Should -Contain 'PSHOST'
            "$($notes[0].MessageData)" | Should -Match 'nothing was changed'
        }

        It 'keeps it out of the stream with -InformationAction Ignore (-InformationVariable still has it, as with Write-Host)' {
            $all = New-RootSignInAlert -EmailAddress security@example.com @aws -WarningAction SilentlyContinue -InformationAction Ignore -InformationVariable notes 6>&1

            @($all | Where-Object { $_ -is [System.Management.Automation.InformationRecord] }) | Should -BeNullOrEmpty
            @($notes) | Should -HaveCount 1
        }
    }
}
