#!/usr/bin/env bash
# Bootstrapper: builds the build program only when one of its sources changed, then runs it with
# the arguments given, returning its exit code. Works from any current directory; paths given as
# arguments are relative to where you stand, the repository defaults to the one holding this file.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$root/.build/bin"
stamp="$root/.build/stamp"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "build.sh: the .NET SDK (dotnet) is not on PATH; install .NET 10 SDK first." >&2
  exit 1
fi

# The stamp is a hash of every source's path, size and content date: cheap to compute
# (no dotnet start-up) and it changes whenever a source is added, removed or edited.
current="$(cd "$root" && find Build.csproj build -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.json' -o -name '*.props' -o -name '*.targets' \) -printf '%p %s %T@\n' 2>/dev/null | LC_ALL=C sort | sha256sum | cut -d' ' -f1)"
previous="$(cat "$stamp" 2>/dev/null || true)"

if [[ "$current" != "$previous" || ! -f "$out/Build.dll" ]]; then
  echo "build.sh: building the build program (sources changed)..." >&2
  rm -f "$stamp"
  # Ahead-of-time compiled (ReadyToRun) for this machine: start-up is mostly JIT otherwise. The
  # first build takes longer (about 40 s); later ones reuse the compiled dependencies. Where the
  # ReadyToRun compiler cannot be restored, a plain build does the same job, only slower to start.
  if ! dotnet publish "$root/Build.csproj" -c Release --use-current-runtime --self-contained false \
        -p:PublishReadyToRun=true -o "$out" --nologo -v quiet -clp:ErrorsOnly -clp:NoSummary >&2; then
    echo "build.sh: ReadyToRun publish failed; building without it." >&2
    dotnet build "$root/Build.csproj" -c Release -o "$out" --nologo -v quiet -clp:ErrorsOnly -clp:NoSummary >&2
  fi
  mkdir -p "$(dirname "$stamp")"
  echo "$current" > "$stamp.tmp" && mv "$stamp.tmp" "$stamp"
fi

export GITOPS_BUILD_ROOT="$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
exec dotnet "$out/Build.dll" "$@"
