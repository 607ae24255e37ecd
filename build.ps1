<#
.SYNOPSIS
    Builds the RootGuard module folder and, optionally, tests and packages it.
.DESCRIPTION
    Run it with the pinned PowerShell from the repository's tool manifest:
        dotnet tool restore
        dotnet pwsh -NoProfile -File build.ps1 -Test
    The build of src/RootGuard.PowerShell lays the module out at out/RootGuard/<version>/ (the version comes from
    Directory.Build.props). -Test runs the xunit suites (dotnet test) and then the Pester behaviour suite in a new
    pwsh process against the built folder. -Package writes the .nupkg the PowerShell Gallery takes to out/packages,
    through a local PSResourceGet repository.
.EXAMPLE
    dotnet pwsh -NoProfile -File build.ps1 -Test
.EXAMPLE
    dotnet pwsh -NoProfile -File build.ps1 -Configuration Release -Package
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',
    [switch] $Test,
    [switch] $Package
)

$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

dotnet build RootGuard.PowerShell.sln -c $Configuration -nologo
if ($LASTEXITCODE -ne 0) { throw "dotnet build failed ($LASTEXITCODE)" }

$manifest = Get-ChildItem -Path (Join-Path $PSScriptRoot 'out/RootGuard') -Filter RootGuard.psd1 -Recurse | Select-Object -First 1
Test-ModuleManifest -Path $manifest.FullName | Out-Null
Write-Host "Module folder: $($manifest.DirectoryName)"

if ($Test) {
    $failures = @()
    dotnet test RootGuard.PowerShell.sln -c $Configuration --no-build --nologo
    if ($LASTEXITCODE -ne 0) { $failures += "dotnet test ($LASTEXITCODE)" }

    # A fresh pwsh, so the suite imports the module as a user's session does, not into this build's session.
    $env:ROOTGUARD_MANIFEST = $manifest.FullName
    dotnet tool run pwsh -- -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'tests/Pester/Invoke-RootGuardPester.ps1')
    if ($LASTEXITCODE -ne 0) { $failures += "Pester ($LASTEXITCODE)" }

    if ($failures) { throw "Tests failed: $($failures -join ', ')" }
}

if ($Package) {
    $packages = Join-Path $PSScriptRoot 'out/packages'
    New-Item -ItemType Directory -Force -Path $packages | Out-Null
    $repository = 'RootGuardBuild'
    if (Get-PSResourceRepository -Name $repository -ErrorAction SilentlyContinue) { Unregister-PSResourceRepository -Name $repository }
    Register-PSResourceRepository -Name $repository -Uri $packages -Trusted
    try {
        Publish-PSResource -Path $manifest.DirectoryName -Repository $repository
        Get-ChildItem $packages -Filter 'RootGuard.*.nupkg' | ForEach-Object { Write-Host "Package: $($_.FullName)" }
    }
    finally {
        Unregister-PSResourceRepository -Name $repository
    }
}
