#!/usr/bin/env bash
# End-to-end test of the packages, as a new user meets them: pack into a local feed, create a brand-new
# console project outside the repository, add the package, write an annotated model (with one deliberate
# mistake), build, run it to save and load a checkpoint, install the CLI tool from the same feed and inspect
# the file it wrote. Ends with "end-to-end: passed" and exit code 0, or says what failed and exits 1.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A private package cache, so a stale copy of this version from an earlier run can never be used.
export NUGET_PACKAGES="$work/nuget-packages"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

fail() { echo "end-to-end: FAILED: $*" >&2; exit 1; }
step() { echo "== end-to-end: $*"; }

feed="$work/feed"
version=$(dotnet msbuild "$repo/src/Runtime/Checkpoint.csproj" -getProperty:Version)

step "pack Checkpoint $version and Checkpoint.Cli into $feed"
dotnet pack "$repo/src/Runtime/Checkpoint.csproj" -c Release -o "$feed" >"$work/pack.log" 2>&1 || { cat "$work/pack.log"; fail "pack Checkpoint"; }
dotnet pack "$repo/src/Cli/Checkpoint.Cli.csproj" -c Release -o "$feed" >>"$work/pack.log" 2>&1 || { cat "$work/pack.log"; fail "pack Checkpoint.Cli"; }

step "package layout"
listing=$(unzip -l "$feed/Checkpoint.$version.nupkg")
for expected in lib/net8.0/Checkpoint.dll lib/net8.0/Checkpoint.xml lib/net10.0/Checkpoint.dll README.md icon.png \
  analyzers/dotnet/cs/Checkpoint.Generators.dll analyzers/dotnet/cs/Checkpoint.Analyzers.dll \
  analyzers/dotnet/cs/Checkpoint.Analyzers.CodeFixes.dll; do
  grep -q " $expected\$" <<<"$listing" || fail "package lacks $expected"
done
[ -f "$feed/Checkpoint.$version.snupkg" ] || fail "no symbols package"
tool_listing=$(unzip -l "$feed/Checkpoint.Cli.$version.nupkg")
grep -q "DotnetToolSettings.xml" <<<"$tool_listing" || fail "Checkpoint.Cli is not a tool package"
for expected in README.md icon.png; do grep -q " $expected\$" <<<"$tool_listing" || fail "Checkpoint.Cli lacks $expected"; done

step "new console project"
app="$work/App"
dotnet new console -o "$app" >/dev/null
cd "$app"
dotnet new nugetconfig >/dev/null
dotnet nuget add source "$feed" --name local --configfile nuget.config >/dev/null
# The README's install command.
dotnet add package Checkpoint --version "$version" >"$work/add.log" 2>&1 || { cat "$work/add.log"; fail "dotnet add package"; }

cat > Program.cs <<'CS'
using Checkpoint;

var net = new Net();
net.Weight.AsSpan().Fill(1.5f);
net.Steps = 42;
var path = MsgPackCheckpoint.Save("net.msgpack", net);

var restored = new Net();
var report = MsgPackCheckpoint.Load(path, restored);
Console.WriteLine($"states: {string.Join(", ", restored.States().Select(s => s.Path))}");
Console.WriteLine($"loaded {report.LoadedCount}, weight {restored.Weight[0, 0]}, steps {restored.Steps}");

public partial class Net
{
    [Param] public NdArray<float> Weight = NdArray<float>.Zeros(2, 2);
    [LongTerm] public long Steps;
    [ShortTerm] public NdArray<float> Potential = NdArray<float>.Zeros(2);
    public NdArray<float> Forgotten = NdArray<float>.Zeros(2);   // deliberate mistake: not annotated
}
CS

step "build (generator and analyzers from the package)"
dotnet build >"$work/build.log" 2>&1 || { cat "$work/build.log"; fail "build"; }
grep -q "Program.cs(18,[0-9]*): warning CKPT0001" "$work/build.log" || { cat "$work/build.log"; fail "no CKPT0001 warning for the unannotated tensor"; }

step "run"
output=$(dotnet run --no-build) || fail "run"
echo "$output"
grep -qx "states: Weight, Steps, Potential" <<<"$output" || fail "unexpected state list"
grep -qx "loaded 2, weight 1.5, steps 42" <<<"$output" || fail "unexpected load result"

step "install the tool from the same feed and inspect the file"
dotnet tool install --tool-path "$work/tools" Checkpoint.Cli --version "$version" --add-source "$feed" >"$work/tool.log" 2>&1 || { cat "$work/tool.log"; fail "tool install"; }
"$work/tools/checkpoint" --version | grep -qx "$version" || fail "checkpoint --version"
inspect=$("$work/tools/checkpoint" inspect net.msgpack) || fail "checkpoint inspect"
echo "$inspect"
grep -Eq "^ +Weight +ndarray +float32 +\(2, 2\)" <<<"$inspect" || fail "inspect does not show Weight"
grep -Eq "^ +Steps +int +42" <<<"$inspect" || fail "inspect does not show Steps"

echo "end-to-end: passed"
