<#
.SYNOPSIS
    RootGuard end to end against an AWS endpoint (moto in the offline demo): assess, add both monitors, run both
    again (nothing changes), assess again, list what RootGuard made, remove it.
.DESCRIPTION
    demo/run.sh runs this in the pinned pwsh (dotnet pwsh) against moto. Any error stops the demo: a failing step is
    a failing demo, never a skipped one.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $EndpointUrl
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module $ModulePath
$aws = @{ EndpointUrl = $EndpointUrl; AccessKey = 'testing'; SecretKey = 'testing'; Region = 'us-east-1' }

function Show([string] $title) { "`n===== $title =====" }
function Show-Changes($changes) { $changes | ForEach-Object { '  {0,-10} {1} {2}' -f $_.Change, $_.ResourceType, $_.Name } }
function Show-Findings { Test-RootAccountSecurity @aws | ForEach-Object { '{0,-14} {1,-10} {2}' -f $_.Status, $_.CheckId, $_.Reason } }

Show 'Where RootGuard will act (Get-RootGuardContext)'
Get-RootGuardContext @aws | Out-String

Show 'Posture before (Test-RootAccountSecurity)'
Show-Findings

Show 'New-RootSignInAlert: root console sign-in -> EventBridge -> SNS e-mail'
$alert = New-RootSignInAlert @aws -EmailAddress 'security@example.com' -Confirm:$false
$alert | Out-String

Show 'New-RootUsageAlarm, given the alert: the CIS root usage filter and alarm on the trail''s log group, same topic'
$alarm = $alert | New-RootUsageAlarm @aws -Confirm:$false
$alarm | Out-String

Show 'Running both again changes nothing'
Show-Changes (New-RootSignInAlert @aws -EmailAddress 'security@example.com' -Confirm:$false).Changes
Show-Changes (New-RootUsageAlarm @aws -TopicArn $alert.TopicArn -Confirm:$false).Changes

Show 'Posture after (moto confirms e-mail subscriptions at once; in a real account they wait for the inbox)'
Show-Findings

Show 'What RootGuard made, and whether each monitor reaches people (Get-RootMonitoring)'
Get-RootMonitoring @aws | Out-String
Get-RootMonitoring -Resource @aws | Out-String

Show 'Proving it without signing in as root (Send-RootMonitoringTest: a test alert to the topic, the alarm set to ALARM)'
Send-RootMonitoringTest @aws | Out-String

Show 'Remove-RootMonitoring -WhatIf, then for real'
Remove-RootMonitoring @aws -WhatIf
Show-Changes (Remove-RootMonitoring @aws -Force -PassThru)
$left = @(Get-RootMonitoring @aws -WarningAction SilentlyContinue)
if ($left.Count -ne 0) { throw "Remove-RootMonitoring left $($left.Count) resource(s) behind." }
'  nothing of RootGuard''s is left'
