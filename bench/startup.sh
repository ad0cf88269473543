#!/usr/bin/env bash
# Start-up benchmark: warm `./build.sh --description` against the usual Frosting bootstrapper
# `dotnet run --project Build.csproj -- --description`, measured in the same run, interleaved,
# median of N runs each. Prints both medians and the ratio (goal: at most 0.3).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-7}"
cd "$root"

# Warm both paths first: build.sh's compiled output and dotnet run's own build.
./build.sh --description >/dev/null
dotnet run --project Build.csproj -- --description >/dev/null

now() { date +%s%N; }
ours=(); theirs=()
for ((i = 0; i < runs; i++)); do
  t0=$(now); ./build.sh --description >/dev/null; t1=$(now)
  dotnet run --project Build.csproj -- --description >/dev/null; t2=$(now)
  ours+=($(( (t1 - t0) / 1000000 ))); theirs+=($(( (t2 - t1) / 1000000 )))
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
m_ours=$(median "${ours[@]}"); m_theirs=$(median "${theirs[@]}")
echo "warm ./build.sh --description:                 ${m_ours} ms (median of $runs)"
echo "dotnet run --project Build.csproj -- --description: ${m_theirs} ms (median of $runs)"
awk -v a="$m_ours" -v b="$m_theirs" 'BEGIN { printf "ratio: %.2f (goal <= 0.30)\n", a / b }'
