#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
.SYNOPSIS
    Pester 5 help tests for RootGuard: every exported cmdlet has a synopsis, a description and examples with code,
    and every parameter a description.
.DESCRIPTION
    Tests the built module folder: $env:ROOTGUARD_MANIFEST if set, otherwise out/RootGuard/<version>/RootGuard.psd1
    from the repository root. Run after 'dotnet build RootGuard.PowerShell.sln':
        Invoke-Pester -Path ./tests/Pester -Output Detailed
    Runs in Windows PowerShell 5.1 too (CI does), so it keeps to 5.1's language.
#>

BeforeDiscovery {
    $manifestPath = if ($env:ROOTGUARD_MANIFEST) { $env:ROOTGUARD_MANIFEST } else {
        Get-ChildItem -Path (Join-Path $PSScriptRoot '../../out/RootGuard') -Filter RootGuard.psd1 -Recurse -ErrorAction SilentlyContinue |
            Select-Object -First 1 -ExpandProperty FullName
    }
    if (-not $manifestPath) { throw 'The RootGuard module is not built: run dotnet build RootGuard.PowerShell.sln first.' }

    Import-Module $manifestPath -Force -ErrorAction Stop
    $commonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters

    # Discovered from the module, so a cmdlet added later is tested without touching this file.
    $cmdlets = foreach ($command in Get-Command -Module RootGuard -CommandType Cmdlet) {
        @{
            Name       = $command.Name
            # Common parameters are documented by PowerShell; DontShow ones are hidden from help on purpose.
            Parameters = @($command.Parameters.Values |
                    Where-Object { $_.Name -notin $commonParameters } |
                    Where-Object { -not ($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow }) } |
                    ForEach-Object {
                        $type = $_.ParameterType
                        if ($type.IsGenericType -and $type.GetGenericTypeDefinition() -eq [Nullable`1]) { $type = $type.GetGenericArguments()[0] }
                        # Required in the parameters section when every set that has it makes it mandatory.
                        $sets = @($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
                        @{
                            CommandName   = $command.Name
                            ParameterName = $_.Name
                            TypeName      = $type.Name
                            Mandatory     = $sets.Count -gt 0 -and @($sets | Where-Object { -not $_.Mandatory }).Count -eq 0
                        }
                    })
        }
    }
}

BeforeAll {
    $manifestPath = if ($env:ROOTGUARD_MANIFEST) { $env:ROOTGUARD_MANIFEST } else {
        Get-ChildItem -Path (Join-Path $PSScriptRoot '../../out/RootGuard') -Filter RootGuard.psd1 -Recurse |
            Select-Object -First 1 -ExpandProperty FullName
    }
    Import-Module $manifestPath -Force -ErrorAction Stop
}

Describe 'Help for <Name>' -ForEach $cmdlets {
    BeforeAll {
        $help = Get-Help -Name $Name -Full
    }

    It 'has a synopsis of its own, not the syntax PowerShell generates when help is missing' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "$Name*"
        $help.Synopsis | Should -Not -BeLike '*<CommonParameters>*'
    }

    It 'has a description' {
        ($help.Description | ForEach-Object { $_.Text }) -join ' ' | Should -Not -BeNullOrEmpty
    }

    It 'has at least one example' {
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
    }

    It 'has code in every example' {
        foreach ($example in @($help.Examples.Example)) {
            [string]$example.Code | Should -Not -BeNullOrEmpty -Because "$($example.Title.Trim('- ')) of $Name should show what to type"
        }
    }

    Context 'Parameter -<ParameterName>' -ForEach $Parameters {
        It 'has a description' {
            $entry = $help.Parameters.Parameter | Where-Object Name -EQ $ParameterName
            $entry | Should -Not -BeNullOrEmpty -Because "the help of $CommandName should list -$ParameterName"
            ((@($entry.Description) | ForEach-Object { $_.Text }) -join ' ').Trim() | Should -Not -BeNullOrEmpty
        }

        # Stale help (a parameter renamed, retyped or made mandatory after the help was written) shows up here.
        It 'has the type and mandatory flag the cmdlet gives it' {
            $entry = $help.Parameters.Parameter | Where-Object Name -EQ $ParameterName
            $entry.Type.Name | Should -Be $TypeName
            ($entry.Required -eq 'true') | Should -Be $Mandatory
        }
    }
}

Describe 'The about_RootGuard topic' {
    BeforeAll {
        $manifestPath = if ($env:ROOTGUARD_MANIFEST) { $env:ROOTGUARD_MANIFEST } else {
            Get-ChildItem -Path (Join-Path $PSScriptRoot '../../out/RootGuard') -Filter RootGuard.psd1 -Recurse -ErrorAction SilentlyContinue |
                Select-Object -First 1 -ExpandProperty FullName
        }
        Import-Module $manifestPath -Force -ErrorAction Stop
        $topic = Get-Help about_RootGuard -ErrorAction Stop | Out-String
    }

    It 'is found by Get-Help once the module is imported' {
        $topic | Should -Match 'about_RootGuard'
    }

    It 'names every check id the module runs' {
        foreach ($id in 1..8 | ForEach-Object { "RG.ROOT.$_" }) { $topic | Should -Match ([regex]::Escape($id)) }
    }

    It 'explains the ownership tags and where the IAM policies are' {
        $topic | Should -Match 'ManagedBy = RootGuard'
        $topic | Should -Match 'docs/iam-policies.md'
    }

    It 'points at the help of every exported cmdlet' {
        foreach ($name in (Get-Command -Module RootGuard -CommandType Cmdlet).Name) {
            $topic | Should -Match ([regex]::Escape("Get-Help $name")) -Because "$name is exported"
        }
    }
}
