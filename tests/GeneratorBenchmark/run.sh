#!/usr/bin/env bash
# Generator and analyzer benchmark (not run by CI): builds the Checkpoint compiler tools in Release, writes a
# console project with FILES files / 2 x FILES partial model classes (make-project.sh), then rebuilds it ROUNDS
# times with the generator and analyzers and ROUNDS times without them, with -p:ReportAnalyzer=true, and prints
# the generator and analyzer times the compiler reports, the Csc task time and the wall time of each build, their
# medians and the with/without ratios. Results go in docs/performance.md ("Generator and analyzers").
#
# Usage: tests/GeneratorBenchmark/run.sh            FILES=1000 ROUNDS=3 by default
#        FILES=200 ROUNDS=1 tests/GeneratorBenchmark/run.sh   a quick look
#        KEEP=1 ...                                  keep the project and the build logs (printed at the end)
source "$(dirname "$0")/setup.sh"

# One rebuild of the project (the runtime is not rebuilt); prints "wall_s cpu_s csc_s generator_s analyzers_s".
# The CPU time (user + system, the build and its compiler process) is the steadier figure on a shared machine.
build() {
  local tools=$1 log=$2 start end cpu
  start=$(date +%s.%N)
  TIMEFORMAT='%U %S'
  if ! cpu=$( { time dotnet build "$work/GeneratorBench/GeneratorBench.csproj" -c Release --no-restore --no-incremental \
    -p:BuildProjectReferences=false -p:CheckpointCompilerTools="$tools" \
    -nologo -v:d -clp:PerformanceSummary >"$log" 2>&1; } 2>&1 ); then
    tail -50 "$log" >&2
    echo "build failed: $log" >&2
    exit 1
  fi
  end=$(date +%s.%N)
  # ReportAnalyzer lists each analyzer and generator assembly as "  <seconds>  <percent>  <assembly>, Version=...";
  # the performance summary lists "  <ms> ms  Csc  1 calls".
  awk -v start="$start" -v end="$end" -v cpu="$cpu" '
    /^ *[0-9.<]+ +[0-9<]+ +Checkpoint\.Generators, Version=/ { gen = $1 }
    /^ *[0-9.<]+ +[0-9<]+ +Checkpoint\.Analyzers, Version=/ { ana = $1 }
    / ms  Csc  / { csc = $1 / 1000 }
    END { split(cpu, c, " "); printf "%.2f %.2f %.2f %s %s\n", end - start, c[1] + c[2], csc, (gen == "" ? "-" : gen), (ana == "" ? "-" : ana) }
  ' "$log"
}


echo "== warm-up build (not counted)"
build true "$work/warmup.log" >/dev/null

printf '%-8s %-8s %9s %9s %9s %13s %13s\n' round tools wall_s cpu_s csc_s generator_s analyzers_s
: >"$work/results"
for ((r = 1; r <= rounds; r++)); do
  for tools in true false; do
    line=$(build "$tools" "$work/build-$r-$tools.log")
    echo "$tools $line" >>"$work/results"
    read -r wall cpu csc gen ana <<<"$line"
    printf '%-8s %-8s %9s %9s %9s %13s %13s\n' "$r" "$([ "$tools" = true ] && echo with || echo without)" "$wall" "$cpu" "$csc" "$gen" "$ana"
  done
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f\n", a / b }'; }
stat_of() { awk -v t="$1" -v c="$2" '$1 == t { print $c }' "$work/results" | median; }
wall_with=$(stat_of true 2); wall_without=$(stat_of false 2)
cpu_with=$(stat_of true 3); cpu_without=$(stat_of false 3)
csc_with=$(stat_of true 4); csc_without=$(stat_of false 4)
echo
echo "== medians over $rounds rounds, $((2 * files)) model classes"
echo "generator (ReportAnalyzer):   $(stat_of true 5) s   target <= 0.5 s"
echo "analyzers (ReportAnalyzer):   $(stat_of true 6) s   target <= 0.5 s"
echo "Csc task:   with $csc_with s, without $csc_without s, ratio $(ratio "$csc_with" "$csc_without")   target <= 1.3"
echo "CPU build:  with $cpu_with s, without $cpu_without s, ratio $(ratio "$cpu_with" "$cpu_without")"
echo "wall build: with $wall_with s, without $wall_without s, ratio $(ratio "$wall_with" "$wall_without")"
echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), .NET SDK $(dotnet --version), load $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${KEEP:-0}" = 1 ]; then echo "project and logs kept in $work"; fi
