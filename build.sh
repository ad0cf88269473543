#!/usr/bin/env bash
# Bootstrapper: builds the build program only when one of its sources changed, then runs it with
# the arguments given, returning its exit code. Works from any current directory; paths given as
# arguments are relative to where you stand, the repository defaults to the one holding this file.
# build.ps1 does the same, step for step, and shares .build/ with this script (same stamp, same
# folders, same locks).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
state="$root/.build"
stamp="$state/stamp"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "build.sh: the .NET SDK (dotnet) is not on PATH; install .NET 10 SDK first." >&2
  exit 1
fi
if ! command -v flock >/dev/null 2>&1; then
  echo "build.sh: flock (util-linux) is not on PATH; it keeps two runs from building at once." >&2
  exit 1
fi

# Which image of the program runs. A fresh clone gets a plain `dotnet build` (about 10 s; the JIT
# does the rest at each start), so its first run shows a result seconds after a plain build of the
# project would. An ahead-of-time image, which starts faster, is built only where it pays:
#   GITOPS_BUILD_MODE=composite  self-contained, one composite ReadyToRun image of our code, its
#                                packages and the runtime (2.5-3.3 minutes on 2 cores), in the foreground;
#   GITOPS_BUILD_MODE=r2r        framework-dependent ReadyToRun (our code and packages), in the foreground;
#   GITOPS_BUILD_MODE=plain      a plain build even where an ahead-of-time one is current;
#   GITOPS_BUILD_BACKGROUND=composite (or r2r)  after a plain build, that image is built in the
#                                background and swapped in when complete (see background_job); 0, the
#                                default, builds none (README "On a fresh machine" has the figures).
# Without GITOPS_BUILD_MODE any image built from the current sources is used, whatever its kind.
# GITOPS_BUILD_QUICK=1 (while editing the build program) and CI=true|1 (a runner builds once and
# runs once) never start a background build.
mode="${GITOPS_BUILD_MODE:-}"
case "$mode" in
  '' | plain | r2r | composite) ;;
  *) echo "build.sh: GITOPS_BUILD_MODE must be plain, r2r or composite, not '$mode'." >&2; exit 2 ;;
esac
background="${GITOPS_BUILD_BACKGROUND:-0}"
case "$background" in
  0 | r2r | composite) ;;
  *) echo "build.sh: GITOPS_BUILD_BACKGROUND must be composite, r2r or 0, not '$background'." >&2; exit 2 ;;
esac

# One line on standard error says which image the run uses; --verbosity=quiet silences it.
quiet=; previous_arg=
for arg in "$@"; do
  case "$previous_arg $arg" in
    *' --verbosity=quiet' | *' --verbosity=q' | *' -v=quiet' | *' -v=q' | '--verbosity quiet' | '--verbosity q' | '-v quiet' | '-v q') quiet=1 ;;
  esac
  previous_arg="$arg"
done
say() { echo "build.sh: $*" >&2; }

