#!/usr/bin/env bash
# Cold CI benchmark: what a fresh CI runner pays. In a fresh clone of this repository's HEAD (no
# .build, obj or bin; the pinned helm and kubectl copied in from .tools/ so that no download is
# measured) it times `CI=true ./build.sh --target=CI` from start to exit, build of the build program
# included, against a plain `dotnet build -c Release Build.csproj` of the same clone (cold: obj and
# bin removed first), measured in the same run. Prints both and the ratio (goal: at most 2).
#
#   bench/cold.sh                    the mode CI=true chooses
#   bench/cold.sh plain r2r composite  each given GITOPS_BUILD_MODE, a fresh clone and baseline each
#
# The NuGet package cache is the machine's (warm), for the baseline and ./build.sh alike. No build
# is served by a compiler server or MSBuild node left running by an earlier one (the baseline's, or
# another user's of this machine): each compiles in its own processes, as on a fresh runner.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
modes=("$@"); [[ ${#modes[@]} -gt 0 ]] || modes=("")
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 UseSharedCompilation=false MSBUILDDISABLENODEREUSE=1

for tool in helm kubectl; do
  [[ -d "$root/.tools/$tool" ]] || { echo "bench/cold.sh: $root/.tools/$tool is missing; run ./build.sh --target=Tools once." >&2; exit 1; }
done

now() { date +%s%N; }
for mode in "${modes[@]}"; do
  clone="$scratch/clone-${mode:-default}"
  git clone -q "$root" "$clone"
  mkdir -p "$clone/.tools" && cp -r "$root/.tools/helm" "$root/.tools/kubectl" "$clone/.tools/"

  t0=$(now)
  dotnet build -c Release "$clone/Build.csproj" --nologo -v quiet -clp:ErrorsOnly -clp:NoSummary >/dev/null
  t1=$(now)
  rm -rf "$clone/obj" "$clone/bin" "$clone/.build"

  t2=$(now)
  rc=0
  (cd "$clone" && CI=true GITOPS_BUILD_MODE="$mode" ./build.sh --target=CI >"$scratch/ci.log" 2>&1) || rc=$?
  t3=$(now)
  [[ $rc -eq 0 ]] || { echo "bench/cold.sh: CI=true ./build.sh --target=CI exited $rc:" >&2; tail -n 20 "$scratch/ci.log" >&2; exit 1; }
  chosen="$(sed -n 's/^build.sh: building the build program (sources changed; \([^,)]*\).*/\1/p' "$scratch/ci.log")"

  base=$(( (t1 - t0) / 1000000 )); ours=$(( (t3 - t2) / 1000000 ))
  echo "mode ${mode:-(CI=true default)}: ${chosen}"
  echo "  dotnet build -c Release Build.csproj, cold:  ${base} ms"
  echo "  CI=true ./build.sh --target=CI, cold clone:  ${ours} ms"
  awk -v a="$ours" -v b="$base" 'BEGIN { printf "  ratio: %.2f (goal <= 2)\n", a / b }'
  rm -rf "$clone"
done
