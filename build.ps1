#!/usr/bin/env pwsh
#Requires -Version 7.0
# Bootstrapper: builds the build program only when one of its sources changed, then runs it with
# the arguments given, returning its exit code. Works from any current directory. It does what
# build.sh does, step for step (see build.sh for the reasons), and shares .build/ with it: the same
# stamp, the same image folders and the same locks, so neither rebuilds what the other built and a
# run of one never sees an image the other is writing or deleting.
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$state = Join-Path $root '.build'
$stamp = Join-Path $state 'stamp'
$exeName = if ($IsWindows) { 'Build.exe' } else { 'Build' }

function Say([string] $message) { [Console]::Error.WriteLine("build.ps1: $message") }

if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    Say 'the .NET SDK (dotnet) is not on PATH; install .NET 10 SDK first.'
    exit 1
}

# Which image runs (build.sh explains each): a plain build unless GITOPS_BUILD_MODE=plain|r2r|composite
# asks for one; GITOPS_BUILD_BACKGROUND=composite|r2r builds that one in the background after a plain
# build (0, the default: none); GITOPS_BUILD_QUICK=1 and CI=true|1 never start a background build.
$mode = "$env:GITOPS_BUILD_MODE"
if ($mode -cnotin '', 'plain', 'r2r', 'composite') {
    Say "GITOPS_BUILD_MODE must be plain, r2r or composite, not '$mode'."
    exit 2
}
$background = if ($env:GITOPS_BUILD_BACKGROUND) { $env:GITOPS_BUILD_BACKGROUND } else { '0' }
if ($background -cnotin '0', 'r2r', 'composite') {
    Say "GITOPS_BUILD_BACKGROUND must be composite, r2r or 0, not '$background'."
    exit 2
}
$quiet = $false
for ($i = 0; $i -lt $args.Count; $i++) {
    if ("$($args[$i])" -cmatch '^(--verbosity|-v)=(quiet|q)$' -or
        ("$($args[$i])" -cin '--verbosity', '-v' -and $i + 1 -lt $args.Count -and "$($args[$i + 1])" -cin 'quiet', 'q')) { $quiet = $true }
}

