<#
.SYNOPSIS
    Builds the RootGuard module folder and, optionally, tests or publishes it.
.DESCRIPTION
    The module folder is laid out by the build of src/RootGuard.PowerShell at out/RootGuard/<version>/
    (the version comes from Directory.Build.props). This script is a convenience for machines with pwsh;
    everything it does is plain 'dotnet' underneath, so CI and machines without PowerShell use dotnet directly.
.EXAMPLE
    ./build.ps1 -Configuration Release -Test
.EXAMPLE
    ./build.ps1 -Configuration Release -Publish -NuGetApiKey $key
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    [switch] $Test,
    [switch] $Publish,
    [string] $NuGetApiKey,
    [string] $Repository = 'PSGallery'
)

$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

dotnet build RootGuard.PowerShell.sln -c $Configuration
if ($LASTEXITCODE -ne 0) { throw "dotnet build failed ($LASTEXITCODE)" }

$manifest = Get-ChildItem -Path (Join-Path $PSScriptRoot 'out/RootGuard') -Filter RootGuard.psd1 -Recurse | Select-Object -First 1
Test-ModuleManifest -Path $manifest.FullName | Out-Null
Write-Host "Module folder: $($manifest.DirectoryName)"

if ($Test) {
    dotnet test RootGuard.PowerShell.sln -c $Configuration --no-build
    if ($LASTEXITCODE -ne 0) { throw "dotnet test failed ($LASTEXITCODE)" }
}

if ($Publish) {
    if (-not $NuGetApiKey) { throw 'Publishing needs -NuGetApiKey.' }
    Publish-Module -Path $manifest.DirectoryName -Repository $Repository -NuGetApiKey $NuGetApiKey
}
