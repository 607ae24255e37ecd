#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
.SYNOPSIS
    Pester 5 tests for the RootGuard module folder: a valid manifest, the cmdlets it promises, and side-by-side
    loading with AWS Tools for PowerShell.
.DESCRIPTION
    Tests $env:ROOTGUARD_MANIFEST if set, otherwise out/RootGuard/<version>/RootGuard.psd1 from the repository root.
    Runs in Windows PowerShell 5.1 too (CI does, for the AssemblyResolve path), so it keeps to 5.1's language.
        Invoke-Pester -Path ./tests/Pester -Output Detailed
#>

BeforeDiscovery {
    $hasAwsToolsCommon = [bool](Get-Module -ListAvailable -Name AWS.Tools.Common)
}

BeforeAll {
    $manifestPath = if ($env:ROOTGUARD_MANIFEST) { $env:ROOTGUARD_MANIFEST } else {
        Get-ChildItem -Path (Join-Path $PSScriptRoot '../../out/RootGuard') -Filter RootGuard.psd1 -Recurse |
            Select-Object -First 1 -ExpandProperty FullName
    }
    if (-not $manifestPath) { throw 'The RootGuard module is not built: run dotnet build RootGuard.PowerShell.sln first.' }
}

Describe 'The module manifest' {
    BeforeAll {
        $manifest = Test-ModuleManifest -Path $manifestPath -ErrorAction Stop
    }

    It 'passes Test-ModuleManifest' {
        $manifest | Should -Not -BeNullOrEmpty
        $manifest.Name | Should -Be 'RootGuard'
    }

    It 'loads the cmdlet assembly as its root module' {
        $manifest.RootModule | Should -Be 'RootGuard.PowerShell.dll'
    }

    It 'has the version of the folder it is in' {
        $manifest.Version.ToString() | Should -Be (Split-Path -Leaf (Split-Path -Parent $manifestPath))
        $manifest.Version.ToString() | Should -Not -Be '0.0.0'
    }

    It 'declares both editions, from Windows PowerShell 5.1 on .NET Framework 4.7.2' {
        @($manifest.CompatiblePSEditions) | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion.ToString() | Should -Be '5.1'
        $manifest.DotNetFrameworkVersion.ToString() | Should -Be '4.7.2'
    }

    It 'carries the Gallery metadata: tags for AWS and both editions, project and license links' {
        $manifest.Tags | Should -Contain 'AWS'
        $manifest.Tags | Should -Contain 'PSEdition_Core'
        $manifest.Tags | Should -Contain 'PSEdition_Desktop'
        $manifest.ProjectUri | Should -Not -BeNullOrEmpty
        $manifest.LicenseUri | Should -Not -BeNullOrEmpty
    }

    It 'exports no functions, aliases or variables' {
        $manifest.ExportedFunctions.Count | Should -Be 0
        $manifest.ExportedAliases.Count | Should -Be 0
        $manifest.ExportedVariables.Count | Should -Be 0
    }
}

Describe 'The exported cmdlets' {
    BeforeAll {
        $declared = (Test-ModuleManifest -Path $manifestPath -ErrorAction Stop).ExportedCmdlets.Keys
        $module = Import-Module $manifestPath -Force -PassThru -ErrorAction Stop
    }

    AfterAll {
        Remove-Module -Name RootGuard -Force -ErrorAction SilentlyContinue
    }

    It 'are exactly the cmdlets the manifest lists' {
        $exported = (Get-Command -Module RootGuard -CommandType Cmdlet).Name
        @($exported | Sort-Object) | Should -Be @($declared | Sort-Object)
    }

    It 'are all implemented by the module, none missing from the assembly' {
        foreach ($name in $declared) {
            Get-Command -Name $name -Module RootGuard -ErrorAction SilentlyContinue | Should -Not -BeNullOrEmpty -Because "the manifest lists $name"
        }
    }

    It 'run in this edition of PowerShell: the AWS SDK loads from the module''s Dependencies folder' {
        $context = Get-RootGuardContext -AccessKey AKIAEXAMPLE -SecretKey example -Region eu-west-1

        $context.CredentialSource | Should -Be 'AccessKey'
        $context.HomeRegion | Should -Be 'us-east-1'
        $sdk = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'AWSSDK.Core' -and $_.Location -like "*$([IO.Path]::DirectorySeparatorChar)Dependencies$([IO.Path]::DirectorySeparatorChar)*" }
        $sdk | Should -Not -BeNullOrEmpty
    }

    It 'use approved verbs' {
        $approved = (Get-Verb).Verb
        foreach ($command in Get-Command -Module RootGuard) {
            $command.Verb | Should -BeIn $approved -Because "$($command.Name) should use an approved verb"
        }
    }
}

Describe 'Loading next to AWS Tools for PowerShell' -Skip:(-not $hasAwsToolsCommon) {
    # AWS.Tools.Common brings its own AWSSDK.Core; RootGuard keeps its copy in a load context of its own.
    BeforeAll {
        # A fresh process of this PowerShell: the pinned dotnet tool runs as 'dotnet <PSHOME>/pwsh.dll'.
        function Invoke-ThisPowerShell([string] $script) {
            $executable = [System.Diagnostics.Process]::GetCurrentProcess().Path
            $prefix = @()
            if ([IO.Path]::GetFileNameWithoutExtension($executable) -eq 'dotnet') { $prefix = @(Join-Path $PSHOME 'pwsh.dll') }
            & $executable @prefix -NoProfile -NonInteractive -Command $script 2>&1
        }
    }

    It 'imports after AWS.Tools.Common without an assembly conflict' {
        $script = "Import-Module AWS.Tools.Common -ErrorAction Stop; Import-Module '$manifestPath' -ErrorAction Stop; (Get-Command -Module RootGuard).Count"
        $output = Invoke-ThisPowerShell $script
        $LASTEXITCODE | Should -Be 0 -Because ($output -join [Environment]::NewLine)
        [int]($output | Select-Object -Last 1) | Should -BeGreaterThan 0
    }

    It 'resolves the context with the AWS Tools session defaults in place' {
        $script = "Import-Module AWS.Tools.Common -ErrorAction Stop; Import-Module '$manifestPath' -ErrorAction Stop; " +
            "Set-DefaultAWSRegion -Region eu-west-1; " +
            "(Get-RootGuardContext -AccessKey AKIAEXAMPLE -SecretKey example).Region"
        $output = Invoke-ThisPowerShell $script
        $LASTEXITCODE | Should -Be 0 -Because ($output -join [Environment]::NewLine)
        $output | Select-Object -Last 1 | Should -Be 'eu-west-1'
    }
}
