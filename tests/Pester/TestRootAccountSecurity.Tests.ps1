# Behaviour of Test-RootAccountSecurity in a real pwsh, against moto. moto cannot hold the root user's own facts
# (MFA, the credential report's root row): those checks are pinned in the xunit suite with injected answers; here
# the verdicts that follow from what RootGuard and moto do hold are asserted.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/RootGuard.TestSupport.psm1') -Force
    $moto = Start-MotoServer
    Import-Module (Get-RootGuardManifestPath) -Force
    $aws = @{ EndpointUrl = $moto.Endpoint; Region = 'us-east-1' }
    $allChecks = 1..8 | ForEach-Object { "RG.ROOT.$_" }

    # Both monitors, as a user deploys them.
    function Deploy-BothMonitors {
        $null = New-RootSignInAlert -EmailAddress security@example.com @aws -Confirm:$false -WarningAction SilentlyContinue |
            New-RootUsageAlarm @aws -Confirm:$false -WarningAction SilentlyContinue
    }
}

AfterAll {
    Remove-Module RootGuard -Force -ErrorAction SilentlyContinue
    Stop-MotoServer $moto
}

Describe 'Test-RootAccountSecurity' {
    BeforeAll {
        # An account with a trail to CloudWatch Logs and no monitors yet; the tests that deploy them reset it first.
        Reset-MotoServer $moto
        $null = New-CloudTrailWithLogs -Server $moto
        $findings = Test-RootAccountSecurity @aws
    }

    It 'returns one finding per check, RG.ROOT.1 to RG.ROOT.8, with the account, the evidence and the fix' {
        @($findings.CheckId | Sort-Object) | Should -Be $allChecks
        foreach ($finding in $findings) {
            $finding.PSObject.TypeNames | Should -Contain 'RootGuard.Finding'
            $finding.AccountId | Should -Be '123456789012'
            $finding.Reason | Should -Not -BeNullOrEmpty
            if ($finding.Status -eq 'Fail') { $finding.Remediation | Should -Not -BeNullOrEmpty -Because "$($finding.CheckId) failed" }
        }
        ($findings | Where-Object CheckId -EQ RG.ROOT.1).Compliance | Should -Be @('CIS 1.4', 'FSBP IAM.4')
    }

    It 'sorts failures first' {
        $statuses = @($findings.Status)

        $statuses | Should -Contain 'Fail'
        $lastFail = [array]::LastIndexOf([string[]]$statuses, 'Fail')
        @($statuses[0..$lastFail] | Where-Object { $_ -ne 'Fail' }) | Should -BeNullOrEmpty
    }

    It 'runs only the checks -CheckId names, in any letter case' {
        $selected = Test-RootAccountSecurity -CheckId rg.root.1, RG.ROOT.7 @aws

        @($selected.CheckId | Sort-Object) | Should -Be @('RG.ROOT.1', 'RG.ROOT.7')
    }

    It 'refuses an unknown check id before calling AWS, listing the valid ones' {
        $caught = $null
        try { $null = Test-RootAccountSecurity -CheckId RG.ROOT.42 -EndpointUrl 'http://127.0.0.1:9' -Region us-east-1 -ErrorAction Stop } catch { $caught = $_ }

        $caught.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
        $caught.Exception.Message | Should -Match 'RG\.ROOT\.1'
    }

    It 'shows findings as a table of status, check id, severity and title, under a heading for their account' {
        $lines = @($findings | Where-Object CheckId -EQ RG.ROOT.5 | Out-String -Width 200) -split '\r?\n' | Where-Object { $_.Trim() }

        $lines[0] | Should -Match '^\s*Account: 123456789012\b'
        $lines[1] | Should -Match '^Status\s+CheckId\s+Severity\s+Title\s*$'
        $lines[3] | Should -Match '^Fail\s+RG\.ROOT\.5\s+\w+\s+Root sign-in alert'
    }

    It 'turns into JSON with the status as text and the evidence and compliance references kept' {
        $json = $findings | Where-Object CheckId -EQ RG.ROOT.6 |
            Select-Object CheckId, @{ n = 'Status'; e = { "$($_.Status)" } }, Compliance, Evidence | ConvertTo-Json -Depth 4 | ConvertFrom-Json

        $json.CheckId | Should -Be 'RG.ROOT.6'
        $json.Status | Should -Be 'Fail'
        $json.Compliance | Should -Contain 'FSBP CloudWatch.1'
        @($json.Evidence.PSObject.Properties).Count | Should -BeGreaterThan 0
    }

    Context 'once both monitors are deployed' {
        BeforeAll {
            $before = Test-RootAccountSecurity -CheckId RG.ROOT.5, RG.ROOT.6 @aws
            $quietBefore = Test-RootAccountSecurity -CheckId RG.ROOT.5, RG.ROOT.6 -Quiet @aws
            Deploy-BothMonitors
        }

        It 'failed the two monitor checks before, naming the RootGuard command that fixes each' {
            @($before.Status) | Should -Be @('Fail', 'Fail')
            ($before | Where-Object CheckId -EQ RG.ROOT.5).Remediation | Should -Match 'New-RootSignInAlert'
            ($before | Where-Object CheckId -EQ RG.ROOT.6).Remediation | Should -Match 'New-RootUsageAlarm'
        }

        It 'passes them now' {
            $after = Test-RootAccountSecurity -CheckId RG.ROOT.5, RG.ROOT.6 @aws

            @($after | ForEach-Object { "$($_.CheckId)=$($_.Status)" } | Sort-Object) | Should -Be @('RG.ROOT.5=Pass', 'RG.ROOT.6=Pass')
        }

        It 'fails RG.ROOT.5 once the trail stops logging, however well the rule and topic are set up, naming the command that starts it' {
            $null = Invoke-Boto3 -Server $moto -Script "client('cloudtrail').stop_logging(Name='management-events')"
            try {
                $finding = Test-RootAccountSecurity -CheckId RG.ROOT.5 @aws

                $finding.Status | Should -Be 'Fail'
                $finding.Evidence.ReasonCode | Should -Be 'TRAIL_NOT_LOGGING'
                $finding.Remediation | Should -Match 'aws cloudtrail start-logging --name management-events'
            }
            finally {
                $null = Invoke-Boto3 -Server $moto -Script "client('cloudtrail').start_logging(Name='management-events')"
            }
        }

        It 'answers -Quiet with one $false before and one $true now' {
            $quietNow = Test-RootAccountSecurity -CheckId RG.ROOT.5, RG.ROOT.6 -Quiet @aws

            $quietBefore | Should -BeOfType [bool]
            $quietBefore | Should -HaveCount 1
            $quietBefore | Should -BeFalse
            $quietNow | Should -HaveCount 1
            $quietNow | Should -BeTrue
        }
    }
}

