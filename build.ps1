#!/usr/bin/env pwsh
# Bootstrapper: builds the build program only when one of its sources changed, then runs it with
# the arguments given, returning its exit code. Works from any current directory.
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$out = Join-Path $root '.build/bin'
$stamp = Join-Path $root '.build/stamp'

if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    Write-Error 'build.ps1: the .NET SDK (dotnet) is not on PATH; install .NET 10 SDK first.'
    exit 1
}

# Hash of every source's path, size and content date: changes whenever a source does.
$sources = @(Get-Item (Join-Path $root 'Build.csproj')) + @(Get-ChildItem (Join-Path $root 'build') -Recurse -File -Include *.cs,*.csproj,*.json,*.props,*.targets)
$lines = @($sources | ForEach-Object {
    $relative = [IO.Path]::GetRelativePath($root, $_.FullName).Replace('\', '/')
    "$relative $($_.Length) $($_.LastWriteTimeUtc.Ticks)"
} | Sort-Object)
# This script's own text and the build mode are part of it: changing either rebuilds.
$lines += Get-Content -Raw $PSCommandPath
$lines += "quick=$env:GITOPS_BUILD_QUICK"
$bytes = [Text.Encoding]::UTF8.GetBytes(($lines -join "`n"))
$current = [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData($bytes))
$previous = if (Test-Path $stamp) { Get-Content $stamp -Raw } else { '' }

$exe = Join-Path $out ($(if ($IsWindows -or $env:OS -eq 'Windows_NT') { 'Build.exe' } else { 'Build' }))
if ($current -ne $previous.Trim() -or -not (Test-Path $exe)) {
    Remove-Item $stamp -ErrorAction SilentlyContinue
    $next = "$out.next"
    Remove-Item -Recurse -Force $next -ErrorAction SilentlyContinue
    $project = Join-Path $root 'Build.csproj'
    if ($env:GITOPS_BUILD_QUICK -eq '1') {
        # For whoever is editing the build program: seconds to build, slower to start.
        Write-Host 'build.ps1: building the build program (GITOPS_BUILD_QUICK=1: plain build)...'
        dotnet build $project -c Release -o $next --nologo -v quiet -clp:ErrorsOnly
        if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    } else {
        # Compiled ahead of time with the .NET runtime it ships with (self-contained, one composite
        # ReadyToRun image; see build.sh for why); framework-dependent ReadyToRun, then a plain
        # build, where that cannot be restored.
        Write-Host 'build.ps1: building the build program (sources changed; a few minutes the first time)...'
        dotnet publish $project -c Release --use-current-runtime --self-contained true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -o $next --nologo -v quiet -clp:ErrorsOnly
        if ($LASTEXITCODE -ne 0) {
            Write-Host 'build.ps1: composite ReadyToRun publish failed; trying a framework-dependent one.'
            Remove-Item -Recurse -Force $next -ErrorAction SilentlyContinue
            dotnet publish $project -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true -o $next --nologo -v quiet -clp:ErrorsOnly
        }
        if ($LASTEXITCODE -ne 0) {
            Write-Host 'build.ps1: ReadyToRun publish failed; building without it.'
            Remove-Item -Recurse -Force $next -ErrorAction SilentlyContinue
            dotnet build $project -c Release -o $next --nologo -v quiet -clp:ErrorsOnly
            if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
        }
    }
    # The new build replaces the old one whole (a framework-dependent build must not find a
    # self-contained build's runtime files beside it).
    Remove-Item -Recurse -Force $out -ErrorAction SilentlyContinue
    Move-Item $next $out
    New-Item -ItemType Directory -Force (Split-Path $stamp) | Out-Null
    Set-Content -Path "$stamp.tmp" -Value $current -NoNewline
    Move-Item -Force "$stamp.tmp" $stamp
}

$env:GITOPS_BUILD_ROOT = $root
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
& $exe @args
exit $LASTEXITCODE
