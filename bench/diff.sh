#!/usr/bin/env bash
# Diff benchmark: a generated repository of 200 Helm Applications (copies of this repository's dev
# Application, each with its own namespace and its own values file), committed; then one values
# file is changed in the working tree. Measured in the same run, interleaved, median of N each:
#   Diff:     ./build.sh --target=Diff --base=HEAD (renders the one touched Application on both sides)
#   baseline: rendering both revisions whole, ./build.sh --target=Template on a clone of HEAD and
#             on the working tree.
# Both with --no-cache, so every helm call they make is made. Prints both medians and the ratio
# (goal: at most 0.05); no pass or fail on time.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
apps="${APPS:-200}"
cd "$root"
./build.sh --target=Tools --no-report >/dev/null

dir="/tmp/gitops-diff-bench"
rm -rf "$dir" "$dir-base"; mkdir -p "$dir/gitops/argocd/applications"
cp -r charts "$dir/"
cp -r gitops/argocd/bootstrap gitops/argocd/projects "$dir/gitops/argocd/"
cp gitops-build.yaml "$dir/"   # the root app, the seed profile and the environments
for ((i = 1; i <= apps; i++)); do
  mkdir -p "$dir/gitops/apps/bench-app-$i"
  cp gitops/apps/ontu-schedule-bot-admin/values-dev.yaml "$dir/gitops/apps/bench-app-$i/values-dev.yaml"
  sed -e "s/name: ontu-schedule-bot-admin-dev/name: bench-app-$i/" \
      -e "s/namespace: ontu-schedule-dev/namespace: ontu-schedule-bench-$i/" \
      -e "s|gitops/apps/ontu-schedule-bot-admin/values-dev.yaml|gitops/apps/bench-app-$i/values-dev.yaml|" \
      gitops/argocd/applications/ontu-schedule-bot-admin-dev.yaml > "$dir/gitops/argocd/applications/bench-app-$i.yaml"
done
git -C "$dir" init -q
printf 'artifacts/\n' > "$dir/.gitignore"
git -C "$dir" add -A
git -C "$dir" -c user.name=bench -c user.email=bench@example.invalid commit -qm "generated"
git clone -q "$dir" "$dir-base"   # the base revision as a second checkout, for the baseline only
# The change under review: one value in one Application's values file.
sed -i 's/^replicaCount: .*/replicaCount: 3/' "$dir/gitops/apps/bench-app-7/values-dev.yaml"
git -C "$dir" diff --stat | tail -1

now() { date +%s%N; }
./build.sh --root="$dir" --target=Diff --base=HEAD --offline --no-cache --no-report >/dev/null 2>&1 \
  || { echo "Diff failed on $dir"; ./build.sh --root="$dir" --target=Diff --base=HEAD --offline --no-cache 2>&1 | tail -20; exit 1; }
grep -c '^| bench-app' "$dir/artifacts/reports/diff.md" | sed 's/^/Applications in the diff: /'
ours=(); theirs=()
for ((i = 0; i < runs; i++)); do
  t0=$(now); ./build.sh --root="$dir" --target=Diff --base=HEAD --offline --no-cache --no-report >/dev/null 2>&1; t1=$(now)
  ./build.sh --root="$dir-base" --target=Template --offline --no-cache --no-report >/dev/null 2>&1
  ./build.sh --root="$dir" --target=Template --offline --no-cache --no-report >/dev/null 2>&1; t2=$(now)
  ours+=($(( (t1 - t0) / 1000000 ))); theirs+=($(( (t2 - t1) / 1000000 )))
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
m_ours=$(median "${ours[@]}"); m_theirs=$(median "${theirs[@]}")
echo "$apps Applications, one values file changed (median of $runs, --no-cache)"
echo "rendering both revisions whole (Template x2): ${m_theirs} ms"
echo "./build.sh --target=Diff --base=HEAD:         ${m_ours} ms"
awk -v a="$m_ours" -v b="$m_theirs" 'BEGIN { printf "ratio: %.3f (goal <= 0.05)\n", a / b }'
