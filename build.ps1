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
$lines = $sources | ForEach-Object {
    $relative = [IO.Path]::GetRelativePath($root, $_.FullName).Replace('\', '/')
    "$relative $($_.Length) $($_.LastWriteTimeUtc.Ticks)"
} | Sort-Object
$bytes = [Text.Encoding]::UTF8.GetBytes(($lines -join "`n"))
$current = [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData($bytes))
$previous = if (Test-Path $stamp) { Get-Content $stamp -Raw } else { '' }

if ($current -ne $previous.Trim() -or -not (Test-Path (Join-Path $out 'Build.dll'))) {
    Write-Host 'build.ps1: building the build program (sources changed)...'
    Remove-Item $stamp -ErrorAction SilentlyContinue
    # ReadyToRun for this machine (start-up is mostly JIT otherwise); a plain build where it cannot be restored.
    dotnet publish (Join-Path $root 'Build.csproj') -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true -o $out --nologo -v quiet -clp:ErrorsOnly
    if ($LASTEXITCODE -ne 0) {
        Write-Host 'build.ps1: ReadyToRun publish failed; building without it.'
        dotnet build (Join-Path $root 'Build.csproj') -c Release -o $out --nologo -v quiet -clp:ErrorsOnly
        if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    }
    New-Item -ItemType Directory -Force (Split-Path $stamp) | Out-Null
    Set-Content -Path "$stamp.tmp" -Value $current -NoNewline
    Move-Item -Force "$stamp.tmp" $stamp
}

$env:GITOPS_BUILD_ROOT = $root
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
& dotnet (Join-Path $out 'Build.dll') @args
exit $LASTEXITCODE