# .build/ holds:
#   stamp              written whole (temporary file, rename), so a reader sees the old one or the new:
#                        line 1  SHA-256 of `sha256sum` lines for every source and both bootstrappers, by
#                                content (not dates: a .build/ a CI cache restores into a fresh checkout
#                                is still recognised); build.ps1 computes the same value;
#                        line 2  build.sh's quick check: the same files' paths, sizes and dates; while it
#                                matches, the contents are not read again (about 20 ms a run); "-" from build.ps1;
#                        line 3  the image in use: its kind and its folder, "plain plain-3fa2c1d09b7e-1733...".
#   <kind>-<hash>-<n>/ an image: built under part.*, renamed when complete, never changed afterwards. A run
#                      holds a shared lock on its .in-use file for as long as the program runs (the open
#                      file is inherited through exec), and an image the stamp no longer names is deleted
#                      only once nobody holds it: a run never sees an image half written or half deleted.
#   build.lock         held while an image is built, swapped in or deleted: two runs never build at once.
#   background/, background.lock, background.log, background.failed: the background build's.
sources() { find Build.csproj build -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.json' -o -name '*.props' -o -name '*.targets' \) "$@"; find build.sh build.ps1 "$@"; }
content_hash() { (cd "$1" && sources -print0 | LC_ALL=C sort -z | xargs -0 sha256sum -- | sha256sum | cut -d' ' -f1); }
quick_hash() { (cd "$root" && sources -printf '%p %s %T@\n' 2>/dev/null | LC_ALL=C sort | sha256sum | cut -d' ' -f1); }

read_stamp() { # sets s_hash, s_quick, s_kind, s_image (empty when the image named is missing or malformed)
  s_hash=; s_quick=; s_kind=; s_image=
  [[ -f "$stamp" ]] || return 0
  { read -r s_hash; read -r s_quick; read -r s_kind s_image; } < "$stamp" || true
  if [[ ! "$s_kind $s_image" =~ ^(plain|r2r|composite)\ (plain|r2r|composite)-[0-9a-f]{12}-[0-9]+$ || ! -x "$state/$s_image/Build" ]]; then
    s_kind=; s_image=
  fi
}
write_stamp() { # HASH QUICK KIND IMAGE
  printf '%s\n%s\n%s %s\n' "$@" > "$stamp.$$" && mv -f "$stamp.$$" "$stamp"
}
usable() { [[ -n "$s_image" && "$s_hash" == "$current" && ( -z "$mode" || "$s_kind" == "$mode" ) ]]; }

lock_build() { # waits for another run's build (or swap) to end
  exec 8>"$state/build.lock"
  flock -n 8 || { say "waiting for another build of the build program to finish..."; flock 8; }
}
unlock_build() { exec 8>&-; }

# Under the build lock: removes what a killed build left and every image the stamp does not name
# that no run holds (a run's shared lock makes `flock -n -x` fail, and the image stays for later).
collect_garbage() {
  local d
  rm -rf "$state"/part.* "$state"/trash.* "$state/bin" "$state/bin.next"   # bin: the layout before images
  for d in "$state"/plain-* "$state"/r2r-* "$state"/composite-*; do
    [[ -d "$d" && "${d##*/}" != "$s_image" ]] || continue
    if flock -n -x "$d/.in-use" mv "$d" "$state/trash.${d##*/}" 2>/dev/null; then rm -rf "$state/trash.${d##*/}"; fi
  done
}

dotnet_quiet() { dotnet "$@" --nologo -v quiet -clp:ErrorsOnly -clp:NoSummary; }
compile() { # KIND PROJECT OUT [ARG...]
  local kind="$1" project="$2" out="$3"; shift 3
  case "$kind" in
    plain) dotnet_quiet build "$project" -c Release -o "$out" "$@" ;;
    r2r) dotnet_quiet publish "$project" -c Release --use-current-runtime -o "$out" --self-contained false -p:PublishReadyToRun=true "$@" ;;
    composite) dotnet_quiet publish "$project" -c Release --use-current-runtime -o "$out" --self-contained true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true "$@" ;;
  esac
}
# Moves a complete image from PART into .build/ and names it in the stamp (under the build lock).
install_image() { # KIND PART QUICK
  local image="$1-${current:0:12}-$(date +%s%N)"
  touch "$2/.in-use"
  mv "$2" "$state/$image"
  write_stamp "$current" "$3" "$1" "$image"
  s_hash="$current"; s_kind="$1"; s_image="$image"
  collect_garbage
}

# Builds the KIND asked for in the foreground (under the build lock). Each kind falls back to the
# next cheaper one (composite, r2r, plain) where it cannot be built, e.g. where the runtime pack
# cannot be restored.
build() { # KIND
  local kind="$1" part="$state/part.$$" log
  collect_garbage
  mkdir "$part"
  case "$kind" in
    composite) say "building the build program (sources changed; composite ReadyToRun, about 2.5 minutes the first time)..." ;;
    r2r) say "building the build program (sources changed; framework-dependent ReadyToRun)..." ;;
    plain) say "building the build program (sources changed; plain build)..." ;;
  esac
  # dotnet's output is shown only when it failed: a successful build says nothing more.
  while ! log="$(compile "$kind" "$root/Build.csproj" "$part" 2>&1)"; do
    rm -rf "$part"; mkdir "$part"
    case "$kind" in
      composite) tail -n 5 <<<"$log" >&2; say "composite ReadyToRun publish failed; trying a framework-dependent one."; kind=r2r ;;
      r2r) tail -n 5 <<<"$log" >&2; say "ReadyToRun publish failed; building without it."; kind=plain ;;
      plain) rm -rf "$part"; echo "$log" >&2; say "the build program does not compile (dotnet's errors above)."; exit 1 ;;
    esac
  done
  install_image "$kind" "$part" "$quick"
}

