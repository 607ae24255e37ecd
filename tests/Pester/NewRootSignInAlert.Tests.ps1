# Behaviour of New-RootSignInAlert in a real pwsh, against moto.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/RootGuard.TestSupport.psm1') -Force
    $moto = Start-MotoServer
    Import-Module (Get-RootGuardManifestPath) -Force
    $aws = @{ EndpointUrl = $moto.Endpoint; Region = 'us-east-1'; WarningAction = 'SilentlyContinue'; Confirm = $false }
}

AfterAll {
    Remove-Module RootGuard -Force -ErrorAction SilentlyContinue
    Stop-MotoServer $moto
}

Describe 'New-RootSignInAlert' {
    BeforeEach { Reset-MotoServer $moto }

    It 'creates a rule on root console sign-ins that publishes to a new topic with the e-mail subscribers' {
        $alert = New-RootSignInAlert -EmailAddress security@example.com, oncall@example.com @aws

        $alert.PSObject.TypeNames | Should -Contain 'RootGuard.SignInAlert'
        $alert.TopicArn | Should -Match '^arn:aws:sns:us-east-1:123456789012:'
        $alert.State | Should -Be 'ENABLED'
        @($alert.Subscriptions.Endpoint | Sort-Object) | Should -Be @('oncall@example.com', 'security@example.com')
        $made = Invoke-Boto3 -Server $moto -AsJson -Script @"
ev = client('events')
rule = ev.describe_rule(Name='$($alert.RuleName)')
print(json.dumps({'Pattern': json.loads(rule['EventPattern']), 'Targets': [t['Arn'] for t in ev.list_targets_by_rule(Rule=rule['Name'])['Targets']],
    'Tags': {t['Key']: t['Value'] for t in ev.list_tags_for_resource(ResourceARN=rule['Arn'])['Tags']},
    'Emails': sorted(s['Endpoint'] for s in client('sns').list_subscriptions_by_topic(TopicArn='$($alert.TopicArn)')['Subscriptions'])}))
"@
        $made.Pattern.'detail-type' | Should -Be 'AWS Console Sign In via CloudTrail'
        $made.Pattern.detail.userIdentity.type | Should -Be 'Root'
        $made.Targets | Should -Be $alert.TopicArn
        $made.Tags.ManagedBy | Should -Be 'RootGuard'
        $made.Tags.'RootGuard:Component' | Should -Be 'SignInAlert'
        $made.Emails | Should -Be @('oncall@example.com', 'security@example.com')
    }

    It 'lets EventBridge publish to the topic through a statement of its own' {
        $alert = New-RootSignInAlert -EmailAddress security@example.com @aws

        $sids = (Get-AccountResource -Server $moto).TopicPolicySids.($alert.TopicArn)
        @($sids | Where-Object { $_ -like 'RootGuard*' }).Count | Should -Be 1
    }

    It 'makes no change when run a second time' {
        $null = New-RootSignInAlert -EmailAddress security@example.com @aws
        $before = Get-AccountResource -Server $moto

        $second = New-RootSignInAlert -EmailAddress security@example.com @aws

        $second.Changes | Should -Not -BeNullOrEmpty
        @($second.Changes | Where-Object Change -NE 'Unchanged') | Should -BeNullOrEmpty
        (Get-AccountResource -Server $moto | ConvertTo-Json -Depth 5) | Should -Be ($before | ConvertTo-Json -Depth 5)
    }

    It 'shows the message a root sign-in would send as verbose output, when verbose output is asked for' {
        $verbose = New-RootSignInAlert -EmailAddress security@example.com -WhatIf -Verbose @aws 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $sample = @($verbose | Where-Object Message -Like 'A root sign-in will be reported like this:*')
        $sample.Count | Should -Be 1
        $sample[0].Message | Should -Match 'root'

        $VerbosePreference = 'Continue'
        $byPreference = New-RootSignInAlert -EmailAddress security@example.com -WhatIf @aws 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'A root sign-in will be reported*' }
        @($byPreference).Count | Should -Be 1

        $quiet = New-RootSignInAlert -EmailAddress security@example.com -WhatIf -Verbose:$false @aws 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $quiet | Should -BeNullOrEmpty
    }

    It 'narrows the pattern to successful sign-ins with -SuccessOnly' {
        $alert = New-RootSignInAlert -EmailAddress security@example.com -SuccessOnly @aws

        ($alert.EventPattern | ConvertFrom-Json).detail.responseElements.ConsoleLogin | Should -Be 'Success'
    }

    It 'adds only its own policy statement to a topic the user already has, and keeps the user''s statements' {
        $topic = Invoke-Boto3 -Server $moto -Script @"
sns = client('sns')
arn = sns.create_topic(Name='security-alerts')['TopicArn']
policy = {'Version': '2012-10-17', 'Statement': [{'Sid': 'TeamPublish', 'Effect': 'Allow', 'Principal': {'AWS': 'arn:aws:iam::123456789012:root'}, 'Action': 'sns:Publish', 'Resource': arn}]}
sns.set_topic_attributes(TopicArn=arn, AttributeName='Policy', AttributeValue=json.dumps(policy))
print(arn)
"@

        $alert = New-RootSignInAlert -TopicArn $topic @aws

        $alert.TopicArn | Should -Be $topic
        $after = Get-AccountResource -Server $moto
        $after.Topics | Should -Be @($topic)
        $after.TopicPolicySids.$topic | Should -Contain 'TeamPublish'
        @($after.TopicPolicySids.$topic | Where-Object { $_ -like 'RootGuard*' }).Count | Should -Be 1
    }

    It 'rejects <Case> with <ErrorId> and creates nothing' -ForEach @(
        @{ Case = 'a malformed e-mail address'; Arguments = @{ EmailAddress = 'not-an-address' }; ErrorId = 'RootGuard.InvalidEmailAddress' }
        @{ Case = 'the AWS-managed SNS key'; Arguments = @{ EmailAddress = 'security@example.com'; KmsMasterKeyId = 'alias/aws/sns' }; ErrorId = 'RootGuard.AwsManagedKmsKey' }
        @{ Case = 'a region other than the home region'; Arguments = @{ EmailAddress = 'security@example.com'; Region = 'eu-west-1' }; ErrorId = 'RootGuard.NotHomeRegion' }
        @{ Case = 'a tag key RootGuard reserves'; Arguments = @{ EmailAddress = 'security@example.com'; Tag = @{ ManagedBy = 'me' } }; ErrorId = 'RootGuard.ReservedTagKey' }
    ) {
        $call = $aws.Clone()
        foreach ($key in $Arguments.Keys) { $call[$key] = $Arguments[$key] }

        { New-RootSignInAlert @call -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,*"

        $account = Get-AccountResource -Server $moto
        $account.Topics | Should -BeNullOrEmpty
        $account.Rules | Should -BeNullOrEmpty
    }

    It 'shows the alert as a list with its subscribers and what it changed' {
        $text = New-RootSignInAlert -EmailAddress security@example.com @aws | Out-String -Width 200

        $text | Should -Match '(?m)^RuleName\s+: RootGuard-RootSignIn$'
        $text | Should -Match '(?m)^State\s+: ENABLED$'
        $text | Should -Match '(?m)^Subscriptions\s+: security@example.com \((PendingConfirmation|Confirmed)\)$'
        $text | Should -Match '(?m)^Changes\s+: Created SNS topic arn:aws:sns:'
        $text | Should -Match '(?m)^\s+Created EventBridge rule RootGuard-RootSignIn$'
    }
}
