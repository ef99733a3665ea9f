# Sourced by run.sh and compile-cost.sh: settings from the environment (FILES, ROUNDS, KEEP), a work directory,
# the runtime and compiler tools built in Release, and the benchmark project written and restored in
# "$project". Also median(): the median of the numbers on stdin ("-" when there are none).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
files=${FILES:-1000}
rounds=${ROUNDS:-3}
work=$(mktemp -d)
if [ "${KEEP:-0}" != 1 ]; then trap 'rm -rf "$work"' EXIT; fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
project="$work/GeneratorBench"

echo "== build the runtime, generator and analyzers (Release)"
dotnet build "$repo/src/Runtime/Checkpoint.csproj" -c Release -nologo -v:q >"$work/tools.log" 2>&1 || { cat "$work/tools.log"; exit 1; }

echo "== write the project: $files files, $((2 * files)) model classes"
"$repo/tests/GeneratorBenchmark/make-project.sh" "$project" "$repo" "$files"
dotnet restore "$project/GeneratorBench.csproj" -v:q >"$work/restore.log" 2>&1 || { cat "$work/restore.log"; exit 1; }

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