# The background build: started detached (its own session, so neither Ctrl-C nor a closed terminal
# reaches it), at the lowest CPU and I/O priority, one at a time (background.lock). It compiles a copy
# of exactly the sources the stamp hashed (a file edited meanwhile cannot slip in), in its own folder
# (its own obj/, so a foreground build or `dotnet test` never shares one with it), without build
# servers (nothing is left running), and swaps the image in only if the stamp still names a plain
# build of those sources. A failure leaves the plain build in place and is not retried for the
# same sources (background.failed); background.log says what happened.
background_job() {
  local expected="$GITOPS_BUILD_BACKGROUND_JOB" work="$state/background"
  exec 7>"$state/background.lock"
  flock -n 7 || exit 0
  exec >"$state/background.log" 2>&1 </dev/null
  echo "$(date -u +%FT%TZ) building a $background image of sources $expected"
  rm -rf "$work" && mkdir -p "$work/src"
  (cd "$root" && sources -print0 | xargs -0 cp --parents -t "$work/src")
  if [[ "$(content_hash "$work/src")" != "$expected" ]]; then
    echo "the sources changed since the run that started this; nothing built"; rm -rf "$work"; exit 0
  fi
  if ! compile "$background" "$work/src/Build.csproj" "$work/out" --disable-build-servers 2>&1; then
    echo "$background $expected" > "$state/background.failed"
    echo "$(date -u +%FT%TZ) failed; the plain build stays"; rm -rf "$work"; exit 1
  fi
  lock_build
  read_stamp
  if [[ "$s_hash" == "$expected" && "$s_kind" == plain ]]; then
    current="$expected"
    install_image "$background" "$work/out" "$s_quick"
    echo "$(date -u +%FT%TZ) swapped in as $s_image"
  else
    echo "$(date -u +%FT%TZ) the stamp no longer names a plain build of these sources; discarded"
  fi
  unlock_build
  rm -rf "$work"
}

mkdir -p "$state"
if [[ -n "${GITOPS_BUILD_BACKGROUND_JOB:-}" ]]; then background_job; exit 0; fi

# Starts the background build if it is wanted and not already running; true if one is running.
background_started() {
  [[ "$background" != 0 && -z "$mode" && "${GITOPS_BUILD_QUICK:-}" != 1 ]] || return 1
  [[ ! "${CI:-}" =~ ^([Tt][Rr][Uu][Ee]|1)$ && "$s_kind" == plain ]] || return 1
  command -v setsid >/dev/null && [[ "$(cat "$state/background.failed" 2>/dev/null)" != "$background $current" ]] || return 1
  if flock -n "$state/background.lock" true; then
    local low_io=(); ! command -v ionice >/dev/null || low_io=(ionice -c 3)
    GITOPS_BUILD_BACKGROUND_JOB="$current" setsid -f nice -n 19 "${low_io[@]}" "$root/build.sh" </dev/null >/dev/null 2>&1
  fi
  return 0
}

# Finds (or builds) the image and takes its shared lock on fd 9; an image deleted between reading
# the stamp and locking it (a swap by another run) sends the run round again.
for attempt in 1 2 3; do
  quick="$(quick_hash)"
  read_stamp
  if [[ -n "$s_hash" && "$quick" == "$s_quick" ]]; then current="$s_hash"; else current="$(content_hash "$root")"; fi
  if ! usable; then
    lock_build
    read_stamp   # another run may have built it while this one waited
    usable || build "${mode:-plain}"
    unlock_build
  elif [[ "$quick" != "$s_quick" ]] && exec 8>"$state/build.lock" && flock -n 8; then
    read_stamp   # the contents match: remember the dates, so the next run need not read them
    [[ "$s_hash" != "$current" || -z "$s_image" ]] || write_stamp "$current" "$quick" "$s_kind" "$s_image"
    unlock_build
  fi
  exec 8>&-
  preparing=; if background_started; then preparing=1; fi
  image="$state/$s_image"
  if [[ -f "$image/.in-use" ]] && exec 9<"$image/.in-use" && flock -s 9 && [[ -x "$image/Build" ]]; then break; fi
  exec 9<&-
  [[ $attempt -lt 3 ]] || { say "the build program's image kept being replaced while starting; run again."; exit 1; }
done

if [[ -z "$quiet" ]]; then
  case "$s_kind" in
    plain)
      if [[ -n "$preparing" ]]; then say "plain build (an ahead-of-time image is being built in the background)"
      elif [[ "$background" != 0 && "$(cat "$state/background.failed" 2>/dev/null)" == "$background $current" ]]; then say "plain build (the background build failed: .build/background.log)"
      else say "plain build"; fi ;;
    r2r) say "ahead-of-time image (ReadyToRun)" ;;
    composite) say "ahead-of-time image (composite ReadyToRun)" ;;
  esac
fi

export GITOPS_BUILD_ROOT="$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
exec "$image/Build" "$@"
