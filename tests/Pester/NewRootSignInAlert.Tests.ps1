# Behaviour of New-RootSignInAlert in a real pwsh, against moto.
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

Describe 'New-RootSignInAlert' {
    BeforeEach { Reset-MotoServer $moto }

    It 'creates the rule, topic and subscription and returns a SignInAlert' {
        $alert = New-RootSignInAlert -EmailAddress security@example.com @aws -Confirm:$false

        $alert.PSObject.TypeNames | Should -Contain 'RootGuard.SignInAlert'
        $alert.RuleName | Should -Not -BeNullOrEmpty
        $alert.TopicArn | Should -Match '^arn:aws:sns:us-east-1:123456789012:'
        $rules = Invoke-Boto3 -Server $moto -AsJson -Script "print(json.dumps(client('events').list_rules()['Rules']))"
        @($rules).Name | Should -Contain $alert.RuleName
    }

    It 'makes no change when run a second time' {
        $null = New-RootSignInAlert -EmailAddress security@example.com @aws -Confirm:$false
        $second = New-RootSignInAlert -EmailAddress security@example.com @aws -Confirm:$false -Verbose 4>&1 |
            Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        @($second.Changes | Where-Object Change -ne 'Unchanged') | Should -BeNullOrEmpty
    }

    It 'rejects a malformed e-mail address with a stable error id and creates nothing' {
        { New-RootSignInAlert -EmailAddress 'not-an-address' @aws -ErrorAction Stop } |
            Should -Throw -ErrorId 'RootGuard.InvalidEmailAddress*'
        $topics = Invoke-Boto3 -Server $moto -AsJson -Script "print(json.dumps(client('sns').list_topics()['Topics']))"
        @($topics) | Should -BeNullOrEmpty
    }
}
