<#
.SYNOPSIS
    What the Pester behaviour suite needs around the module: the built manifest, a moto server per test file,
    and boto3 seeding of what a real account already has.
.DESCRIPTION
    Each behaviour file starts its own moto on a free loopback port in BeforeAll and stops it in AfterAll:
        BeforeAll {
            Import-Module (Join-Path $PSScriptRoot 'TestSupport/RootGuard.TestSupport.psm1') -Force
            $moto = Start-MotoServer
            Import-Module (Get-RootGuardManifestPath) -Force
        }
        AfterAll { Stop-MotoServer $moto }
    The server runs under a Python wrapper that exits when its parent pwsh dies, so none outlives a killed run.
    Credentials are moto's (testing/testing) through the environment, as a runbook would give them.
#>

Set-StrictMode -Version Latest

$script:RepositoryRoot = (Resolve-Path (Join-Path $PSScriptRoot '../../..')).Path

# moto in this process; a watcher ends it when stdin closes or the parent process goes away.
$script:MotoWrapper = @'
import os, sys, threading, logging
from moto.server import main
parent = os.getppid()
def watch_stdin():
    try:
        while sys.stdin.buffer.read(1): pass
    except Exception: pass
    os._exit(0)
def watch_parent():
    import time
    while True:
        time.sleep(1)
        if os.getppid() != parent: os._exit(0)
threading.Thread(target=watch_stdin, daemon=True).start()
threading.Thread(target=watch_parent, daemon=True).start()
logging.getLogger("werkzeug").setLevel(logging.ERROR)
main(["-H", "127.0.0.1", "-p", sys.argv[1]])
'@

function Get-RootGuardManifestPath {
    <# The module under test: $env:ROOTGUARD_MANIFEST, else the built folder out/RootGuard/<version>/. #>
    if ($env:ROOTGUARD_MANIFEST) { return $env:ROOTGUARD_MANIFEST }
    $manifest = Get-ChildItem -Path (Join-Path $script:RepositoryRoot 'out/RootGuard') -Filter RootGuard.psd1 -Recurse -ErrorAction SilentlyContinue |
        Select-Object -First 1 -ExpandProperty FullName
    if (-not $manifest) { throw 'The RootGuard module is not built: run dotnet build RootGuard.PowerShell.sln first.' }
    $manifest
}

function Get-RepositoryRoot { $script:RepositoryRoot }

function Get-PythonPath {
    if ($env:ROOTGUARD_PYTHON) { return $env:ROOTGUARD_PYTHON }
    foreach ($name in 'python3', 'python') {
        $command = Get-Command $name -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        if ($command) { return $command.Source }
    }
    throw 'Python 3 with moto[server] is needed for the behaviour suite: pip install "moto[server]".'
}

function Get-FreeTcpPort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Start-MotoServer {
    <#
    .SYNOPSIS Starts moto on a free loopback port, sets moto's credentials and us-east-1 in the environment, and
    returns an object with Endpoint (no trailing slash) and the process. Stop it with Stop-MotoServer.
    #>
    [CmdletBinding()]
    param([hashtable] $Environment = @{})

    $port = Get-FreeTcpPort
    $start = [System.Diagnostics.ProcessStartInfo]::new((Get-PythonPath))
    $start.ArgumentList.Add('-c')
    $start.ArgumentList.Add($script:MotoWrapper)
    $start.ArgumentList.Add([string]$port)
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    foreach ($key in $Environment.Keys) { $start.Environment[$key] = [string]$Environment[$key] }
    $process = [System.Diagnostics.Process]::Start($start)
    # Drain the pipes so a chatty server never blocks on a full buffer.
    $null = $process.StandardOutput.ReadToEndAsync()
    $null = $process.StandardError.ReadToEndAsync()

    $endpoint = "http://127.0.0.1:$port"
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    while ($true) {
        try {
            $null = Invoke-WebRequest -Uri "$endpoint/moto-api/" -UseBasicParsing -TimeoutSec 2
            break
        }
        catch {
            if ($process.HasExited) { throw "moto server exited at start (code $($process.ExitCode)); is moto[server] installed?" }
            if ([DateTime]::UtcNow -gt $deadline) { $process.Kill(); throw "moto did not answer at $endpoint within 30 s." }
            Start-Sleep -Milliseconds 100
        }
    }

    $env:AWS_ACCESS_KEY_ID = 'testing'
    $env:AWS_SECRET_ACCESS_KEY = 'testing'
    $env:AWS_DEFAULT_REGION = 'us-east-1'
    $env:AWS_REGION = 'us-east-1'
    $env:AWS_EC2_METADATA_DISABLED = 'true'
    Remove-Item Env:AWS_PROFILE, Env:AWS_SESSION_TOKEN -ErrorAction SilentlyContinue

    [pscustomobject]@{ PSTypeName = 'RootGuard.Testing.MotoServer'; Endpoint = $endpoint; Port = $port; Process = $process }
}