# The stamp (build.sh describes .build/): line 1 the SHA-256 of `sha256sum` lines ("<hash>  <path>")
# for every source (path order, ordinal) and both bootstrappers, byte for byte as build.sh computes
# it; line 2 build.sh's quick check by file dates ("-" here, where it is not used); line 3 the image
# in use, "<kind> <folder>".
function Get-Sources([string] $dir) {
    $found = @('Build.csproj', 'build.sh', 'build.ps1') + @(
        Get-ChildItem -LiteralPath (Join-Path $dir 'build') -Recurse -File |
            Where-Object { $_.Name -cmatch '\.(cs|csproj|json|props|targets)$' } |
            ForEach-Object { [IO.Path]::GetRelativePath($dir, $_.FullName).Replace('\', '/') })
    $found = [string[]] @($found | Where-Object { Test-Path -LiteralPath (Join-Path $dir $_) -PathType Leaf })
    [Array]::Sort($found, [StringComparer]::Ordinal)
    , $found
}
function Get-ContentHash([string] $dir) {
    $text = [Text.StringBuilder]::new()
    foreach ($source in (Get-Sources $dir)) {
        $hash = [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData([IO.File]::ReadAllBytes((Join-Path $dir $source))))
        [void] $text.Append("$($hash.ToLowerInvariant())  $source`n")
    }
    [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($text.ToString()))).ToLowerInvariant()
}
function Read-Stamp {
    $script:sHash = ''; $script:sQuick = ''; $script:sKind = ''; $script:sImage = ''
    if (-not (Test-Path -LiteralPath $stamp)) { return }
    $lines = @(Get-Content -LiteralPath $stamp -TotalCount 3)
    $script:sHash = "$($lines[0])".Trim()
    $script:sQuick = "$($lines[1])".Trim()
    if ("$($lines[2])".Trim() -cmatch '^(plain|r2r|composite) ((plain|r2r|composite)-[0-9a-f]{12}-[0-9]+)$' -and
        (Test-Path -LiteralPath (Join-Path $state $Matches[2] $exeName))) {
        $script:sKind = $Matches[1]; $script:sImage = $Matches[2]
    }
}
function Write-Stamp([string] $hash, [string] $quick, [string] $kind, [string] $image) {
    $temporary = "$stamp.$PID"
    [IO.File]::WriteAllText($temporary, "$hash`n$quick`n$kind $image`n")
    [IO.File]::Move($temporary, $stamp, $true)
}
function Test-Usable { $sImage -and $sHash -eq $current -and (-not $mode -or $sKind -ceq $mode) }

# Locks are files opened without sharing: .NET takes flock(2) locks for that on Linux and macOS,
# the same locks build.sh's flock takes; on Windows the open itself is exclusive.
function Open-Lock([string] $path, [IO.FileShare] $share) {
    try { [IO.File]::Open($path, 'OpenOrCreate', 'ReadWrite', $share) } catch [IO.IOException] { $null }
}
function Lock-Build {
    $script:buildLock = Open-Lock (Join-Path $state 'build.lock') 'None'
    if (-not $buildLock) {
        Say 'waiting for another build of the build program to finish...'
        while (-not ($script:buildLock = Open-Lock (Join-Path $state 'build.lock') 'None')) { Start-Sleep -Milliseconds 200 }
    }
}
function Unlock-Build { if ($script:buildLock) { $script:buildLock.Dispose(); $script:buildLock = $null } }

# Under the build lock: removes what a killed build left and every image the stamp does not name
# that no run holds (a run keeps its image's .in-use open, shared, for as long as it runs).
function Remove-Unused {
    Get-ChildItem -LiteralPath $state -Directory | Where-Object { $_.Name -cmatch '^(part|trash)\.|^bin(\.next)?$' } |
        Remove-Item -Recurse -Force -ErrorAction SilentlyContinue
    foreach ($image in Get-ChildItem -LiteralPath $state -Directory | Where-Object { $_.Name -cmatch '^(plain|r2r|composite)-' -and $_.Name -cne $sImage }) {
        $trash = Join-Path $state "trash.$($image.Name)"
        $hold = Open-Lock (Join-Path $image.FullName '.in-use') 'None'
        if (-not $hold) { continue }
        try {
            # Windows refuses to rename a folder holding an open file: our own handle goes first, and
            # a run that opens the image meanwhile makes the rename fail, which keeps the image.
            if ($IsWindows) { $hold.Dispose() }
            [IO.Directory]::Move($image.FullName, $trash)
        } catch { continue } finally { $hold.Dispose() }
        Remove-Item -LiteralPath $trash -Recurse -Force -ErrorAction SilentlyContinue
    }
}

# dotnet's output goes to standard error when it failed, as build.sh shows it: standard output is the
# program's. Arguments passed through a function are quoted: unquoted, PowerShell would read
# -p:Name=value as a parameter of the function and hand dotnet two arguments.
function Invoke-Compile([string] $kind, [string] $project, [string] $out, [string[]] $extra = @()) {
    $arguments = switch ($kind) {
        'plain' { @('build', $project, '-c', 'Release', '-o', $out) }
        'r2r' { @('publish', $project, '-c', 'Release', '--use-current-runtime', '-o', $out, '--self-contained', 'false', '-p:PublishReadyToRun=true') }
        'composite' { @('publish', $project, '-c', 'Release', '--use-current-runtime', '-o', $out, '--self-contained', 'true', '-p:PublishReadyToRun=true', '-p:PublishReadyToRunComposite=true') }
    }
    $script:compileLog = @(& dotnet @arguments @extra '--nologo' '-v' 'quiet' '-clp:ErrorsOnly' '-clp:NoSummary' 2>&1 | ForEach-Object { "$_" })
    $LASTEXITCODE -eq 0
}
function Install-Image([string] $kind, [string] $part, [string] $quick) {
    $image = "$kind-$($current.Substring(0, 12))-$([DateTime]::UtcNow.Ticks)"
    New-Item -ItemType File -Force (Join-Path $part '.in-use') | Out-Null
    [IO.Directory]::Move($part, (Join-Path $state $image))
    Write-Stamp $current $quick $kind $image
    $script:sHash = $current; $script:sKind = $kind; $script:sImage = $image
    Remove-Unused
}
function Build-Image([string] $kind) {
    Remove-Unused
    $part = Join-Path $state "part.$PID"
    New-Item -ItemType Directory $part | Out-Null
    switch ($kind) {
        'composite' { Say 'building the build program (sources changed; composite ReadyToRun, about 2.5 minutes the first time)...' }
        'r2r' { Say 'building the build program (sources changed; framework-dependent ReadyToRun)...' }
        'plain' { Say 'building the build program (sources changed; plain build)...' }
    }
    # Each kind falls back to the next cheaper one (composite, r2r, plain) where it cannot be built.
    while (-not (Invoke-Compile $kind (Join-Path $root 'Build.csproj') $part)) {
        Remove-Item -LiteralPath $part -Recurse -Force
        New-Item -ItemType Directory $part | Out-Null
        switch ($kind) {
            'composite' { $compileLog | Select-Object -Last 5 | ForEach-Object { [Console]::Error.WriteLine($_) }; Say 'composite ReadyToRun publish failed; trying a framework-dependent one.'; $kind = 'r2r' }
            'r2r' { $compileLog | Select-Object -Last 5 | ForEach-Object { [Console]::Error.WriteLine($_) }; Say 'ReadyToRun publish failed; building without it.'; $kind = 'plain' }
            'plain' {
                Remove-Item -LiteralPath $part -Recurse -Force
                $compileLog | ForEach-Object { [Console]::Error.WriteLine($_) }
                Say "the build program does not compile (dotnet's errors above)."
                Unlock-Build
                exit 1
            }
        }
    }
    Install-Image $kind $part '-'
}

# The background build (build.sh's background_job, step for step): one at a time, its own session
# and the lowest priority, a copy of exactly the hashed sources, no build servers, swapped in only if
# the stamp still names a plain build of those sources.
function Invoke-BackgroundJob([string] $expected) {
    $jobLock = Open-Lock (Join-Path $state 'background.lock') 'None'
    if (-not $jobLock) { exit 0 }
    if ($IsWindows) { [Diagnostics.Process]::GetCurrentProcess().PriorityClass = 'Idle' }
    $log = Join-Path $state 'background.log'
    $work = Join-Path $state 'background'
    function Log([string] $line) { Add-Content -LiteralPath $log -Value $line }
    Set-Content -LiteralPath $log -Value "$([DateTime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ssZ')) building a $background image of sources $expected"
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
    foreach ($source in (Get-Sources $root)) {
        $target = Join-Path $work 'src' $source
        New-Item -ItemType Directory -Force (Split-Path $target) | Out-Null
        Copy-Item -LiteralPath (Join-Path $root $source) -Destination $target
    }
    if ((Get-ContentHash (Join-Path $work 'src')) -ne $expected) {
        Log 'the sources changed since the run that started this; nothing built'
        Remove-Item -LiteralPath $work -Recurse -Force; exit 0
    }
    $built = Invoke-Compile $background (Join-Path $work 'src' 'Build.csproj') (Join-Path $work 'out') @('--disable-build-servers')
    $compileLog | ForEach-Object { Log $_ }
    if (-not $built) {
        Set-Content -LiteralPath (Join-Path $state 'background.failed') -Value "$background $expected"
        Log "$([DateTime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ssZ')) failed; the plain build stays"
        Remove-Item -LiteralPath $work -Recurse -Force; exit 1
    }
    Lock-Build
    Read-Stamp
    if ($sHash -eq $expected -and $sKind -ceq 'plain') {
        $script:current = $expected
        Install-Image $background (Join-Path $work 'out') $sQuick
        Log "$([DateTime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ssZ')) swapped in as $sImage"
    } else {
        Log "$([DateTime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ssZ')) the stamp no longer names a plain build of these sources; discarded"
    }
    Unlock-Build
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
    $jobLock.Dispose()
}

New-Item -ItemType Directory -Force $state | Out-Null
if ($env:GITOPS_BUILD_BACKGROUND_JOB) { Invoke-BackgroundJob $env:GITOPS_BUILD_BACKGROUND_JOB; exit 0 }

function Test-BackgroundFailed { "$(Get-Content -LiteralPath (Join-Path $state 'background.failed') -TotalCount 1 -ErrorAction SilentlyContinue)".Trim() -eq "$background $current" }
# Starts the background build if it is wanted and not already running; true if one is running.
function Start-Background {
    if ($background -eq '0' -or $mode -or $env:GITOPS_BUILD_QUICK -eq '1' -or $env:CI -match '^(true|1)$' -or $sKind -cne 'plain') { return $false }
    if (Test-BackgroundFailed) { return $false }
    $probe = Open-Lock (Join-Path $state 'background.lock') 'None'
    if (-not $probe) { return $true }
    $probe.Dispose()
    $env:GITOPS_BUILD_BACKGROUND_JOB = $current
    try {
        # This PowerShell again: its executable, or the dotnet host and pwsh.dll (a dotnet tool install).
        $shell = @([Environment]::ProcessPath)
        if ([IO.Path]::GetFileNameWithoutExtension($shell[0]) -ceq 'dotnet') { $shell += Join-Path $PSHOME 'pwsh.dll' }
        $shell += '-NoLogo', '-NoProfile', '-NonInteractive', '-File', (Join-Path $root 'build.ps1')
        if ($IsWindows) {
            Start-Process -FilePath $shell[0] -ArgumentList ($shell[1..($shell.Count - 1)] | ForEach-Object { "`"$_`"" }) -WindowStyle Hidden
        } elseif (Get-Command setsid -ErrorAction SilentlyContinue) {
            $lowIo = if (Get-Command ionice -ErrorAction SilentlyContinue) { 'ionice', '-c', '3' } else { @() }
            # Through sh so that its standard streams are /dev/null: a pipe of ours would keep the
            # caller (and PowerShell itself) waiting for the background build to end.
            & sh -c 'exec "$@" </dev/null >/dev/null 2>&1' build.ps1 setsid -f nice -n 19 @lowIo @shell
        } else { return $false }
    } finally { Remove-Item Env:GITOPS_BUILD_BACKGROUND_JOB }
    $true
}

# Finds (or builds) the image and holds its .in-use open, shared, while the program runs; an image
# deleted between reading the stamp and opening it (a swap by another run) sends the run round again.
$inUse = $null
for ($attempt = 1; -not $inUse; $attempt++) {
    if ($attempt -gt 3) { Say "the build program's image kept being replaced while starting; run again."; exit 1 }
    $current = Get-ContentHash $root
    Read-Stamp
    if (-not (Test-Usable)) {
        Lock-Build
        Read-Stamp   # another run may have built it while this one waited
        if (-not (Test-Usable)) { Build-Image $(if ($mode) { $mode } else { 'plain' }) }
        Unlock-Build
    }
    $preparing = Start-Background
    $image = Join-Path $state $sImage
    if (Test-Path -LiteralPath (Join-Path $image '.in-use')) {
        try { $inUse = [IO.File]::Open((Join-Path $image '.in-use'), 'Open', 'Read', 'ReadWrite') } catch [IO.IOException] { }
        if ($inUse -and -not (Test-Path -LiteralPath (Join-Path $image $exeName))) { $inUse.Dispose(); $inUse = $null }
    }
}

if (-not $quiet) {
    switch ($sKind) {
        'plain' {
            if ($preparing) { Say 'plain build (an ahead-of-time image is being built in the background)' }
            elseif ($background -ne '0' -and (Test-BackgroundFailed)) { Say 'plain build (the background build failed: .build/background.log)' }
            else { Say 'plain build' }
        }
        'r2r' { Say 'ahead-of-time image (ReadyToRun)' }
        'composite' { Say 'ahead-of-time image (composite ReadyToRun)' }
    }
}

$env:GITOPS_BUILD_ROOT = $root
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
try { & (Join-Path $image $exeName) @args } finally { $inUse.Dispose() }
exit $LASTEXITCODE
