#!/usr/bin/env bash
# The bootstrappers: build.ps1 under PowerShell 7 runs with the same arguments as build.sh and must
# behave the same (exit codes, output, the shared .build/ and stamp); then both, on a copy of the
# build program's sources, must build plainly, say which image a run uses, build an ahead-of-time
# image in the background and swap it in without disturbing a run, keep a failed one from replacing
# the plain build, build only once when started together, and leave no process behind. PowerShell
# is the dotnet tool `PowerShell` 7.6.9, installed into the git-ignored .tools/pwsh if missing (or
# $PWSH, a pwsh already installed). Ends with one line "N passed, N failed"; exits 1 if a check failed.
#
# It runs ./build.sh first, so build.ps1 must find .build/ already built and must not build it again.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 POWERSHELL_TELEMETRY_OPTOUT=1 POWERSHELL_UPDATECHECK=Off
unset GITOPS_BUILD_MODE GITOPS_BUILD_QUICK GITOPS_BUILD_BACKGROUND

passed=0; failed=0
pass() { passed=$((passed + 1)); echo "PASS $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; [[ -z "${2:-}" ]] || sed 's/^/     /' <<<"$2" | tail -n 20; }
check() { # NAME DETAILS CONDITION...: passes when the command CONDITION... succeeds
  local name="$1" details="$2"; shift 2
  if "$@"; then pass "$name"; else fail "$name" "$details"; fi
}
finish() { echo "$passed passed, $failed failed"; [[ $failed -eq 0 ]]; exit $?; }

pwsh="${PWSH:-}"
if [[ -z "$pwsh" ]]; then
  pwsh="$root/.tools/pwsh/pwsh"
  if [[ ! -x "$pwsh" ]]; then
    echo "installing PowerShell 7.6.9 (dotnet tool) into .tools/pwsh"
    if ! log="$(dotnet tool install --tool-path "$root/.tools/pwsh" PowerShell --version 7.6.9 2>&1)"; then
      fail "install PowerShell 7.6.9" "$log"; finish
    fi
  fi
fi
if ! version="$("$pwsh" -NoLogo -NoProfile -Command '$PSVersionTable.PSVersion.ToString()' 2>&1)" || [[ "$version" != 7.* ]]; then
  fail "PowerShell 7 runs ($pwsh)" "$version"; finish
fi
echo "PowerShell $version ($pwsh)"

out="$(mktemp -d)"
holding=
cleanup() { [[ -z "$holding" ]] || exec 5<&-; rm -rf "$out"; }
trap cleanup EXIT
# run NAME SCRIPT ARGS...: runs build.sh or build.ps1 (SCRIPT sh|ps1) of $here (default: this
# repository); stdout to $out/NAME.out, stderr to $out/NAME.err, exit code to $rc.
here="$root"
run() {
  local name="$1" script="$2"; shift 2
  if [[ "$script" == ps1 ]]; then "$pwsh" -NoLogo -NoProfile -NonInteractive -File "$here/build.ps1" "$@"
  else "$here/build.sh" "$@"; fi >"$out/$name.out" 2>"$out/$name.err"
  rc=$?
}
expect_rc() { # NAME WANT
  if [[ $rc -eq $2 ]]; then pass "$1 (exit $rc)"; else fail "$1: exit $rc, expected $2" "$(cat "$out/$1.err" "$out/$1.out")"; fi
}
says() { grep -qxF "$2" "$out/$1.err"; }   # NAME LINE: the run wrote exactly this line on stderr
images() { (cd "$here/.build" 2>/dev/null && ls -d plain-* r2r-* composite-* 2>/dev/null | LC_ALL=C sort | tr '\n' ' '); }
only_image() { [[ "$(images)" =~ ^$1-[^\ ]+\ $ ]]; }   # KIND: exactly one image, of this kind
stamp_kind() { sed -n '3s/ .*//p' "$here/.build/stamp" 2>/dev/null; }
wait_background() { timeout 1800 flock "$here/.build/background.lock" true; }
left_running() { ps -eo args= | grep -F "$here/" | grep -v grep; }

# --- build.ps1 beside build.sh, in this repository ---------------------------------------------
# A background build an earlier run started here (GITOPS_BUILD_BACKGROUND) must not swap its image
# in between the two runs compared below.
[[ ! -f .build/background.lock ]] || wait_background
# build.sh builds (if it must); build.ps1 then finds the same stamp and the same image.
run sh-description sh --description
expect_rc sh-description 0
stamp_before="$(cat .build/stamp 2>/dev/null)"; images_before="$(images)"

run ps1-description ps1 --description
expect_rc ps1-description 0
if grep -q 'building the build program' "$out/ps1-description.err" || [[ "$(cat .build/stamp 2>/dev/null)" != "$stamp_before" || "$(images)" != "$images_before" ]]; then
  fail "build.ps1 reuses what build.sh built (same stamp, same image, no rebuild)" "$(cat "$out/ps1-description.err")"
else
  pass "build.ps1 reuses what build.sh built (same stamp, same image, no rebuild)"
fi
if cmp -s "$out/sh-description.out" "$out/ps1-description.out"; then pass "--description: same output as build.sh"
else fail "--description: output differs from build.sh" "$(diff "$out/sh-description.out" "$out/ps1-description.out")"; fi
kind="$(stamp_kind)"
case "$kind" in plain) line="plain build" ;; r2r) line="ahead-of-time image (ReadyToRun)" ;; *) line="ahead-of-time image (composite ReadyToRun)" ;; esac
check "both say which image the run uses ($line)" "$(cat "$out/sh-description.err" "$out/ps1-description.err")" \
  eval 'says sh-description "build.sh: $line" && says ps1-description "build.ps1: $line"'

