#!/usr/bin/env pwsh
#Requires -Version 7.0
# Bootstrapper: builds the build program only when one of its sources changed, then runs it with
# the arguments given, returning its exit code. Works from any current directory. It does what
# build.sh does, step for step (see build.sh for the reasons), and shares .build/ with it: both
# compute the same stamp, so neither rebuilds what the other built.
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$out = Join-Path $root '.build/bin'
$stamp = Join-Path $root '.build/stamp'

function Say([string] $message) { [Console]::Error.WriteLine($message) }

if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    Say 'build.ps1: the .NET SDK (dotnet) is not on PATH; install .NET 10 SDK first.'
    exit 1
}

# How the program is built (build.sh explains each): composite by default, plain under CI=true
# (or 1); GITOPS_BUILD_MODE=plain|r2r|composite chooses explicitly; GITOPS_BUILD_QUICK=1 means plain.
$mode = $env:GITOPS_BUILD_MODE
if (-not $mode) {
    $mode = if ($env:GITOPS_BUILD_QUICK -eq '1') { 'plain' }
            elseif ($env:CI -match '^(true|1)$') { 'plain' }
            else { 'composite' }
}
if ($mode -cnotin 'plain', 'r2r', 'composite') {
    Say "build.ps1: GITOPS_BUILD_MODE must be plain, r2r or composite, not '$mode'."
    exit 2
}

# The stamp, byte for byte as build.sh computes it: the SHA-256 of `sha256sum` lines ("<hash>  <path>")
# for every source (path order, ordinal), both bootstrappers, then "mode=<mode>".
$sources = @('Build.csproj', 'build.sh', 'build.ps1') + @(
    Get-ChildItem -LiteralPath (Join-Path $root 'build') -Recurse -File |
        Where-Object { $_.Name -cmatch '\.(cs|csproj|json|props|targets)$' } |
        ForEach-Object { [IO.Path]::GetRelativePath($root, $_.FullName).Replace('\', '/') })
$sources = [string[]] @($sources | Where-Object { Test-Path -LiteralPath (Join-Path $root $_) -PathType Leaf })
[Array]::Sort($sources, [StringComparer]::Ordinal)
$text = [Text.StringBuilder]::new()
foreach ($source in $sources) {
    $hash = [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData([IO.File]::ReadAllBytes((Join-Path $root $source))))
    [void] $text.Append("$($hash.ToLowerInvariant())  $source`n")
}
[void] $text.Append("mode=$mode`n")
$current = [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($text.ToString()))).ToLowerInvariant()
# Its first line is that value (a second line is build.sh's quick check by file dates, not used here).
$previous = if (Test-Path -LiteralPath $stamp) { "$(Get-Content -LiteralPath $stamp -TotalCount 1)".Trim() } else { '' }

$exe = Join-Path $out ($(if ($IsWindows -or $env:OS -eq 'Windows_NT') { 'Build.exe' } else { 'Build' }))
if ($current -ne $previous -or -not (Test-Path -LiteralPath $exe)) {
    Remove-Item -LiteralPath $stamp -ErrorAction SilentlyContinue
    $next = "$out.next"
    Remove-Item -LiteralPath $next -Recurse -Force -ErrorAction SilentlyContinue
    $project = Join-Path $root 'Build.csproj'
    # dotnet's output goes to standard error, as build.sh sends it: standard output is the program's.
    # Arguments passed through a function are quoted: unquoted, PowerShell would read
    # -p:Name=value as a parameter of the function and hand dotnet two arguments.
    function Invoke-Dotnet([string[]] $arguments) {
        & dotnet @arguments '--nologo' '-v' 'quiet' '-clp:ErrorsOnly' '-clp:NoSummary' 2>&1 | ForEach-Object { Say "$_" }
        $LASTEXITCODE -eq 0
    }
    function Publish([string[]] $arguments) { Invoke-Dotnet (@('publish', $project, '-c', 'Release', '--use-current-runtime', '-o', $next) + $arguments) }
    function Build-Plain { Invoke-Dotnet @('build', $project, '-c', 'Release', '-o', $next) }
    function Build-R2R { Publish @('--self-contained', 'false', '-p:PublishReadyToRun=true') }
    function Build-Composite { Publish @('--self-contained', 'true', '-p:PublishReadyToRun=true', '-p:PublishReadyToRunComposite=true') }
    switch ($mode) {
        'composite' { Say 'build.ps1: building the build program (sources changed; composite ReadyToRun, about 2.5 minutes the first time)...' }
        'r2r' { Say 'build.ps1: building the build program (sources changed; framework-dependent ReadyToRun)...' }
        'plain' { Say 'build.ps1: building the build program (sources changed; plain build)...' }
    }
    # Each mode falls back to the next cheaper one (composite, r2r, plain) where it cannot be built.
    $built = $false
    if ($mode -eq 'composite') {
        $built = Build-Composite
        if (-not $built) {
            Say 'build.ps1: composite ReadyToRun publish failed; trying a framework-dependent one.'
            Remove-Item -LiteralPath $next -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
    if (-not $built -and $mode -ne 'plain') {
        $built = Build-R2R
        if (-not $built) {
            Say 'build.ps1: ReadyToRun publish failed; building without it.'
            Remove-Item -LiteralPath $next -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
    if (-not $built -and -not (Build-Plain)) { exit 1 }
    # The new build replaces the old one whole (a framework-dependent build must not find a
    # self-contained build's runtime files beside it).
    Remove-Item -LiteralPath $out -Recurse -Force -ErrorAction SilentlyContinue
    Move-Item -LiteralPath $next -Destination $out
    New-Item -ItemType Directory -Force (Split-Path $stamp) | Out-Null
    Set-Content -LiteralPath "$stamp.tmp" -Value "$current`n" -NoNewline
    Move-Item -LiteralPath "$stamp.tmp" -Destination $stamp -Force
}

$env:GITOPS_BUILD_ROOT = $root
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
& $exe @args
exit $LASTEXITCODE
