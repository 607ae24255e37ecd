#
# Module manifest for RootGuard.
# ModuleVersion is filled in by the build from Directory.Build.props (the one version source);
# the built, importable copy of this file is out/RootGuard/<version>/RootGuard.psd1.
#
@{
    RootModule             = 'RootGuard.PowerShell.dll'
    ModuleVersion          = '0.0.0'
    GUID                   = '4f7e2c1a-9b3d-4e8f-a6c5-2d1b0e9f8a73'
    Author                 = 'RootGuard contributors'
    CompanyName            = 'RootGuard'
    Copyright              = '(c) 2026 RootGuard contributors. Apache License 2.0.'
    Description            = 'Locks down and watches the AWS root user: EventBridge sign-in alerts, the CIS root-usage metric filter and alarm, and a posture assessment with CIS and AWS Foundational Security Best Practices references.'
    CompatiblePSEditions   = @('Desktop', 'Core')
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @(
        'RootGuard.Format.ps1xml'
        'Formats/AccountSummary.Format.ps1xml'
        'Formats/Finding.Format.ps1xml'
        'Formats/MonitorTestResult.Format.ps1xml'
        'Formats/RootGuardResource.Format.ps1xml'
        'Formats/RootMonitor.Format.ps1xml'
        'Formats/SignInAlert.Format.ps1xml'
        'Formats/UsageAlarm.Format.ps1xml'
        'Formats/RepairResult.Format.ps1xml'
        'Formats/ResourceChange.Format.ps1xml'
    )
    CmdletsToExport        = @(
        'Export-RootGuardTemplate'
        'Get-RootGuardContext'
        'Get-RootMonitoring'
        'New-RootSignInAlert'
        'New-RootUsageAlarm'
        'Remove-RootMonitoring'
        'Repair-RootAccountSecurity'
        'Send-RootMonitoringTest'
        'Test-RootAccountSecurity'
    )
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('AWS', 'Security', 'RootUser', 'CIS', 'CloudTrail', 'EventBridge', 'CloudWatch', 'Compliance', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/rootguard/RootGuard'
            LicenseUri   = 'https://github.com/rootguard/RootGuard/blob/main/LICENSE'
            ReleaseNotes = 'See CHANGELOG.md in the project repository.'
        }
    }
}
