# Behaviour of Export-RootGuardTemplate in a real pwsh: the template cfn-lint accepts, what each switch leaves in
# or out, and -Path. That the deployed template makes what the live cmdlets make is pinned in the xunit suite
# (tests/RootGuard.PowerShell.Tests/Templates), which deploys it to moto's CloudFormation.
BeforeDiscovery {
    $variants = @(
        @{ Variant = 'both monitors (the default)'; Arguments = @{} }
        @{ Variant = 'the sign-in alert only'; Arguments = @{ Component = 'SignInAlert' } }
        @{ Variant = 'the usage alarm only'; Arguments = @{ Component = 'UsageAlarm' } }
        @{ Variant = 'raw messages for successful sign-ins only'; Arguments = @{ MessageFormat = 'Raw'; SuccessOnly = $true } }
        @{ Variant = 'Chatbot messages and the non-CIS filter'; Arguments = @{ MessageFormat = 'Chatbot'; ExcludeCentralizedRootSession = $true } }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/RootGuard.TestSupport.psm1') -Force
    Import-Module (Get-RootGuardManifestPath) -Force
    $folder = New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "rootguard-template-$([guid]::NewGuid().ToString('n'))")
}

AfterAll {
    Remove-Module RootGuard -Force -ErrorAction SilentlyContinue
    Remove-Item -Recurse -Force $folder -ErrorAction SilentlyContinue
}

Describe 'Export-RootGuardTemplate' {
    Context 'validated by cfn-lint' -ForEach @(@{ AllVariants = $variants }) {
        BeforeAll {
            $cfnLint = Get-Command cfn-lint -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
            if (-not $cfnLint) { throw 'cfn-lint is needed to validate the template: pip install cfn-lint' }
            # One cfn-lint run for every variant (it takes seconds to start); its parseable lines start with the file.
            $files = @{}
            $index = 0
            foreach ($variant in $AllVariants) {
                $files[$variant.Variant] = Join-Path $folder "template-$((++$index)).json"
                $arguments = $variant.Arguments
                Export-RootGuardTemplate @arguments -Path $files[$variant.Variant]
            }
            $lint = & $cfnLint.Source --format parseable @($files.Values) 2>&1
            $lintExit = $LASTEXITCODE
        }

        It 'accepts the template for <Variant>' -ForEach $variants {
            Test-Path $files[$Variant] | Should -BeTrue
            $problems = @($lint | Where-Object { "$_".StartsWith($files[$Variant]) })
            $problems | Should -BeNullOrEmpty
        }

        It 'ran and reported success' {
            $lintExit | Should -Be 0 -Because ($lint -join [Environment]::NewLine)
        }
    }

    It 'needs no credentials and no region, because it calls no AWS API' {
        $saved = Get-ChildItem Env:AWS_* | ForEach-Object { @{ Name = $_.Name; Value = $_.Value } }
        try {
            Get-ChildItem Env:AWS_* | Remove-Item
            $env:AWS_SHARED_CREDENTIALS_FILE = Join-Path $folder 'no-credentials'
            $env:AWS_CONFIG_FILE = Join-Path $folder 'no-config'

            $template = Export-RootGuardTemplate -ErrorAction Stop
        }
        finally {
            Get-ChildItem Env:AWS_* | Remove-Item
            foreach ($variable in $saved) { Set-Item "Env:$($variable.Name)" $variable.Value }
        }

        $template | Should -BeOfType [string]
        ($template | ConvertFrom-Json).Resources | Should -Not -BeNullOrEmpty
    }

    It 'leaves the usage alarm and its log group parameter out with -Component SignInAlert' {
        $template = Export-RootGuardTemplate -Component SignInAlert | ConvertFrom-Json

        @($template.Resources.PSObject.Properties.Name | Sort-Object) | Should -Be @('NotificationTopic', 'NotificationTopicPolicy', 'RootSignInRule')
        $template.Parameters.PSObject.Properties.Name | Should -Not -Contain 'LogGroupName'
    }

    It 'puts the CIS filter pattern in the template, and the non-CIS one only with -ExcludeCentralizedRootSession' {
        $cis = (Export-RootGuardTemplate -Component UsageAlarm | ConvertFrom-Json).Resources.RootUsageMetricFilter.Properties.FilterPattern
        $narrow = (Export-RootGuardTemplate -Component UsageAlarm -ExcludeCentralizedRootSession | ConvertFrom-Json).Resources.RootUsageMetricFilter.Properties.FilterPattern

        $cis | Should -BeExactly '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }'
        $narrow | Should -Not -Be $cis
    }

    It 'writes the file with -Path, writes nothing with -WhatIf, and keeps an existing file unless -Force (RootGuard.FileExists)' {
        $file = Join-Path $folder 'rootguard.json'

        Export-RootGuardTemplate -Path $file -WhatIf | Should -BeNullOrEmpty
        Test-Path $file | Should -BeFalse

        Export-RootGuardTemplate -Path $file | Should -BeNullOrEmpty
        (Get-Content -Raw $file | ConvertFrom-Json).Resources.RootUsageAlarm | Should -Not -BeNullOrEmpty

        { Export-RootGuardTemplate -Component SignInAlert -Path $file -ErrorAction Stop } | Should -Throw -ErrorId 'RootGuard.FileExists,*'
        (Get-Content -Raw $file | ConvertFrom-Json).Resources.RootUsageAlarm | Should -Not -BeNullOrEmpty

        Export-RootGuardTemplate -Component SignInAlert -Path $file -Force
        (Get-Content -Raw $file | ConvertFrom-Json).Resources.PSObject.Properties.Name | Should -Not -Contain 'RootUsageAlarm'
    }
}
