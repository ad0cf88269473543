#!/usr/bin/env bash
# Does an ahead-of-time image pay? Measures, in the same run, on clones of this repository's HEAD:
#   1. what each image costs to build: GITOPS_BUILD_MODE=plain|r2r|composite ./build.sh --version,
#      wall and CPU seconds (obj/ and .build/ removed first);
#   2. a warm run of the README's main job (`./build.sh`, the offline CI over gitops/) with each
#      image, interleaved, median of RUNS (default 9);
#   3. what a background build costs the runs made while it works: the same warm run on the plain
#      image while a publish of BACKGROUND (composite, the default, or r2r) runs as build.sh's
#      background build does (nice 19, idle I/O class, no build servers), against runs with that
#      publish paused (SIGSTOP), alternating, so both halves see the same load from the rest of the
#      machine. PAIRS (default 9) or until it ends.
# Prints the figures and, per ahead-of-time kind, how many runs repay its build's CPU time.
# KINDS="plain r2r composite" (the default) chooses the images of 1 and 2; plain is always built.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-9}"; pairs="${PAIRS:-9}"; background="${BACKGROUND:-composite}"
read -r -a kinds <<<"${KINDS:-plain r2r composite}"
[[ " ${kinds[*]} " == *" plain "* ]] || kinds=(plain "${kinds[@]}")
scratch="$(mktemp -d)"
publisher=
cleanup() {
  if [[ -n "$publisher" ]]; then kill -CONT -- "-$publisher" 2>/dev/null || true; kill -- "-$publisher" 2>/dev/null || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
unset CI GITOPS_BUILD_QUICK GITOPS_BUILD_BACKGROUND

for tool in helm kubectl; do
  [[ -d "$root/.tools/$tool" ]] || { echo "bench/background.sh: $root/.tools/$tool is missing; run ./build.sh --target=Tools once." >&2; exit 1; }
done
now() { date +%s%N; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
declare -A build_ms build_cpu

for kind in "${kinds[@]}"; do
  git clone -q "$root" "$scratch/$kind"
  mkdir -p "$scratch/$kind/.tools" && cp -r "$root/.tools/helm" "$root/.tools/kubectl" "$scratch/$kind/.tools/"
  t0=$(now)
  cpu="$( { cd "$scratch/$kind" && /usr/bin/time -f '%U %S' env GITOPS_BUILD_MODE="$kind" ./build.sh --version >/dev/null 2>"$scratch/$kind.err"; tail -n 1 "$scratch/$kind.err"; } )"
  build_ms[$kind]=$(( ($(now) - t0) / 1000000 ))
  build_cpu[$kind]="$(awk '{printf "%.0f", $1 + $2}' <<<"$cpu")"
  (cd "$scratch/$kind" && GITOPS_BUILD_MODE="$kind" ./build.sh >/dev/null 2>&1)   # warm: helm results cached
done

declare -A warm
for ((i = 0; i < runs; i++)); do
  for kind in "${kinds[@]}"; do
    t0=$(now); (cd "$scratch/$kind" && GITOPS_BUILD_MODE="$kind" ./build.sh >/dev/null 2>&1); warm[$kind]+=" $(( ($(now) - t0) / 1000000 ))"
  done
done

# The background build, as build.sh starts it, of a copy of the sources; paused and resumed.
mkdir -p "$scratch/bg" && (cd "$root" && git archive HEAD Build.csproj build | tar -x -C "$scratch/bg")
case "$background" in
  composite) publish_args=(--self-contained true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true) ;;
  r2r) publish_args=(--self-contained false -p:PublishReadyToRun=true) ;;
  *) echo "bench/background.sh: BACKGROUND must be composite or r2r" >&2; exit 2 ;;
esac
setsid nice -n 19 ionice -c 3 dotnet publish "$scratch/bg/Build.csproj" -c Release --use-current-runtime -o "$scratch/bg/out" \
  "${publish_args[@]}" --disable-build-servers --nologo -v quiet >"$scratch/bg.log" 2>&1 &
publisher=$!
sleep 5   # past restore, into the compilers
warm_plain() { local t0; t0=$(now); (cd "$scratch/plain" && GITOPS_BUILD_MODE=plain ./build.sh >/dev/null 2>&1); echo $(( ($(now) - t0) / 1000000 )); }
busy=(); idle=()
for ((i = 0; i < pairs; i++)); do
  kill -0 "$publisher" 2>/dev/null || break
  if (( i % 2 == 0 )); then
    busy+=("$(warm_plain)"); kill -STOP -- "-$publisher"; idle+=("$(warm_plain)"); kill -CONT -- "-$publisher"
  else
    kill -STOP -- "-$publisher"; idle+=("$(warm_plain)"); kill -CONT -- "-$publisher"; busy+=("$(warm_plain)")
  fi
done
kill -- "-$publisher" 2>/dev/null || true; publisher=

echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
for kind in "${kinds[@]}"; do
  # shellcheck disable=SC2086
  echo "$kind: build ${build_ms[$kind]} ms (${build_cpu[$kind]} CPU s); warm ./build.sh $(median ${warm[$kind]}) ms (median of $runs:${warm[$kind]})"
done
m_plain=$(median ${warm[plain]})
for kind in "${kinds[@]}"; do
  [[ "$kind" != plain ]] || continue
  m=$(median ${warm[$kind]})
  awk -v k="$kind" -v p="$m_plain" -v m="$m" -v c="${build_cpu[$kind]}" -v cp="${build_cpu[plain]}" 'BEGIN {
    s = (p - m) / 1000; printf "%s: %.2f of plain per warm run, %.0f ms saved; its build costs %d CPU s more than plain: repaid after %s runs\n", k, m / p, p - m, c - cp, (s > 0 ? sprintf("%.0f", (c - cp) / s) : "no number of") }'
done
if [[ ${#busy[@]} -gt 0 ]]; then
  m_busy=$(median "${busy[@]}"); m_idle=$(median "${idle[@]}")
  echo "warm ./build.sh (plain) during a background $background build: ${m_busy} ms (median of ${#busy[@]}: ${busy[*]})"
  echo "                        with that build paused:                ${m_idle} ms (median of ${#idle[@]}: ${idle[*]})"
  awk -v a="$m_busy" -v b="$m_idle" 'BEGIN { printf "ratio: %.2f (1.00: the background build costs the runs nothing)\n", a / b }'
fi
