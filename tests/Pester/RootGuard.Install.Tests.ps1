# RootGuard installed by name, as a user gets it from the Gallery: the built module folder is published to a local
# file repository, installed by name into a clean user profile, imported by name and run, each in a fresh pwsh.
# On Linux and macOS the profile is a temporary HOME, so nothing is left on the machine. On Windows, -Scope
# CurrentUser installs into the Documents folder of the account running the tests, and AfterAll uninstalls it.
BeforeDiscovery {
    $hasPowerShellGet = [bool](Get-Module -ListAvailable -Name PowerShellGet)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSupport/RootGuard.TestSupport.psm1') -Force
    $moduleFolder = Split-Path -Parent (Get-RootGuardManifestPath)
    $version = Split-Path -Leaf $moduleFolder
    $root = New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "rootguard-install-$([guid]::NewGuid().ToString('n'))")
    $repository = New-Item -ItemType Directory -Path (Join-Path $root 'repository')
    $repositoryName = "RootGuardTest$([guid]::NewGuid().ToString('n').Substring(0, 8))"

    # A user profile of its own: repositories registered, and modules installed with -Scope CurrentUser, go under it.
    function Get-CleanProfile([string] $name) {
        $profileHome = Join-Path $root $name
        $null = New-Item -ItemType Directory -Force -Path $profileHome
        @{
            HOME             = $profileHome
            XDG_DATA_HOME    = Join-Path $profileHome '.local/share'
            XDG_CONFIG_HOME  = Join-Path $profileHome '.config'
            XDG_CACHE_HOME   = Join-Path $profileHome '.cache'
            # Only PowerShell's own modules, so the import below can only find the installed copy.
            PSModulePath     = Join-Path $PSHOME 'Modules'
        }
    }

    # Imports RootGuard by name with PSModulePath at the install location only, and runs a cmdlet.
    function Invoke-ImportByName([string] $installRoot, [hashtable] $userProfile) {
        $environment = $userProfile.Clone()
        $environment.PSModulePath = $installRoot + [IO.Path]::PathSeparator + (Join-Path $PSHOME 'Modules')
        Invoke-FreshPwsh -Environment $environment -Command @'
Import-Module RootGuard
$module = Get-Module RootGuard
$context = Get-RootGuardContext -AccessKey AKIAEXAMPLE -SecretKey example -Region eu-west-1
'base=' + $module.ModuleBase
'version=' + $module.Version
'cmdlets=' + @($module.ExportedCmdlets.Keys).Count
'context=' + $context.CredentialSource + '|' + $context.HomeRegion
'help=' + (Get-Help New-RootSignInAlert).Synopsis
'@
    }

    $psResourceGetProfile = Get-CleanProfile 'psresourceget'
    $published = Invoke-FreshPwsh -Environment $psResourceGetProfile -Command @"
Register-PSResourceRepository -Name '$repositoryName' -Uri '$repository' -Trusted
try {
    Publish-PSResource -Path '$moduleFolder' -Repository '$repositoryName'
    Install-PSResource -Name RootGuard -Repository '$repositoryName' -TrustRepository -Scope CurrentUser -Quiet
    'installed=' + (Get-InstalledPSResource -Name RootGuard).InstalledLocation
}
finally { Unregister-PSResourceRepository -Name '$repositoryName' }
"@
}

AfterAll {
    if ($IsWindows) {
        $null = Invoke-FreshPwsh -Command 'Uninstall-PSResource -Name RootGuard -Scope CurrentUser -ErrorAction SilentlyContinue; if (Get-Command Uninstall-Module -ErrorAction SilentlyContinue) { Uninstall-Module RootGuard -AllVersions -ErrorAction SilentlyContinue }'
    }
    Remove-Item -Recurse -Force $root -ErrorAction SilentlyContinue
}

