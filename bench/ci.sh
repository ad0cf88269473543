#!/usr/bin/env bash
# CI benchmark: `./build.sh --target=CI` on this repository against the same `helm lint --strict`
# and `helm template` calls run one after another by a shell loop (what the scripts it replaces
# do), in the same run, median of N each, interleaved. Prints both medians and the ratio
# (goal: at most 0.75 on 2 cores). Measured twice: with the helm result cache warm (what a
# developer re-running CI, or a CI job restoring .cache/, gets) and with --no-cache (every helm
# call made again, as the shell loop does).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
cd "$root"
./build.sh --target=Tools --no-report >/dev/null
helm="$root/.tools/helm/v3.17.2/helm"; [[ -x "$helm" ]] || helm="$(command -v helm)"  # the helm the build renders with

# The shell loop: one lint and one template per environment, with the Application's values.
shell_loop() {
  local chart=charts/ontu-schedule-bot-admin
  for env in dev staging prod; do
    local values="gitops/apps/ontu-schedule-bot-admin/values-$env.yaml"
    "$helm" lint --strict "$chart" --namespace "ontu-schedule-$env" --values "$values" >/dev/null
    "$helm" template ontu-schedule-bot-admin "$chart" --namespace "ontu-schedule-$env" --include-crds --values "$values" > "/tmp/bench-$env.yaml"
  done
}

./build.sh --target=CI --offline --no-report >/dev/null 2>&1 || true   # warm
now() { date +%s%N; }
ours=(); cold=(); theirs=()
for ((i = 0; i < runs; i++)); do
  t0=$(now); ./build.sh --target=CI --offline --no-report >/dev/null 2>&1; t1=$(now)
  ./build.sh --target=CI --offline --no-report --no-cache >/dev/null 2>&1; t2=$(now)
  shell_loop; t3=$(now)
  ours+=($(( (t1 - t0) / 1000000 ))); cold+=($(( (t2 - t1) / 1000000 ))); theirs+=($(( (t3 - t2) / 1000000 )))
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
m_ours=$(median "${ours[@]}"); m_cold=$(median "${cold[@]}"); m_theirs=$(median "${theirs[@]}")
echo "shell loop of helm lint + helm template:           ${m_theirs} ms (median of $runs)"
echo "./build.sh --target=CI, helm cache warm:           ${m_ours} ms"
echo "./build.sh --target=CI --no-cache (every helm run): ${m_cold} ms"
awk -v a="$m_ours" -v c="$m_cold" -v b="$m_theirs" 'BEGIN { printf "ratio warm: %.2f, ratio --no-cache: %.2f (goal <= 0.75)\n", a / b, c / b }'
