#!/usr/bin/env bash
# Re-run benchmark: CI over a generated repository of N Kustomize Applications (default 200; an
# ApplicationSet over overlays with components and a vendored helmCharts chart, see
# generate-repo.sh), run twice: first with an empty result cache, then again with nothing changed.
# Prints both times and the ratio of the unchanged re-run to the first run (goal: at most 0.2).
# The program's own .cache/results is moved aside for the measurement and put back afterwards.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-200}"
cd "$root"
./build.sh --target=Tools --no-report >/dev/null
helm="$root/.tools/helm/v3.17.2/helm"; [[ -x "$helm" ]] || helm="$(command -v helm)"  # the helm the build renders with

# shellcheck source=bench/generate-repo.sh
source "$root/bench/generate-repo.sh"
dir="/tmp/gitops-rerun-$n"
generate_kustomize "$n" "$dir"

results="$root/.cache/results"; saved="$root/.cache/results.before-rerun-bench"
[[ -e "$results" ]] && mv "$results" "$saved"
restore() { rm -rf "$results"; [[ -e "$saved" ]] && mv "$saved" "$results"; return 0; }
trap restore EXIT

ci() { ./build.sh --root="$dir" --offline --no-report >/dev/null 2>&1 || { echo "CI failed on $dir:"; ./build.sh --root="$dir" --offline 2>&1 | tail -20; exit 1; }; }
now() { date +%s%N; }
t0=$(now); ci; t1=$(now); ci; t2=$(now)
first=$(( (t1 - t0) / 1000000 )); again=$(( (t2 - t1) / 1000000 ))
echo "CI over $n Kustomize Applications (components, helmCharts), empty result cache: ${first} ms"
echo "the same again, nothing changed:                                  ${again} ms"
awk -v a="$again" -v f="$first" 'BEGIN { printf "ratio unchanged re-run / first run: %.3f (goal <= 0.2)\n", a / f }'