Describe 'Test-RootAccountSecurity -AccountId' {
    BeforeAll {
        Reset-MotoServer $moto
        # A working sign-in alert (and the trail it needs) in member account 111111111111 only, made with that account's assumed-role credentials
        # (moto keeps each account id apart, and AssumeRole credentials act in the role's account).
        $script:seedAlert = @"
creds = client('sts').assume_role(RoleArn='arn:aws:iam::111111111111:role/OrganizationAccountAccessRole', RoleSessionName='seed')['Credentials']
member = lambda name: boto3.client(name, region_name='us-east-1', endpoint_url=endpoint, aws_access_key_id=creds['AccessKeyId'],
    aws_secret_access_key=creds['SecretAccessKey'], aws_session_token=creds['SessionToken'])
sns, ev = member('sns'), member('events')
topic = sns.create_topic(Name='alerts')['TopicArn']
ev.put_rule(Name='root-sign-in', EventPattern=json.dumps({'detail-type': ['AWS Console Sign In via CloudTrail'], 'detail': {'userIdentity': {'type': ['Root']}}}), State='ENABLED')
ev.put_targets(Rule='root-sign-in', Targets=[{'Id': 'sns', 'Arn': topic}])
sns.set_topic_attributes(TopicArn=topic, AttributeName='Policy', AttributeValue=json.dumps({'Version': '2012-10-17', 'Statement': [
    {'Sid': 'events', 'Effect': 'Allow', 'Principal': {'Service': 'events.amazonaws.com'}, 'Action': 'sns:Publish', 'Resource': topic}]}))
sns.subscribe(TopicArn=topic, Protocol='email', Endpoint='security@example.com')
# Console sign-ins reach EventBridge only through a logging trail.
member('s3').create_bucket(Bucket='trail-111111111111')
member('cloudtrail').create_trail(Name='management-events', S3BucketName='trail-111111111111', IsMultiRegionTrail=True)
member('cloudtrail').start_logging(Name='management-events')
"@
        Invoke-Boto3 -Server $moto -Script $seedAlert
    }

    It 'assesses each member account in its own assumed-role session, writing each as it completes' {
        $findings = Test-RootAccountSecurity -AccountId 111111111111, 222222222222 -CheckId RG.ROOT.5 @aws

        # Completion order, not the order given: compared sorted.
        @($findings | ForEach-Object { "$($_.AccountId)=$($_.Status)" } | Sort-Object) | Should -Be @('111111111111=Pass', '222222222222=Fail')
    }

    It 'takes the accounts from the pipeline by their Id, as AWS Tools'' Get-ORGAccountList gives them' {
        $accounts = [pscustomobject]@{ Id = '222222222222'; Name = 'workload' }, [pscustomobject]@{ Id = '111111111111'; Name = 'security' }

        $findings = $accounts | Test-RootAccountSecurity -CheckId RG.ROOT.5 @aws

        @($findings | ForEach-Object { "$($_.AccountId)=$($_.Status)" } | Sort-Object) | Should -Be @('111111111111=Pass', '222222222222=Fail')
    }

    It 'answers -Quiet with $true only when every account passes' {
        Test-RootAccountSecurity -AccountId 111111111111 -CheckId RG.ROOT.5 -Quiet @aws | Should -BeTrue
        Test-RootAccountSecurity -AccountId 111111111111, 222222222222 -CheckId RG.ROOT.5 -Quiet @aws | Should -BeFalse
    }

    It 'keeps the leading zero of an account id typed without quotes' {
        # PowerShell parses an unquoted 012345678901 as the number 12345678901; RootGuard pads it back to twelve digits.
        Invoke-Boto3 -Server $moto -Script ($seedAlert -replace '111111111111', '012345678901')

        $finding = Test-RootAccountSecurity -AccountId 012345678901 -CheckId RG.ROOT.5 @aws

        $finding.AccountId | Should -BeExactly '012345678901'
        # Pass, on the alert seeded in that account only: the assumed-role session acted in 012345678901.
        $finding.Status | Should -Be 'Pass'
        $finding.Evidence.TopicArn | Should -BeExactly 'arn:aws:sns:us-east-1:012345678901:alerts'
    }

    It 'refuses a malformed account id before assuming any role' {
        # Quoted: an unquoted whole number is taken as an id that lost its leading zeros (the test above).
        { Test-RootAccountSecurity -AccountId '12345' @aws -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }
}
