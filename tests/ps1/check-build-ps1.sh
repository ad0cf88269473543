#!/usr/bin/env bash
# build.ps1 under PowerShell 7: runs it with the same arguments as build.sh and checks that it
# behaves the same (exit codes, output, the shared .build/ and stamp). PowerShell is the dotnet
# tool `PowerShell` 7.6.9, installed into the git-ignored .tools/pwsh if missing (or $PWSH, a pwsh
# already installed). Ends with one line "N passed, N failed"; exits 1 if a check failed.
#
# It runs ./build.sh first, so build.ps1 must find .build/ already built for the same mode (the
# environment's: CI=true gives plain) and must not build it again.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 POWERSHELL_TELEMETRY_OPTOUT=1 POWERSHELL_UPDATECHECK=Off

passed=0; failed=0
pass() { passed=$((passed + 1)); echo "PASS $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; [[ -z "${2:-}" ]] || sed 's/^/     /' <<<"$2" | tail -n 20; }
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

out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT
# run NAME SCRIPT ARGS...: stdout to $out/NAME.out, stderr to $out/NAME.err, exit code to $rc.
run() {
  local name="$1" script="$2"; shift 2
  if [[ "$script" == ps1 ]]; then "$pwsh" -NoLogo -NoProfile -NonInteractive -File "$root/build.ps1" "$@"
  else "$root/build.sh" "$@"; fi >"$out/$name.out" 2>"$out/$name.err"
  rc=$?
}
expect_rc() { # NAME WANT
  if [[ $rc -eq $2 ]]; then pass "$1 (exit $rc)"; else fail "$1: exit $rc, expected $2" "$(cat "$out/$1.err" "$out/$1.out")"; fi
}

# build.sh builds (if it must) for the environment's mode; build.ps1 then finds the same stamp.
run sh-description sh --description
expect_rc sh-description 0
stamp_before="$(cat .build/stamp 2>/dev/null)"; bin_before="$(stat -c %Y .build/bin 2>/dev/null)"

run ps1-description ps1 --description
expect_rc ps1-description 0
if grep -q 'building the build program' "$out/ps1-description.err" || [[ "$(cat .build/stamp 2>/dev/null)" != "$stamp_before" || "$(stat -c %Y .build/bin 2>/dev/null)" != "$bin_before" ]]; then
  fail "build.ps1 reuses what build.sh built (same stamp, no rebuild)" "$(cat "$out/ps1-description.err")"
else
  pass "build.ps1 reuses what build.sh built (same stamp, no rebuild)"
fi
if cmp -s "$out/sh-description.out" "$out/ps1-description.out"; then pass "--description: same output as build.sh"
else fail "--description: output differs from build.sh" "$(diff "$out/sh-description.out" "$out/ps1-description.out")"; fi

run ps1-nope ps1 --target=Nope
expect_rc ps1-nope 2

GITOPS_BUILD_MODE=bogus run ps1-bad-mode ps1 --description
expect_rc ps1-bad-mode 2

run ps1-tools ps1 --target=Tools --no-report
expect_rc ps1-tools 0

# The default target (CI) over this repository's gitops/ folder, as build.sh runs it.
run ps1-ci ps1
expect_rc ps1-ci 0

finish
