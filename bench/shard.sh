#!/usr/bin/env bash
# Shard benchmark: on a generated repository of 200 Applications (bench/generate-repo.sh: half Helm,
# half Kustomize), the wall time of each of four `--target=CI --shard=k/4` jobs against the whole
# CI run, both measured here, one after another (the jobs of a CI matrix run on runners of their
# own). Each job gets the durations.json the whole run wrote. Prints each job's ratio (goal: at
# most 0.3) and the number of units it owns; no pass/fail on time. Measured twice: --no-cache
# (every helm call made again) and with the helm result cache warm (a job restoring .cache/),
# since a job restoring its cache renders its share again from it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-200}"
cd "$root"
./build.sh --target=Tools --no-report >/dev/null
helm="$root/.tools/helm/v3.17.2/helm"; [[ -x "$helm" ]] || helm="$(command -v helm)"  # the helm the build renders with

# shellcheck source=bench/generate-repo.sh
source "$root/bench/generate-repo.sh"
dir="/tmp/gitops-shard-$n"
generate "$n" "$dir"
durations="/tmp/gitops-shard-$n-durations.json"

now() { date +%s%N; }
# One CI run on the generated repository; prints its wall time in ms. Findings would be a bug of the generator.
ci() {
  local t0 t1
  t0=$(now)
  ./build.sh --root="$dir" --target=CI --offline --no-report "$@" >/tmp/gitops-shard-run.log 2>&1 || { echo "CI $* failed on $dir" >&2; tail -20 /tmp/gitops-shard-run.log >&2; exit 1; }
  t1=$(now)
  echo $(( (t1 - t0) / 1000000 ))
}

for mode in --no-cache warm; do
  flags=(); [[ "$mode" == --no-cache ]] && flags=(--no-cache)
  [[ "$mode" == warm ]] && ci >/dev/null   # fill the helm result cache
  whole=$(ci "${flags[@]}")
  cp "$dir/artifacts/reports/durations.json" "$durations"
  echo "$n Applications, helm cache ${mode/--no-cache/off (--no-cache)}: whole CI run ${whole} ms"
  for k in 1 2 3 4; do
    ms=$(ci "${flags[@]}" --shard=$k/4 --durations="$durations")
    units=$(grep -o 'shard [0-9]*/4: [0-9]* of [0-9]* units' /tmp/gitops-shard-run.log | head -1)
    awk -v m="$ms" -v w="$whole" -v u="$units" 'BEGIN { printf "  %-28s %7d ms  ratio %.2f (goal <= 0.3)\n", u, m, m / w }'
  done
done
