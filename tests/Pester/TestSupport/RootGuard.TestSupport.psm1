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
    The server runs under a Python wrapper that exits when its parent pwsh dies, so none outlives a killed run;
    next to it a long-lived boto3 runner (Invoke-Boto3) seeds and reads the account without a Python start per call.
    Credentials are moto's (testing/testing) through the environment, as a runbook would give them.
#>

Set-StrictMode -Version Latest

$script:RepositoryRoot = (Resolve-Path (Join-Path $PSScriptRoot '../../..')).Path

# moto in this process; a watcher ends it when stdin closes or the parent process goes away.
$script:MotoWrapper = @'
import os, sys, threading, logging
from moto.server import main
# AWS's documented answers where moto has none, in one place for the tests, the xunit fixture and the demo.
sys.path.insert(0, sys.argv[2])
import rootguard_moto
rootguard_moto.apply()
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
    $start.ArgumentList.Add((Join-Path $script:RepositoryRoot 'tools/moto'))
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
    # The runner imports boto3 while moto starts.
    $boto3 = Start-Boto3Runner $endpoint
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    while ($true) {
        try {
            $null = Invoke-WebRequest -Uri "$endpoint/moto-api/" -UseBasicParsing -TimeoutSec 2
            break
        }
        catch {
            if ($process.HasExited) { $boto3.Kill(); throw "moto server exited at start (code $($process.ExitCode)); is moto[server] installed?" }
            if ([DateTime]::UtcNow -gt $deadline) { $process.Kill(); $boto3.Kill(); throw "moto did not answer at $endpoint within 30 s." }
            Start-Sleep -Milliseconds 100
        }
    }

    $env:AWS_ACCESS_KEY_ID = 'testing'
    $env:AWS_SECRET_ACCESS_KEY = 'testing'
    $env:AWS_DEFAULT_REGION = 'us-east-1'
    $env:AWS_REGION = 'us-east-1'
    $env:AWS_EC2_METADATA_DISABLED = 'true'
    Remove-Item Env:AWS_PROFILE, Env:AWS_SESSION_TOKEN -ErrorAction SilentlyContinue

    [pscustomobject]@{ PSTypeName = 'RootGuard.Testing.MotoServer'; Endpoint = $endpoint; Port = $port; Process = $process; Boto3 = $boto3 }
}

function Stop-MotoServer {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Server)
    # Closing its stdin ends the boto3 runner's loop.
    if ($Server -and $Server.Boto3 -and -not $Server.Boto3.HasExited) {
        try { $Server.Boto3.StandardInput.Close() } catch { }
        if (-not $Server.Boto3.WaitForExit(5000)) { $Server.Boto3.Kill() }
    }
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

# boto3 scripts run in one long-lived Python per server (a Python start with boto3 costs far more than the calls):
# it reads one JSON-encoded script per line and answers one JSON line with what the script printed, or its error.
$script:Boto3Runner = @'
import contextlib, io, json, sys, traceback
import boto3
endpoint = sys.argv[1]
session = boto3.session.Session(aws_access_key_id='testing', aws_secret_access_key='testing', region_name='us-east-1')
def client(name, region='us-east-1'):
    return session.client(name, endpoint_url=endpoint, region_name=region)
for line in sys.stdin:
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed):
            exec(json.loads(line), {'json': json, 'boto3': boto3, 'endpoint': endpoint, 'client': client})
        answer = {'ok': True, 'output': printed.getvalue()}
    except Exception:
        answer = {'ok': False, 'output': printed.getvalue() + traceback.format_exc()}
    sys.stdout.write(json.dumps(answer) + '\n')
    sys.stdout.flush()
'@

function Start-Boto3Runner([string] $Endpoint) {
    $start = [System.Diagnostics.ProcessStartInfo]::new((Get-PythonPath))
    foreach ($argument in '-c', $script:Boto3Runner, $Endpoint) { $start.ArgumentList.Add($argument) }
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    $null = $process.StandardError.ReadToEndAsync()
    $process
}

