#!/usr/bin/env bash
# Coverage-guided fuzzing of the readers with AFL++ (Debian's afl++) and SharpFuzz.
#
#   bash tests/Fuzz/run.sh TARGET [SECONDS] [EXECS]   fuzz one target for SECONDS (default 600) or until about
#                                                     EXECS executions, whichever comes first; "all": each in turn
#   bash tests/Fuzz/run.sh list                 the targets
#
# It installs what it needs (afl++ through apt-get when run as root, the sharpfuzz dotnet tool), builds
# tests/Fuzz in Release into a work directory, instruments that copy of Checkpoint.dll with sharpfuzz, seeds
# the corpus (tests/Fixtures/braintools and generated inputs) and runs afl-fuzz for SECONDS. It prints the
# executions, edges and crashes of each target and exits 1 when AFL saved a crash or a hang; those inputs are
# copied to $FUZZ_WORK/findings/TARGET/ (replay one: dotnet $FUZZ_WORK/plain/Checkpoint.Fuzz.dll TARGET FILE).
# FUZZ_WORK (default ${XDG_CACHE_HOME:-$HOME/.cache}/checkpoint-fuzz) holds the tools, the build and the output.
set -euo pipefail
cd "$(dirname "$0")/../.."

target=${1:-}
seconds=${2:-600}
execs=${3:-}
work=${FUZZ_WORK:-${XDG_CACHE_HOME:-$HOME/.cache}/checkpoint-fuzz}
sharpfuzz_version=2.3.0
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [ -z "$target" ]; then
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi

install_afl() {
  command -v afl-fuzz >/dev/null && return
  if [ "$(id -u)" -ne 0 ]; then echo "afl-fuzz is missing: apt-get install -y afl++ (as root)" >&2; exit 1; fi
  echo "== installing afl++"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q afl++ >/dev/null 2>&1 ||
    { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q afl++ >/dev/null; }
}

install_sharpfuzz() {
  [ -x "$work/tools/sharpfuzz" ] && return
  echo "== installing the sharpfuzz tool $sharpfuzz_version"
  dotnet tool install SharpFuzz.CommandLine --version "$sharpfuzz_version" --tool-path "$work/tools" >/dev/null
}

# Two Release copies of the fuzz program: bin/, whose Checkpoint.dll (all of it: readers, tree, loader,
# manager) is instrumented and runs only under afl-fuzz (instrumented code outside it has no coverage map to
# write to), and plain/, which writes the seeds and replays findings. The repository's build output is untouched.
build() {
  echo "== building tests/Fuzz (Release) and instrumenting Checkpoint.dll"
  dotnet build tests/Fuzz -c Release -v q -nologo >/dev/null
  rm -rf "$work/bin" "$work/plain"
  cp -r tests/Fuzz/bin/Release/net10.0 "$work/plain"
  cp -r tests/Fuzz/bin/Release/net10.0 "$work/bin"
  "$work/tools/sharpfuzz" "$work/bin/Checkpoint.dll" >/dev/null
}

fuzz() {
  local name=$1 seeds="$work/seeds/$1" out="$work/out/$1"
  rm -rf "$seeds" "$out"
  mkdir -p "$work/out"
  dotnet "$work/plain/Checkpoint.Fuzz.dll" seeds "$name" "$seeds" || return 1
  echo "== fuzzing $name for $seconds s ($(ls "$seeds" | wc -l) seeds)"
  # The binary is dotnet, not an AFL-instrumented executable (SharpFuzz speaks AFL's fork-server protocol from
  # inside the runtime); crashes are the target's uncaught exceptions, so core dumps do not matter.
  AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 \
    afl-fuzz -V "$seconds" ${execs:+-E "$execs"} -t 2000 -m none -i "$seeds" -o "$out" -- "$(command -v dotnet)" "$work/bin/Checkpoint.Fuzz.dll" "$name" >"$work/$name.log" 2>&1 ||
    { tail -20 "$work/$name.log"; echo "afl-fuzz failed for $name (log: $work/$name.log)"; return 1; }
  report "$name" "$out/default"
}

report() {
  local name=$1 stats="$2/fuzzer_stats"
  stat() { sed -n "s/^$1 *: *//p" "$stats"; }
  local crashes hangs
  crashes=$(stat saved_crashes)
  hangs=$(stat saved_hangs)
  printf '%s: %s executions in %s s (%s/s), %s edges (%s of the map), %s corpus items, %s crashes, %s hangs\n' \
    "$name" "$(stat execs_done)" "$(stat run_time)" "$(stat execs_per_sec)" "$(stat edges_found)" "$(stat bitmap_cvg)" \
    "$(stat corpus_count)" "$crashes" "$hangs"
  if [ "$crashes" != 0 ] || [ "$hangs" != 0 ]; then
    mkdir -p "$work/findings/$name"
    find "$2/crashes" "$2/hangs" -type f -name 'id:*' -exec cp {} "$work/findings/$name/" \;
    echo "$name: inputs saved in $work/findings/$name; replay: dotnet $work/plain/Checkpoint.Fuzz.dll $name FILE"
    return 1
  fi
}

mkdir -p "$work"
install_afl
install_sharpfuzz
build
if [ "$target" = list ]; then dotnet "$work/plain/Checkpoint.Fuzz.dll" list; exit 0; fi
if [ "$target" = all ]; then
  targets=$(dotnet "$work/plain/Checkpoint.Fuzz.dll" list | cut -d' ' -f1)
else
  targets=$target
fi

status=0
for name in $targets; do fuzz "$name" || status=1; done
exit $status