run ps1-quiet ps1 --version --verbosity=quiet
expect_rc ps1-quiet 0
check "--verbosity=quiet: no line about the image" "$(cat "$out/ps1-quiet.err")" eval '! grep -q "^build.ps1: " "$out/ps1-quiet.err"'

run ps1-nope ps1 --target=Nope
expect_rc ps1-nope 2

GITOPS_BUILD_MODE=bogus run ps1-bad-mode ps1 --description
expect_rc ps1-bad-mode 2
GITOPS_BUILD_BACKGROUND=yes run ps1-bad-background ps1 --description
expect_rc ps1-bad-background 2
GITOPS_BUILD_BACKGROUND=yes run sh-bad-background sh --description
expect_rc sh-bad-background 2

run ps1-tools ps1 --target=Tools --no-report
expect_rc ps1-tools 0

# The default target (CI) over this repository's gitops/ folder, as build.sh runs it.
run ps1-ci ps1
expect_rc ps1-ci 0

# --- images, on a copy of the build program's sources (a first run each time it starts) ----------
here="$out/copy"
mkdir -p "$here"
(cd "$root" && find Build.csproj build build.sh build.ps1 -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.json' -o -name '*.props' -o -name '*.targets' -o -name 'build.*' \) -print0 | xargs -0 cp --parents -t "$here")
unset CI   # a developer's machine; CI=true is set where it is the point

# Started together on a fresh copy: one builds, the other waits for it and uses the same image.
"$here/build.sh" --version >"$out/together-sh.out" 2>"$out/together-sh.err" & sh_pid=$!
"$pwsh" -NoLogo -NoProfile -NonInteractive -File "$here/build.ps1" --version >"$out/together-ps1.out" 2>"$out/together-ps1.err"; ps1_rc=$?
wait "$sh_pid"; sh_rc=$?
builds="$(cat "$out/together-sh.err" "$out/together-ps1.err" | grep -c 'building the build program')"
check "started together: both exit 0, one builds, one image" "$(cat "$out"/together-*.err; images)" \
  eval '[[ $sh_rc -eq 0 && $ps1_rc -eq 0 && $builds -eq 1 && "$(stamp_kind)" == plain ]] && only_image plain'
check "a first run is a plain build and says so" "$(cat "$out"/together-*.err)" \
  eval 'grep -qxF "build.sh: plain build" "$out/together-sh.err" && grep -qxF "build.ps1: plain build" "$out/together-ps1.err"'

# Under CI no background build starts, whatever is asked for.
CI=true GITOPS_BUILD_BACKGROUND=r2r run ci-background ps1 --version
check "CI=true: no background build" "$(cat "$out/ci-background.err")" \
  eval 'says ci-background "build.ps1: plain build" && [[ ! -e "$here/.build/background.log" ]]'

# A background build: the run goes on with the plain build at once; the image is swapped in when
# complete, while a run still holding the plain image keeps it (a run's shared lock on .in-use).
plain_image="$(images)"; plain_image="${plain_image% }"
exec 5<"$here/.build/$plain_image/.in-use" && flock -s 5 && holding=1
GITOPS_BUILD_BACKGROUND=r2r run background sh --version
expect_rc background 0
check "the run says an image is being built in the background" "$(cat "$out/background.err")" \
  says background "build.sh: plain build (an ahead-of-time image is being built in the background)"
wait_background
check "the background image is swapped in (stamp: r2r), the held plain image kept" "$(cat "$here/.build/background.log"; images)" \
  eval '[[ "$(stamp_kind)" == r2r && -x "$here/.build/$plain_image/Build" ]]'
GITOPS_BUILD_BACKGROUND=r2r run after-swap ps1 --version
check "build.ps1 then uses the ahead-of-time image without building" "$(cat "$out/after-swap.err")" \
  eval 'says after-swap "build.ps1: ahead-of-time image (ReadyToRun)" && ! grep -q "building" "$out/after-swap.err"'
exec 5<&-; holding=
check "no process left behind by the background build" "$(left_running)" eval '[[ -z "$(left_running)" ]]'

# A background build that fails leaves the plain build in place, says so, and is not retried for
# the same sources. The dotnet on PATH here fails every publish (an ahead-of-time build).
mkdir -p "$out/fake"
printf '#!/usr/bin/env bash\nfor a in "$@"; do [[ $a == publish ]] && { echo "simulated publish failure" >&2; exit 1; }; done\nexec %q "$@"\n' "$(command -v dotnet)" >"$out/fake/dotnet"
chmod +x "$out/fake/dotnet"
echo "// changed" >>"$(find "$here/build" -name '*.cs' | head -n 1)"
PATH="$out/fake:$PATH" GITOPS_BUILD_BACKGROUND=r2r run failing sh --version
expect_rc failing 0
wait_background
PATH="$out/fake:$PATH" GITOPS_BUILD_BACKGROUND=r2r run after-failure ps1 --version
check "a failed background build leaves the plain build and says so" "$(cat "$out/after-failure.err" "$here/.build/background.log" 2>/dev/null)" \
  eval 'says after-failure "build.ps1: plain build (the background build failed: .build/background.log)" && [[ "$(stamp_kind)" == plain ]]'
check "images no run holds are deleted at the next build (one left)" "$(images)" only_image plain
check "no process left behind by the failed background build" "$(left_running)" eval '[[ -z "$(left_running)" ]]'

finish