function Invoke-Boto3 {
    <#
    .SYNOPSIS Runs a boto3 script against the server, in the server's long-lived boto3 runner. The script sees
    `client(name, region='us-east-1')`, `endpoint`, `json` and `boto3`; what it prints is returned (one string per
    line), parsed as JSON when -AsJson. A script that raises throws here, with the Python traceback.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Server, [Parameter(Mandatory)] [string] $Script, [switch] $AsJson)

    $runner = $Server.Boto3
    if ($runner.HasExited) { throw "The boto3 runner exited (code $($runner.ExitCode)); is boto3 installed?" }
    $runner.StandardInput.WriteLine(($Script | ConvertTo-Json -Compress))
    $runner.StandardInput.Flush()
    $line = $runner.StandardOutput.ReadLine()
    if ($null -eq $line) { throw 'The boto3 runner ended without an answer.' }
    $answer = $line | ConvertFrom-Json
    if (-not $answer.ok) { throw "boto3 script failed: $($answer.output)" }
    if ($AsJson) { return $answer.output | ConvertFrom-Json }
    $answer.output.TrimEnd("`r", "`n") -split '\r?\n'
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

function Get-AccountResource {
    <#
    .SYNOPSIS What the account holds, read with boto3 in one Python start: rule names, topic ARNs, alarm names, metric
    filters (as 'logGroup/filterName'), e-mail subscriptions (as 'topicArn email') and the Sids of each topic's policy.
    Tests compare it before and after a cmdlet to see exactly what the cmdlet made or removed.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Server, [string] $Region = 'us-east-1')

    Invoke-Boto3 -Server $Server -AsJson -Script @"
region = '$Region'
events, sns, cw, logs = client('events', region), client('sns', region), client('cloudwatch', region), client('logs', region)
topics = sorted(t['TopicArn'] for t in sns.list_topics()['Topics'])
def sids(arn):
    policy = sns.get_topic_attributes(TopicArn=arn)['Attributes'].get('Policy')
    return sorted(s.get('Sid', '') for s in json.loads(policy)['Statement']) if policy else []
filters = []
for group in logs.describe_log_groups()['logGroups']:
    filters += [group['logGroupName'] + '/' + f['filterName'] for f in logs.describe_metric_filters(logGroupName=group['logGroupName'])['metricFilters']]
print(json.dumps({
    'Rules': sorted(r['Name'] for r in events.list_rules()['Rules']),
    'Topics': topics,
    'TopicPolicySids': {arn: sids(arn) for arn in topics},
    'Alarms': sorted(a['AlarmName'] for a in cw.describe_alarms()['MetricAlarms']),
    'MetricFilters': sorted(filters),
    'Subscriptions': sorted(s['TopicArn'] + ' ' + s['Endpoint'] for s in sns.list_subscriptions()['Subscriptions']),
}))
"@
}

function Invoke-FreshPwsh {
    <#
    .SYNOPSIS Runs script text in a new process of the pwsh running this suite (the pinned one), for what one process
    can only do once: importing a module by name from a clean PSModulePath, a profile read at start. Returns the
    output lines and the exit code; any error record fails the run ($ErrorActionPreference is Stop).
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Command, [hashtable] $Environment = @{})

    # The dotnet tool runs as 'dotnet <PSHOME>/pwsh.dll'; an installed pwsh is its own executable.
    $executable = [Environment]::ProcessPath
    $start = [System.Diagnostics.ProcessStartInfo]::new($executable)
    if ([IO.Path]::GetFileNameWithoutExtension($executable) -eq 'dotnet') { $start.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
    foreach ($argument in '-NoProfile', '-NonInteractive', '-Command', ("`$ErrorActionPreference = 'Stop'; " + $Command)) {
        $start.ArgumentList.Add($argument)
    }
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $start.Environment['NO_COLOR'] = '1'
    foreach ($key in $Environment.Keys) { $start.Environment[$key] = [string]$Environment[$key] }
    $process = [System.Diagnostics.Process]::Start($start)
    $stderr = $process.StandardError.ReadToEndAsync()
    $stdout = $process.StandardOutput.ReadToEnd()
    if (-not $process.WaitForExit(120000)) { $process.Kill(); throw "pwsh did not finish within 120 s: $Command" }
    [pscustomobject]@{
        ExitCode = $process.ExitCode
        Output   = @($stdout -split '\r?\n' | Where-Object { $_ -ne '' })
        Errors   = $stderr.Result
    }
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
    Start-MotoServer, Stop-MotoServer, Reset-MotoServer, Invoke-Boto3, New-CloudTrailWithLogs, Get-AccountResource,
    Invoke-FreshPwsh, Start-MotoRecording, Stop-MotoRecording, Get-MotoRecordedRequest, Start-SilentTcpListener,
    Invoke-ChildPowerShell, New-MotoIamUser, Enable-MotoAuthorization, Disable-MotoAuthorization
