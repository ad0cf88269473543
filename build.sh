#!/usr/bin/env bash
# Bootstrapper: builds the build program only when one of its sources changed, then runs it with
# the arguments given, returning its exit code. Works from any current directory; paths given as
# arguments are relative to where you stand, the repository defaults to the one holding this file.
# build.ps1 does the same, step for step, and shares .build/ with this script (same stamp).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$root/.build/bin"
stamp="$root/.build/stamp"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "build.sh: the .NET SDK (dotnet) is not on PATH; install .NET 10 SDK first." >&2
  exit 1
fi

# How the program is built; whichever gives the shortest total for the situation:
#   composite  self-contained, one composite ReadyToRun image of our code, its packages and the
#              runtime: the fastest start (the JIT has almost nothing left to do) but 2.5-3.3
#              minutes on 2 cores to build. Paid once per change of the build program, so it is
#              what a developer re-running targets gets.
#   r2r        framework-dependent ReadyToRun (our code and packages only)
#   plain      dotnet build: about 10 s, the JIT does the rest at each start.
# A fresh CI runner builds once and runs once, so there the build's own time dominates: with
# CI=true (or 1) the default is plain (bench/cold.sh measures the three on a cold clone).
# GITOPS_BUILD_MODE=plain|r2r|composite chooses explicitly; GITOPS_BUILD_QUICK=1 means plain.
mode="${GITOPS_BUILD_MODE:-}"
if [[ -z "$mode" ]]; then
  if [[ "${GITOPS_BUILD_QUICK:-}" == 1 ]]; then mode=plain
  elif [[ "${CI:-}" =~ ^([Tt][Rr][Uu][Ee]|1)$ ]]; then mode=plain
  else mode=composite
  fi
fi
case "$mode" in
  plain | r2r | composite) ;;
  *) echo "build.sh: GITOPS_BUILD_MODE must be plain, r2r or composite, not '$mode'." >&2; exit 2 ;;
esac

# The stamp's first line is a hash of every source's path and content (not dates, so that a
# .build/ restored by a CI cache into a fresh checkout is still recognised), of both bootstrappers'
# text (a change to how the program is built rebuilds it) and of the mode (switching modes
# rebuilds). build.ps1 computes the same value, so either script reuses what the other built.
# Its second line, build.sh's alone, hashes the same files' paths, sizes and dates: while that
# matches, the contents are not read again (about 20 ms less per run).
sources() { find Build.csproj build -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.json' -o -name '*.props' -o -name '*.targets' \) "$@"; find build.sh build.ps1 "$@"; }
quick="$(cd "$root" && { sources -printf '%p %s %T@\n' 2>/dev/null | LC_ALL=C sort; echo "mode=$mode"; } | sha256sum | cut -d' ' -f1)"
previous=; previous_quick=
if [[ -f "$stamp" ]]; then { read -r previous; read -r previous_quick; } < "$stamp" || true; fi
if [[ -n "$previous" && "$quick" == "$previous_quick" ]]; then
  current="$previous"
else
  current="$(cd "$root" && { sources -print0 | LC_ALL=C sort -z | xargs -0 sha256sum --; echo "mode=$mode"; } | sha256sum | cut -d' ' -f1)"
  if [[ "$current" == "$previous" && -x "$out/Build" ]]; then
    printf '%s\n%s\n' "$current" "$quick" > "$stamp.tmp" && mv "$stamp.tmp" "$stamp"
  fi
fi

if [[ "$current" != "$previous" || ! -x "$out/Build" ]]; then
  rm -f "$stamp"
  next="$out.next"
  rm -rf "$next"
  publish() { dotnet publish "$root/Build.csproj" -c Release --use-current-runtime -o "$next" --nologo -v quiet -clp:ErrorsOnly -clp:NoSummary "$@" >&2; }
  plain_build() { dotnet build "$root/Build.csproj" -c Release -o "$next" --nologo -v quiet -clp:ErrorsOnly -clp:NoSummary >&2; }
  r2r_build() { publish --self-contained false -p:PublishReadyToRun=true; }
  composite_build() { publish --self-contained true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true; }
  # Each mode falls back to the next cheaper one (composite, r2r, plain) where it cannot be built,
  # e.g. where the runtime pack cannot be restored.
  case "$mode" in
    composite) echo "build.sh: building the build program (sources changed; composite ReadyToRun, about 2.5 minutes the first time)..." >&2 ;;
    r2r) echo "build.sh: building the build program (sources changed; framework-dependent ReadyToRun)..." >&2 ;;
    plain) echo "build.sh: building the build program (sources changed; plain build)..." >&2 ;;
  esac
  built=
  if [[ $mode == composite ]]; then
    if composite_build; then built=1
    else echo "build.sh: composite ReadyToRun publish failed; trying a framework-dependent one." >&2; rm -rf "$next"
    fi
  fi
  if [[ -z $built && $mode != plain ]]; then
    if r2r_build; then built=1
    else echo "build.sh: ReadyToRun publish failed; building without it." >&2; rm -rf "$next"
    fi
  fi
  [[ -n $built ]] || plain_build
  # The new build replaces the old one whole: a framework-dependent build must not find a
  # self-contained build's runtime files beside it.
  rm -rf "$out" && mv "$next" "$out"
  mkdir -p "$(dirname "$stamp")"
  printf '%s\n%s\n' "$current" "$quick" > "$stamp.tmp" && mv "$stamp.tmp" "$stamp"
fi

export GITOPS_BUILD_ROOT="$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
exec "$out/Build" "$@"
