<#
.SYNOPSIS
    RootGuard end to end against an AWS endpoint (moto in the offline demo): assess, monitor, assess again, remove.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EndpointUrl
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$aws = @{ EndpointUrl = $EndpointUrl; AccessKey = 'testing'; SecretKey = 'testing'; Region = 'us-east-1' }

function Show([string] $title) { "`n===== $title =====" }

Show 'Where RootGuard will act'
Get-RootGuardContext @aws

if (Get-Command Test-RootAccountSecurity -ErrorAction SilentlyContinue) {
    Show 'Posture before (Test-RootAccountSecurity)'
    Test-RootAccountSecurity @aws | ForEach-Object { '{0,-14} {1,-10} {2}' -f $_.Status, $_.CheckId, $_.Reason }
}

if (Get-Command New-RootSignInAlert -ErrorAction SilentlyContinue) {
    Show 'New-RootSignInAlert: root console sign-in -> EventBridge -> SNS e-mail'
    $alert = New-RootSignInAlert @aws -EmailAddress 'security@example.com' -Confirm:$false
    $alert
    $alert.Changes | ForEach-Object { '  {0,-10} {1} {2}' -f $_.Change, $_.ResourceType, $_.Name }

    Show 'Running it again changes nothing'
    (New-RootSignInAlert @aws -EmailAddress 'security@example.com' -Confirm:$false).Changes |
        ForEach-Object { '  {0,-10} {1} {2}' -f $_.Change, $_.ResourceType, $_.Name }
}

if (Get-Command New-RootUsageAlarm -ErrorAction SilentlyContinue) {
    Show 'New-RootUsageAlarm: the CIS root usage metric filter and alarm on the trail''s log group'
    $alarm = New-RootUsageAlarm @aws -EmailAddress 'security@example.com' -Confirm:$false
    $alarm
    $alarm.Changes | ForEach-Object { '  {0,-10} {1} {2}' -f $_.Change, $_.ResourceType, $_.Name }
}

if (Get-Command Test-RootAccountSecurity -ErrorAction SilentlyContinue) {
    Show 'Posture after (moto confirms e-mail subscriptions at once; in a real account they wait for the inbox)'
    Test-RootAccountSecurity @aws | ForEach-Object { '{0,-14} {1,-10} {2}' -f $_.Status, $_.CheckId, $_.Reason }
}

Show 'Remove-RootMonitoring -WhatIf, then for real'
Remove-RootMonitoring @aws -WhatIf
Remove-RootMonitoring @aws -Force -PassThru | ForEach-Object { '  {0,-10} {1} {2}' -f $_.Change, $_.ResourceType, $_.Name }
