#!/usr/bin/env bash
# Scale benchmark: the CI target over generated repositories with 10, 50 and 200 Applications
# (copies of this repository's dev Application, each in its own namespace), helm cache off, and
# the time per Application, which should stay flat as the count grows.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./build.sh --target=Tools --no-report >/dev/null

generate() {
  local n="$1" dir="$2"
  rm -rf "$dir"; mkdir -p "$dir"
  cp -r charts gitops "$dir/"
  rm "$dir"/gitops/argocd/applications/*.yaml
  for ((i = 1; i <= n; i++)); do
    sed -e "s/name: ontu-schedule-bot-admin-dev/name: bench-app-$i/" \
        -e "s/namespace: ontu-schedule-dev/namespace: ontu-schedule-bench-$i/" \
        gitops/argocd/applications/ontu-schedule-bot-admin-dev.yaml > "$dir/gitops/argocd/applications/bench-app-$i.yaml"
  done
}

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
