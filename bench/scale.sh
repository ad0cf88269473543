#!/usr/bin/env bash
# Scale benchmark: the CI target over generated repositories with 10, 50 and 200 Applications,
# half of them Helm (copies of this repository's dev Application, each in its own namespace) and
# half Kustomize (an overlay per Application over a base holding the same chart's rendered dev
# output), helm cache off, and the time per Application, which should stay flat as the count grows.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./build.sh --target=Tools --no-report >/dev/null
helm="$root/.tools/helm/v3.17.2/helm"; [[ -x "$helm" ]] || helm="$(command -v helm)"  # the helm the build renders with

# shellcheck source=bench/generate-repo.sh
source "$root/bench/generate-repo.sh"

printf '%-14s %10s %16s\n' applications seconds "ms/application"
for n in 10 50 200; do
  dir="/tmp/gitops-scale-$n"
  generate "$n" "$dir"
  start=$(date +%s%N)
  ./build.sh --root="$dir" --offline --no-cache --no-report >/dev/null 2>&1 || { echo "CI failed on $dir"; ./build.sh --root="$dir" --offline --no-cache 2>&1 | tail -20; exit 1; }
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  printf '%-14s %10.2f %16.1f\n' "$n" "$(awk -v m="$ms" 'BEGIN{print m/1000}')" "$(awk -v m="$ms" -v n="$n" 'BEGIN{print m/n}')"
done