Describe 'Installing RootGuard by name' {
    Context 'the package Publish-PSResource makes of the module folder' {
        BeforeAll {
            $package = Get-ChildItem -Path $repository -Filter "RootGuard.$version.nupkg" | Select-Object -First 1
            Add-Type -AssemblyName System.IO.Compression.FileSystem
            $zip = [System.IO.Compression.ZipFile]::OpenRead($package.FullName)
            # NuGet's own entries ([Content_Types].xml, _rels/, package/, the .nuspec) are the envelope, not the module.
            $entries = @($zip.Entries.FullName | Where-Object { $_ -notmatch '^(\[Content_Types\]\.xml|_rels/|package/|RootGuard\.nuspec$)' } |
                    ForEach-Object { [Uri]::UnescapeDataString($_) })
            $zip.Dispose()
        }

        It 'is published to the repository' {
            $published.ExitCode | Should -Be 0 -Because $published.Errors
            $package | Should -Not -BeNullOrEmpty
        }

        It 'holds the manifest, the cmdlets, their help and format views, the dependencies and the license' {
            foreach ($file in 'RootGuard.psd1', 'RootGuard.PowerShell.dll', 'RootGuard.Format.ps1xml', 'LICENSE',
                'en-US/RootGuard.PowerShell.dll-Help.xml', 'Dependencies/RootGuard.Core.dll', 'Dependencies/AWSSDK.Core.dll',
                'Dependencies/AWSSDK.SecurityToken.dll') {
                $entries | Should -Contain $file
            }
            @($entries | Where-Object { $_ -like 'Formats/*.Format.ps1xml' }).Count | Should -BeGreaterThan 0
        }

        It 'holds no build leftovers: no symbols, XML doc files, build folders, dependency manifests or tests' {
            $leftovers = $entries | Where-Object {
                $_ -match '\.(pdb|deps\.json|runtimeconfig\.json)$' -or $_ -eq 'RootGuard.PowerShell.xml' -or $_ -match '(^|/)(bin|obj)/' -or
                $_ -match '\.Tests\.ps1$' -or $_ -match '(^|/)tests?/'
            }
            $leftovers | Should -BeNullOrEmpty
        }

        It 'holds exactly the files of the module folder' {
            $folderFiles = Get-ChildItem -Path $moduleFolder -Recurse -File |
                ForEach-Object { $_.FullName.Substring($moduleFolder.Length + 1).Replace('\', '/') }
            @($entries | Sort-Object) | Should -Be @($folderFiles | Sort-Object)
        }
    }

    It 'installs by name with Install-PSResource, then imports by name and runs' {
        $published.ExitCode | Should -Be 0 -Because $published.Errors
        $installRoot = ($published.Output | Where-Object { $_ -like 'installed=*' }) -replace '^installed=', ''
        if (-not $IsWindows) { $installRoot | Should -BeLike "$($psResourceGetProfile.HOME)*" -Because 'the clean profile holds the install' }

        $run = Invoke-ImportByName $installRoot $psResourceGetProfile

        $run.ExitCode | Should -Be 0 -Because $run.Errors
        $run.Output | Should -Contain "base=$(Join-Path (Join-Path $installRoot 'RootGuard') $version)"
        $run.Output | Should -Contain "version=$version"
        $declared = (Import-PowerShellDataFile (Join-Path $moduleFolder 'RootGuard.psd1')).CmdletsToExport
        $run.Output | Should -Contain "cmdlets=$(@($declared).Count)" -Because 'the installed module exports what its manifest declares'
        $run.Output | Should -Contain 'context=AccessKey|us-east-1'
        ($run.Output | Where-Object { $_ -like 'help=*' }) | Should -Not -Be 'help='
    }

    It 'installs by name with Install-Module from PowerShellGet, then imports by name and runs' -Skip:(-not $hasPowerShellGet) {
        $powerShellGetProfile = Get-CleanProfile 'powershellget'
        $installed = Invoke-FreshPwsh -Environment $powerShellGetProfile -Command @"
Register-PSRepository -Name '$repositoryName' -SourceLocation '$repository' -InstallationPolicy Trusted
try {
    Install-Module -Name RootGuard -Repository '$repositoryName' -Scope CurrentUser -Force -WarningAction SilentlyContinue
    'installed=' + (Get-InstalledModule -Name RootGuard).InstalledLocation
}
finally { Unregister-PSRepository -Name '$repositoryName' }
"@
        $installed.ExitCode | Should -Be 0 -Because $installed.Errors
        # PowerShellGet names the version folder; the install location is two levels up.
        $installRoot = Split-Path -Parent (Split-Path -Parent (($installed.Output | Where-Object { $_ -like 'installed=*' }) -replace '^installed=', ''))

        $run = Invoke-ImportByName $installRoot $powerShellGetProfile

        $run.ExitCode | Should -Be 0 -Because $run.Errors
        $run.Output | Should -Contain "base=$(Join-Path (Join-Path $installRoot 'RootGuard') $version)"
        $run.Output | Should -Contain 'context=AccessKey|us-east-1'
    }
}
