# Behaviour of Get-RootGuardContext in a real pwsh. It calls no AWS API, so no moto here. The full resolution order
# (literal keys, -Credential, profiles, session defaults, environment) is pinned in the xunit suite
# (tests/RootGuard.PowerShell.Tests/Foundation/ConnectionResolutionTests.cs).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/RootGuard.TestSupport.psm1') -Force
    Import-Module (Get-RootGuardManifestPath) -Force
    $folder = New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "rootguard-context-$([guid]::NewGuid().ToString('n'))")

    # This file's environment: keys in the environment, no region, and no shared files from the machine running it.
    $saved = Get-ChildItem Env:AWS_* | ForEach-Object { @{ Name = $_.Name; Value = $_.Value } }
    Get-ChildItem Env:AWS_* | Remove-Item
    $env:AWS_ACCESS_KEY_ID = 'AKIAENVIRONMENT'
    $env:AWS_SECRET_ACCESS_KEY = 'environment-secret'
    $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $folder 'credentials'
    $env:AWS_CONFIG_FILE = Join-Path $folder 'config'
    $env:AWS_EC2_METADATA_DISABLED = 'true'
}

AfterAll {
    Get-ChildItem Env:AWS_* | Remove-Item
    foreach ($variable in $saved) { Set-Item "Env:$($variable.Name)" $variable.Value }
    Remove-Module RootGuard -Force -ErrorAction SilentlyContinue
    Remove-Item -Recurse -Force $folder -ErrorAction SilentlyContinue
}

Describe 'Get-RootGuardContext' {
    It 'says the credentials came from the environment and the region from -Region, with its partition and home region' {
        $context = Get-RootGuardContext -Region eu-west-1

        $context.PSObject.TypeNames | Should -Contain 'RootGuard.RootGuardContext'
        $context.CredentialSource | Should -Be 'Environment'
        $context.Region | Should -Be 'eu-west-1'
        $context.RegionSource | Should -Be 'Parameter'
        $context.Partition | Should -Be 'aws'
        $context.HomeRegion | Should -Be 'us-east-1'
        $context.EndpointUrl | Should -BeNullOrEmpty
    }

    It 'gives the partition and home region of a GovCloud region' {
        $context = Get-RootGuardContext -Region us-gov-west-1

        $context.Partition | Should -Be 'aws-us-gov'
        $context.HomeRegion | Should -Be 'us-gov-west-1'
    }

    It 'shows the context as a list with the endpoint it would call' {
        $text = Get-RootGuardContext -Region us-east-1 -EndpointUrl http://127.0.0.1:4566 | Out-String

        $lines = @($text -split '\r?\n' | Where-Object { $_.Trim() })
        @($lines | ForEach-Object { ($_ -split '\s*:\s*', 2)[0].Trim() }) |
            Should -Be @('Region', 'RegionSource', 'CredentialSource', 'Partition', 'HomeRegion', 'EndpointUrl')
        $text | Should -Match '(?m)^EndpointUrl\s+: http://127\.0\.0\.1:4566/?$'
    }

    It 'never shows a secret: not in its output, the JSON of it, verbose messages or errors' {
        $secret = 'Sup3rS3cretValue/abc'
        $token = 'TokenValue123'

        $ok = Get-RootGuardContext -AccessKey AKIAEXAMPLE -SecretKey $secret -SessionToken $token -Region us-east-1 -Verbose 4>&1
        # A bad region cannot go on: a terminating error.
        $failures = $null
        $bad = try { Get-RootGuardContext -AccessKey AKIAEXAMPLE -SecretKey $secret -Region nowhere -Verbose 4>&1 } catch { $failures = $_ }

        $verbose = @($ok; $bad) | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $output = @($ok) | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        $verbose | Should -Not -BeNullOrEmpty
        $output | Should -Not -BeNullOrEmpty
        $failures | Should -Not -BeNullOrEmpty
        # What RootGuard writes; the records' InvocationInfo is PowerShell's copy of the command line the user typed.
        $everything = @($output | Out-String) + @($output | ConvertTo-Json) + @($verbose.Message)
        $everything += $failures | ForEach-Object { $_ | Out-String; $_.Exception.ToString(); "$($_.ErrorDetails)"; $_.ErrorDetails.RecommendedAction }
        ($everything -join "`n") | Should -Not -Match ([regex]::Escape($secret))
        ($everything -join "`n") | Should -Not -Match $token
    }

    It 'rejects the region name <Region> with RootGuard.InvalidRegion, naming -Region' -ForEach @(
        @{ Region = 'bogus' }
        @{ Region = 'us-east-1x' }
        @{ Region = 'US-EAST-1' }
    ) {
        $caught = $null
        try { $null = Get-RootGuardContext -Region $Region -ErrorAction Stop } catch { $caught = $_ }

        $caught.FullyQualifiedErrorId | Should -BeLike 'RootGuard.InvalidRegion,*'
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $caught.CategoryInfo.TargetName | Should -Be 'Region'
    }

    It 'takes the credentials and region of a named profile over the environment''s (a fresh pwsh: AWSSDK reads the config file once per process)' {
        Set-Content -Path (Join-Path $folder 'credentials') -Value "[dev]`naws_access_key_id = AKIADEV`naws_secret_access_key = dev-secret"
        Set-Content -Path (Join-Path $folder 'config') -Value "[profile dev]`nregion = eu-central-1"

        $run = Invoke-FreshPwsh -Command "Import-Module '$(Get-RootGuardManifestPath)'; `$c = Get-RootGuardContext -ProfileName dev; `$c.CredentialSource + '|' + `$c.Region + '|' + `$c.RegionSource" -Environment @{ AWS_REGION = 'sa-east-1' }

        $run.ExitCode | Should -Be 0 -Because $run.Errors
        $run.Output | Should -Contain 'Profile:dev|eu-central-1|Profile:dev'
    }
}
