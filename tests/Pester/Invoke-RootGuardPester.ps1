<#
.SYNOPSIS
    Runs the Pester behaviour suite (tests/Pester) with the pinned Pester 5.9.1 against the built module.
.DESCRIPTION
    Pester comes from its NuGet package (restored by the solution: tests/RootGuard.PowerShell.Tests downloads it),
    never from whatever Pester the machine has, so every machine runs the same one. Each test file starts its own
    moto server. Results are also written as NUnit XML to out/test-results/ (pester.xml unless -ResultFile) for CI.
    Runs in Windows PowerShell 5.1 too, for the module and help tests (CI does).
.EXAMPLE
    dotnet pwsh -NoProfile -File tests/Pester/Invoke-RootGuardPester.ps1 -Path tests/Pester/NewRootSignInAlert.Tests.ps1
#>
[CmdletBinding()]
param(
    [string[]] $Path = @($PSScriptRoot),
    [string] $Output = 'Normal',
    [string[]] $FullNameFilter,
    [string] $ResultFile = 'pester.xml'
)

$ErrorActionPreference = 'Stop'
$pesterVersion = '5.9.1'

$globalPackages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else {
    ((dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
}
$pesterManifest = Join-Path $globalPackages "pester/$pesterVersion/tools/Pester.psd1"
if (-not (Test-Path $pesterManifest)) {
    throw "Pester $pesterVersion is not restored at ${pesterManifest}: run 'dotnet restore RootGuard.PowerShell.sln' first."
}
Import-Module $pesterManifest -Force

$repositoryRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$resultsFolder = Join-Path $repositoryRoot 'out/test-results'
New-Item -ItemType Directory -Force -Path $resultsFolder | Out-Null

$configuration = New-PesterConfiguration
$configuration.Run.Path = $Path
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = $Output
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = Join-Path $resultsFolder $ResultFile
if ($FullNameFilter) { $configuration.Filter.FullName = $FullNameFilter }

$result = Invoke-Pester -Configuration $configuration
"Pester: $($result.PassedCount) passed, $($result.FailedCount) failed, $($result.SkippedCount) skipped, in $([int]$result.Duration.TotalSeconds) s"
if ($result.Result -ne 'Passed') { exit 1 }
