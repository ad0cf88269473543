#!/usr/bin/env bash
# Cold-start benchmark: what the first run on a fresh clone costs, against a plain `dotnet build`
# of the project measured in the same run.
#
#   bench/cold.sh [mode ...]
#
# Without CI set (a newcomer's first run): in a fresh clone of this repository's HEAD it times
# `./build.sh`, the README's main job, from start to its result, build of the build program
# included. With CI=true (or 1) set: `CI=true ./build.sh --target=CI`, what a fresh runner pays.
# The baseline is `dotnet build -c Release Build.csproj` of the same clone, cold (obj and bin
# removed). Prints both medians and the ratio (goal: at most 2.5 for the first run, 2 for CI).
# Modes: '' (the default) is what build.sh chooses by itself; plain, r2r or composite set
# GITOPS_BUILD_MODE. RUNS=N pairs per mode (default 3).
#
# Each pair is a fresh clone (no .build, obj or bin; the pinned helm and kubectl copied in from
# .tools/ so that no download is measured), and the two alternate which goes first. The NuGet
# package cache is the machine's (warm), for the baseline and ./build.sh alike, and one unmeasured
# build first brings it and the disk cache to the same state for both. No build is served by a
# compiler server or MSBuild node left running by an earlier one: each compiles in its own
# processes, as on a fresh machine (UseSharedCompilation=false, MSBUILDDISABLENODEREUSE=1, rather
# than `dotnet build-server shutdown`, which would also stop other builds' servers on this machine).
# With GITOPS_BUILD_BACKGROUND set, a pair waits for the background build the first run started to
# end before the next measurement (it is not timed).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
modes=("$@"); [[ ${#modes[@]} -gt 0 ]] || modes=("")
runs="${RUNS:-3}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 UseSharedCompilation=false MSBUILDDISABLENODEREUSE=1
if [[ "${CI:-}" =~ ^([Tt][Rr][Uu][Ee]|1)$ ]]; then
  what="CI=true ./build.sh --target=CI"; run_ours() { CI=true ./build.sh --target=CI; }; goal=2
else
  what="./build.sh (first run)"; run_ours() { env -u CI ./build.sh; }; goal=2.5
fi

for tool in helm kubectl; do
  [[ -d "$root/.tools/$tool" ]] || { echo "bench/cold.sh: $root/.tools/$tool is missing; run ./build.sh --target=Tools once." >&2; exit 1; }
done

now() { date +%s%N; }
fresh_clone() {
  rm -rf "$scratch/clone"
  git clone -q "$root" "$scratch/clone"
  mkdir -p "$scratch/clone/.tools" && cp -r "$root/.tools/helm" "$root/.tools/kubectl" "$scratch/clone/.tools/"
}
baseline() { # prints the milliseconds of a cold dotnet build of the clone
  rm -rf "$scratch/clone/obj" "$scratch/clone/bin"
  local t0; t0=$(now)
  dotnet build -c Release "$scratch/clone/Build.csproj" --nologo -v quiet -clp:ErrorsOnly -clp:NoSummary >/dev/null
  echo $(( ($(now) - t0) / 1000000 ))
}
ours() { # MODE: prints the milliseconds of the run, from a clone without .build, obj or bin
  rm -rf "$scratch/clone/obj" "$scratch/clone/bin" "$scratch/clone/.build" "$scratch/clone/.cache"
  local t0 rc=0; t0=$(now)
  (cd "$scratch/clone" && GITOPS_BUILD_MODE="$1" run_ours >"$scratch/run.log" 2>&1) || rc=$?
  local ms=$(( ($(now) - t0) / 1000000 ))
  [[ $rc -eq 0 ]] || { echo "bench/cold.sh: $what exited $rc:" >&2; tail -n 20 "$scratch/run.log" >&2; exit 1; }
  [[ ! -f "$scratch/clone/.build/background.lock" ]] || flock "$scratch/clone/.build/background.lock" true
  echo "$ms"
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

fresh_clone; baseline >/dev/null   # warm-up, not measured
for mode in "${modes[@]}"; do
  base=(); mine=()
  for ((i = 0; i < runs; i++)); do
    fresh_clone
    if (( i % 2 == 0 )); then base+=("$(baseline)"); mine+=("$(ours "$mode")")
    else mine+=("$(ours "$mode")"); base+=("$(baseline)"); fi
  done
  used="$(sed -n 's/^build\.sh: \(plain build.*\|ahead-of-time image.*\)$/\1/p' "$scratch/run.log" | tail -n 1)"
  m_base=$(median "${base[@]}"); m_mine=$(median "${mine[@]}")
  echo "mode ${mode:-(none: build.sh chooses)}, the run used: ${used}"
  printf '  %-45s %6s ms (median of %s: %s)\n' "dotnet build -c Release Build.csproj, cold:" "$m_base" "$runs" "${base[*]}"
  printf '  %-45s %6s ms (median of %s: %s)\n' "$what, fresh clone:" "$m_mine" "$runs" "${mine[*]}"
  awk -v a="$m_mine" -v b="$m_base" -v g="$goal" 'BEGIN { printf "  ratio: %.2f (goal <= %s)\n", a / b, g }'
done