function Stop-MotoServer {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Server)
    if ($Server -and $Server.Process -and -not $Server.Process.HasExited) {
        try { $Server.Process.StandardInput.Close() } catch { }
        if (-not $Server.Process.WaitForExit(5000)) { $Server.Process.Kill() }
    }
}

function Reset-MotoServer {
    <# Forgets every resource: each test that needs a clean account calls it first. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Server)
    $null = Invoke-WebRequest -Method Post -Uri "$($Server.Endpoint)/moto-api/reset" -UseBasicParsing
}

function Invoke-Boto3 {
    <#
    .SYNOPSIS Runs a boto3 script against the server (one Python start: batch a scenario into one script).
    The script sees `client(name, region='us-east-1')` and `endpoint`; what it prints to stdout is returned,
    parsed as JSON when -AsJson.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Server, [Parameter(Mandatory)] [string] $Script, [switch] $AsJson)

    $prelude = @"
import json, boto3
endpoint = '$($Server.Endpoint)'
_session = boto3.session.Session(aws_access_key_id='testing', aws_secret_access_key='testing', region_name='us-east-1')
def client(name, region='us-east-1'):
    return _session.client(name, endpoint_url=endpoint, region_name=region)
"@
    $output = $prelude + "`n" + $Script | & (Get-PythonPath) - 2>&1
    if ($LASTEXITCODE -ne 0) { throw "boto3 seeding failed: $($output -join [Environment]::NewLine)" }
    if ($AsJson) { ($output -join "`n") | ConvertFrom-Json } else { $output }
}

function New-CloudTrailWithLogs {
    <#
    .SYNOPSIS Seeds what most accounts already have: a multi-region, logging trail that delivers management events
    to a CloudWatch Logs group. Returns TrailName, LogGroupName and LogGroupArn.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Server, [string] $TrailName = 'management-events', [string] $LogGroupName = 'aws-cloudtrail-logs')

    Invoke-Boto3 -Server $Server -AsJson -Script @"
s3, logs, iam, trail = client('s3'), client('logs'), client('iam'), client('cloudtrail')
bucket = '$TrailName-bucket'.lower()
s3.create_bucket(Bucket=bucket)
logs.create_log_group(logGroupName='$LogGroupName')
arn = logs.describe_log_groups(logGroupNamePrefix='$LogGroupName')['logGroups'][0]['arn']
role = iam.create_role(RoleName='$TrailName-to-logs', AssumeRolePolicyDocument=json.dumps({'Version': '2012-10-17',
    'Statement': [{'Effect': 'Allow', 'Principal': {'Service': 'cloudtrail.amazonaws.com'}, 'Action': 'sts:AssumeRole'}]}))['Role']['Arn']
trail.create_trail(Name='$TrailName', S3BucketName=bucket, IsMultiRegionTrail=True, CloudWatchLogsLogGroupArn=arn, CloudWatchLogsRoleArn=role)
trail.start_logging(Name='$TrailName')
print(json.dumps({'TrailName': '$TrailName', 'LogGroupName': '$LogGroupName', 'LogGroupArn': arn}))
"@
}

function Start-MotoRecording {
    <#
    .SYNOPSIS Empties moto's request log and starts recording every AWS request the server receives. The server must
    have been started with MOTO_RECORDER_FILEPATH in -Environment, so the log lands outside the repository.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Server)
    $null = Invoke-WebRequest -Method Post -Uri "$($Server.Endpoint)/moto-api/recorder/reset-recording" -UseBasicParsing
    $null = Invoke-WebRequest -Method Post -Uri "$($Server.Endpoint)/moto-api/recorder/start-recording" -UseBasicParsing
}

function Stop-MotoRecording {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Server)
    $null = Invoke-WebRequest -Method Post -Uri "$($Server.Endpoint)/moto-api/recorder/stop-recording" -UseBasicParsing
}

function Get-MotoRecordedRequest {
    <# The AWS requests moto received since Start-MotoRecording, each with method, url and headers (X-Amz-Target names JSON operations). #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Server)
    $log = (Invoke-WebRequest -Uri "$($Server.Endpoint)/moto-api/recorder/download-recording" -UseBasicParsing).Content
    foreach ($line in ($log -split "`n")) {
        if ($line.Trim()) { $line | ConvertFrom-Json }
    }
}

