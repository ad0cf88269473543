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
# This script's own text is part of it: a change to how the program is built rebuilds it.
current="$(cd "$root" && { find Build.csproj build -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.json' -o -name '*.props' -o -name '*.targets' \) -printf '%p %s %T@\n' 2>/dev/null | LC_ALL=C sort; cat build.sh; echo "quick=${GITOPS_BUILD_QUICK:-}"; } | sha256sum | cut -d' ' -f1)"
previous="$(cat "$stamp" 2>/dev/null || true)"

if [[ "$current" != "$previous" || ! -x "$out/Build" ]]; then
  rm -f "$stamp"
  next="$out.next"
  rm -rf "$next"
  publish() { dotnet publish "$root/Build.csproj" -c Release --use-current-runtime -o "$next" --nologo -v quiet -clp:ErrorsOnly -clp:NoSummary "$@" >&2; }
  plain_build() { dotnet build "$root/Build.csproj" -c Release -o "$next" --nologo -v quiet -clp:ErrorsOnly -clp:NoSummary >&2; }
  if [[ "${GITOPS_BUILD_QUICK:-}" == 1 ]]; then
    # For whoever is editing the build program: seconds to build, slower to start.
    echo "build.sh: building the build program (GITOPS_BUILD_QUICK=1: plain build)..." >&2
    plain_build
  else
    # Start-up is mostly JIT otherwise, so the program is compiled ahead of time for this machine
    # together with the .NET runtime it ships with (self-contained, one composite ReadyToRun
    # image): generic code shared between our code, its packages and the framework is compiled
    # too, which a framework-dependent ReadyToRun build leaves to the JIT. It takes about 2.5
    # minutes on 2 cores, once per change of the build program. Where the runtime pack cannot be
    # restored, a framework-dependent ReadyToRun build, then a plain build, do the same job.
    echo "build.sh: building the build program (sources changed; about 2.5 minutes the first time)..." >&2
    if ! publish --self-contained true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true; then
      echo "build.sh: composite ReadyToRun publish failed; trying a framework-dependent one." >&2
      rm -rf "$next"
      if ! publish --self-contained false -p:PublishReadyToRun=true; then
        echo "build.sh: ReadyToRun publish failed; building without it." >&2
        rm -rf "$next"
        plain_build
      fi
    fi
  fi
  # The new build replaces the old one whole: a framework-dependent build must not find a
  # self-contained build's runtime files beside it.
  rm -rf "$out" && mv "$next" "$out"
  mkdir -p "$(dirname "$stamp")"
  echo "$current" > "$stamp.tmp" && mv "$stamp.tmp" "$stamp"
fi

export GITOPS_BUILD_ROOT="$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
exec "$out/Build" "$@"
