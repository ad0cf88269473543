#!/usr/bin/env bash
# Cold CI benchmark: what a fresh CI runner pays. In a fresh clone of this repository's HEAD (no
# .build, obj or bin; the pinned helm and kubectl copied in from .tools/ so that no download is
# measured) it times `CI=true ./build.sh --target=CI` from start to exit, build of the build program
# included, against a plain `dotnet build -c Release Build.csproj` of the same clone (cold: obj and
# bin removed first), measured in the same run. Prints both medians and the ratio (goal: at most 2).
#
#   bench/cold.sh [mode ...]   '' (the default) is the mode CI=true chooses; plain, r2r or
#                              composite set GITOPS_BUILD_MODE. RUNS=N pairs per mode (default 3).
#
# Each pair is a fresh clone, and the two alternate which goes first. The NuGet package cache is the
# machine's (warm), for the baseline and ./build.sh alike, and one unmeasured build first brings it
# and the disk cache to the same state for both. No build is served by a compiler server or MSBuild
# node left running by an earlier one (the other measurement's, or another user's of this machine):
# each compiles in its own processes, as on a fresh runner.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
modes=("$@"); [[ ${#modes[@]} -gt 0 ]] || modes=("")
runs="${RUNS:-3}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 UseSharedCompilation=false MSBUILDDISABLENODEREUSE=1

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
ours() { # MODE: prints the milliseconds of CI=true ./build.sh --target=CI in the clone, cold
  rm -rf "$scratch/clone/obj" "$scratch/clone/bin" "$scratch/clone/.build" "$scratch/clone/.cache"
  local t0 rc=0; t0=$(now)
  (cd "$scratch/clone" && CI=true GITOPS_BUILD_MODE="$1" ./build.sh --target=CI >"$scratch/ci.log" 2>&1) || rc=$?
  local ms=$(( ($(now) - t0) / 1000000 ))
  [[ $rc -eq 0 ]] || { echo "bench/cold.sh: CI=true ./build.sh --target=CI exited $rc:" >&2; tail -n 20 "$scratch/ci.log" >&2; exit 1; }
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
  chosen="$(sed -n 's/^build.sh: building the build program (sources changed; \([^,)]*\).*/\1/p' "$scratch/ci.log")"
  m_base=$(median "${base[@]}"); m_mine=$(median "${mine[@]}")
  echo "mode ${mode:-(CI=true default)}: ${chosen}"
  echo "  dotnet build -c Release Build.csproj, cold:  ${m_base} ms (median of $runs: ${base[*]})"
  echo "  CI=true ./build.sh --target=CI, cold clone:  ${m_mine} ms (median of $runs: ${mine[*]})"
  awk -v a="$m_mine" -v b="$m_base" 'BEGIN { printf "  ratio: %.2f (goal <= 2)\n", a / b }'
done