function Start-SilentTcpListener {
    <#
    .SYNOPSIS A loopback endpoint that accepts connections and never answers: a call to it hangs until it is stopped.
    Returns the listener; its URL is "http://127.0.0.1:<port>". Pending() tells that a client has connected.
    #>
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    $listener
}

function Invoke-ChildPowerShell {
    <#
    .SYNOPSIS Runs a script in a new process of the same PowerShell as this one (pwsh, the dotnet tool's pwsh, or
    Windows PowerShell), feeding -InputLine to its standard input, which the console host reads to answer prompts.
    Returns ExitCode, Output (standard output, prompts included) and ErrorOutput.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Script,
        [string[]] $InputLine = @(),
        [switch] $NonInteractive,
        [int] $TimeoutSeconds = 120
    )

    $processPath = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    $arguments = @('-NoProfile', '-NoLogo')
    if ([System.IO.Path]::GetFileNameWithoutExtension($processPath) -eq 'dotnet') {
        # The pinned pwsh runs as a dotnet tool: dotnet <PSHOME>/pwsh.dll.
        $arguments = @('"' + (Join-Path $PSHOME 'pwsh.dll') + '"') + $arguments
    }
    if ($NonInteractive) { $arguments += '-NonInteractive' }
    $arguments += '-EncodedCommand', [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($Script))

    $start = [System.Diagnostics.ProcessStartInfo]::new($processPath, ($arguments -join ' '))
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $start.Environment['NO_COLOR'] = '1'
    $process = [System.Diagnostics.Process]::Start($start)
    $output = $process.StandardOutput.ReadToEndAsync()
    $errorOutput = $process.StandardError.ReadToEndAsync()
    foreach ($line in $InputLine) { $process.StandardInput.WriteLine($line) }
    $process.StandardInput.Close()
    if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
        $process.Kill()
        throw "The child PowerShell did not finish within $TimeoutSeconds s. Output so far: $($output.Result)"
    }
    $process.WaitForExit()
    [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $output.Result; ErrorOutput = $errorOutput.Result }
}

function New-MotoIamUser {
    <#
    .SYNOPSIS Makes an IAM user that may do everything except -DenyAction, and returns its AccessKey and SecretKey.
    moto checks such policies only while Enable-MotoAuthorization is in force (it checks actions, not resources).
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Server, [string] $UserName = 'rootguard-runner', [string[]] $DenyAction = @())

    $statements = @(@{ Effect = 'Allow'; Action = '*'; Resource = '*' })
    if ($DenyAction) { $statements += @{ Effect = 'Deny'; Action = $DenyAction; Resource = '*' } }
    $policy = ConvertTo-Json -Compress -Depth 5 @{ Version = '2012-10-17'; Statement = $statements }
    Invoke-Boto3 -Server $Server -AsJson -Script @"
iam = client('iam')
iam.create_user(UserName='$UserName')
iam.put_user_policy(UserName='$UserName', PolicyName='rootguard-test', PolicyDocument='$policy')
key = iam.create_access_key(UserName='$UserName')['AccessKey']
print(json.dumps({'AccessKey': key['AccessKeyId'], 'SecretKey': key['SecretAccessKey']}))
"@
}

function Enable-MotoAuthorization {
    <# From now on moto authenticates every AWS request and checks it against the caller's IAM policies (moto's testing keys stop working). #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Server)
    $null = Invoke-WebRequest -Method Post -Uri "$($Server.Endpoint)/moto-api/reset-auth" -Body '0' -ContentType 'text/plain' -UseBasicParsing
}

function Disable-MotoAuthorization {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Server)
    $null = Invoke-WebRequest -Method Post -Uri "$($Server.Endpoint)/moto-api/reset-auth" -Body 'inf' -ContentType 'text/plain' -UseBasicParsing
}

Export-ModuleMember -Function Get-RootGuardManifestPath, Get-RepositoryRoot, Get-PythonPath, Get-FreeTcpPort,
    Start-MotoServer, Stop-MotoServer, Reset-MotoServer, Invoke-Boto3, New-CloudTrailWithLogs,
    Start-MotoRecording, Stop-MotoRecording, Get-MotoRecordedRequest, Start-SilentTcpListener, Invoke-ChildPowerShell,
    New-MotoIamUser, Enable-MotoAuthorization, Disable-MotoAuthorization
