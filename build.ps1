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
    # The module folder is the package: the build lays out only what a user needs (no .pdb, no XML doc file), and
    # tests/Pester/RootGuard.Install.Tests.ps1 checks that the .nupkg holds exactly that folder.
    $packages = Join-Path $PSScriptRoot 'out/packages'
    New-Item -ItemType Directory -Force -Path $packages | Out-Null
    $version = (Test-ModuleManifest -Path $manifest.FullName).Version
    Remove-Item -Path (Join-Path $packages "RootGuard.$version.nupkg") -ErrorAction SilentlyContinue
    # PSResourceGet publishes only to a registered repository: a folder one, under a name no user has, for this call only.
    $repository = "RootGuardBuild-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
    Register-PSResourceRepository -Name $repository -Uri $packages -Trusted
    try {
        Publish-PSResource -Path $manifest.DirectoryName -Repository $repository
    }
    finally {
        Unregister-PSResourceRepository -Name $repository
    }
    $nupkg = Join-Path $packages "RootGuard.$version.nupkg"
    if (-not (Test-Path $nupkg)) { throw "Publish-PSResource did not write $nupkg" }
    Write-Host "Package: $nupkg"
}
