#!/usr/bin/env bash
# What the generated code costs the user's build (not run by CI). Writes the benchmark project (make-project.sh),
# captures the generator's output once, trims it into variants (variants.py: full, no-config, skeleton), then
# builds the project ROUNDS times without the compiler tools, with each variant compiled as ordinary sources and
# with none, and prints the median CPU time of each build (compiler in-process, UseSharedCompilation=false, so
# its CPU is counted; the SDK's analyzers included) and its ratio to the build without generated code.
# The "skeleton" row is the floor of any per-class generated implementation of IStateful: the interface and its
# one-line members with empty bodies. Results go in docs/performance.md ("Generator and analyzers").
#
# Usage: tests/GeneratorBenchmark/compile-cost.sh     FILES=1000 ROUNDS=3 by default; KEEP=1 keeps the work dir
source "$(dirname "$0")/setup.sh"

echo "== capture the generator's output and trim it"
dotnet build "$project/GeneratorBench.csproj" -c Release --no-restore -p:BuildProjectReferences=false \
  -p:EmitCompilerGeneratedFiles=true -nologo -v:q >"$work/capture.log" 2>&1 || { tail -30 "$work/capture.log"; exit 1; }
/usr/bin/env python3 "$repo/tests/GeneratorBenchmark/variants.py" \
  "$project/obj/Release/net8.0/generated/Checkpoint.Generators/Checkpoint.Generators.StateGenerator" "$work/variants"
rm -rf "$project/obj/Release/net8.0/generated"

# One build without the tools, with the variant's files as sources; prints "cpu_s csc_wall_s".
build() {
  local variant=$1 log="$work/build-$1.log" cpu define=()
  rm -rf "$project/Generated"
  if [ "$variant" != none ]; then
    mkdir -p "$project/Generated" && cp "$work/variants/$variant"/*.cs "$project/Generated/"
    define=(-p:DefineConstants=CHECKPOINT_GENERATED)
  fi
  TIMEFORMAT='%U %S'
  cpu=$( { time dotnet build "$project/GeneratorBench.csproj" -c Release --no-restore --no-incremental \
    -p:BuildProjectReferences=false -p:CheckpointCompilerTools=false -p:UseSharedCompilation=false "${define[@]}" \
    -nologo -v:d -clp:PerformanceSummary >"$log" 2>&1; } 2>&1 ) || { tail -30 "$log" >&2; exit 1; }
  awk -v cpu="$cpu" '/ ms  Csc  / { csc = $1 / 1000 } END { split(cpu, c, " "); printf "%.2f %.2f\n", c[1] + c[2], csc }' "$log"
}

variants=(none full no-config skeleton)
: >"$work/results"
printf '%-6s %-10s %8s %12s\n' round variant cpu_s csc_wall_s
for ((r = 1; r <= rounds; r++)); do
  for v in "${variants[@]}"; do
    line=$(build "$v") # a failed build stops the script here (set -e), not inside the substitution only
    read -r cpu csc <<<"$line"
    echo "$v $cpu $csc" >>"$work/results"
    printf '%-6s %-10s %8s %12s\n' "$r" "$v" "$cpu" "$csc"
  done
done

base=$(awk '$1 == "none" { print $2 }' "$work/results" | median)
echo
echo "== medians over $rounds rounds, $((2 * files)) model classes (CPU of the build, compiler in-process)"
for v in "${variants[@]}"; do
  cpu=$(awk -v v="$v" '$1 == v { print $2 }' "$work/results" | median)
  printf '%-10s %8s s  %5sx the build without generated code\n' "$v" "$cpu" "$(awk -v a="$cpu" -v b="$base" 'BEGIN { printf "%.2f", a / b }')"
done
echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), .NET SDK $(dotnet --version), load $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${KEEP:-0}" = 1 ]; then echo "project, variants and logs kept in $work"; fi
