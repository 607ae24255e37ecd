# Behaviour of Repair-RootAccountSecurity in a real pwsh against moto: the security contact (RG.ROOT.7), which moto's
# Account API holds, in the caller's own account. The organization's root features, member root credentials and the
# -Confirm prompts, which need AWS answers moto does not have or a host that answers, are in the xunit tests
# (tests/RootGuard.PowerShell.Tests/Repair).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/RootGuard.TestSupport.psm1') -Force
    $recording = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), "rootguard-moto-repair-$PID.log")
    $moto = Start-MotoServer -Environment @{ MOTO_RECORDER_FILEPATH = $recording }
    Import-Module (Get-RootGuardManifestPath) -Force
    $aws = @{ EndpointUrl = $moto.Endpoint; Region = 'us-east-1' }
    $contact = @{ Name = 'Security team'; Title = 'Security'; EmailAddress = 'security@example.com'; PhoneNumber = '+1 555 0100' }

    # The account's SECURITY contact, read with boto3 (not with RootGuard, which is under test); null when there is none.
    function Get-SecurityContact {
        Invoke-Boto3 -Server $moto -AsJson -Script @"
try:
    print(json.dumps(client('account').get_alternate_contact(AlternateContactType='SECURITY')['AlternateContact']))
except client('account').exceptions.ResourceNotFoundException:
    print('null')
"@
    }

    # The AWS operations moto received since Start-MotoRecording (JSON protocols name them in X-Amz-Target).
    function Get-RecordedOperation {
        @(Get-MotoRecordedRequest $moto) | ForEach-Object { "$($_.headers.'X-Amz-Target') $($_.url)" }
    }
}

AfterAll {
    Remove-Module RootGuard -Force -ErrorAction SilentlyContinue
    Stop-MotoServer $moto
    Remove-Item $recording -ErrorAction SilentlyContinue
}

Describe 'Repair-RootAccountSecurity' {
    BeforeEach { Reset-MotoServer $moto }

    It 'lists the contact it would register with -WhatIf, and registers nothing' {
        $result = Repair-RootAccountSecurity -CheckId RG.ROOT.7 -SecurityContact $contact @aws -WhatIf

        $result.Fix | Should -Be 'SecurityContact'
        "$($result.Action)" | Should -Be 'WhatIf'
        $result.Changes.Description | Should -Match 'Register Security team \(Security\) <security@example.com>'
        Get-SecurityContact | Should -BeNullOrEmpty
    }

    It 'registers the contact with -Force, without a question, and RG.ROOT.7 passes when assessed again' {
        $result = Repair-RootAccountSecurity -CheckId RG.ROOT.7 -SecurityContact $contact @aws -Force

        "$($result.Action)" | Should -Be 'Repaired'
        $result.Status | Should -Be 'RG.ROOT.7=Pass'
        $registered = Get-SecurityContact
        $registered.EmailAddress | Should -Be 'security@example.com'
        $registered.PhoneNumber | Should -Be '+1 555 0100'
    }

    It 'finds nothing to repair the second time and makes no change' {
        $null = Repair-RootAccountSecurity -CheckId RG.ROOT.7 -SecurityContact $contact @aws -Force
        Start-MotoRecording $moto
        try {
            $second = Repair-RootAccountSecurity -CheckId RG.ROOT.7 -SecurityContact $contact @aws -Force -InformationVariable info

            $second | Should -BeNullOrEmpty
            "$info" | Should -Be 'No failed finding to repair.'
            $operations = (Get-RecordedOperation) -join "`n"
            $operations | Should -Match 'getAlternateContact' -Because 'the assessment reads the contact'
            $operations | Should -Not -Match 'putAlternateContact'
        }
        finally {
            Stop-MotoRecording $moto
        }
    }

    It 'skips the contact with a warning naming -SecurityContact when it is not given' {
        $result = Repair-RootAccountSecurity -CheckId RG.ROOT.7 @aws -Force -WarningVariable warnings -WarningAction SilentlyContinue

        "$($result.Action)" | Should -Be 'Skipped'
        $result.Status | Should -Be 'RG.ROOT.7=Fail'
        "$warnings" | Should -Match 'needs -SecurityContact'
        Get-SecurityContact | Should -BeNullOrEmpty
    }

    It 'refuses a contact AWS would refuse before any request, naming the value' {
        Start-MotoRecording $moto
        try {
            { Repair-RootAccountSecurity -SecurityContact @{ Name = 'Team'; Title = 'Security'; EmailAddress = 'not-an-address'; PhoneNumber = '1' } @aws -Force -ErrorAction Stop } |
                Should -Throw -ErrorId 'RootGuard.InvalidSecurityContact*' -ExpectedMessage "*EmailAddress 'not-an-address'*"
            @(Get-MotoRecordedRequest $moto) | Should -BeNullOrEmpty
        }
        finally {
            Stop-MotoRecording $moto
        }
    }
}
