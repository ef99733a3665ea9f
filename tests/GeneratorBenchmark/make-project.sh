#!/usr/bin/env bash
# Writes the generator benchmark project: a console app with FILES source files, each holding two partial model
# classes (so 2 x FILES models), the shape issue 11 measured:
#   LayerN: two [Param] NdArray<float>, a [LongTerm] long, a [ShortTerm] NdArray<float> and a [Config] int;
#   BlockN: that layer as a child, a list of them and a [Param] float.
# Usage: make-project.sh DIR REPO [FILES]   (FILES defaults to 1000)
# The project references the runtime project of REPO and, unless built with -p:CheckpointCompilerTools=false,
# the generator and analyzers REPO built in Release (run.sh builds them first).
set -euo pipefail
dir=$1
repo=$2
files=${3:-1000}

rm -rf "$dir"
mkdir -p "$dir/Models"

# Outside the repository nothing above this directory sets build properties; say so explicitly anyway.
cat > "$dir/Directory.Build.props" <<'XML'
<Project>
</Project>
XML

cat > "$dir/GeneratorBench.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
    <OutputType>Exe</OutputType>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <LangVersion>latest</LangVersion>
    <!-- Per-analyzer and per-generator times in the compiler's output. -->
    <ReportAnalyzer>true</ReportAnalyzer>
    <CheckpointCompilerTools Condition="'\$(CheckpointCompilerTools)' == ''">true</CheckpointCompilerTools>
    <DefineConstants Condition="'\$(CheckpointCompilerTools)' == 'true'">\$(DefineConstants);CHECKPOINT_GENERATED</DefineConstants>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$repo/src/Runtime/Checkpoint.csproj" />
  </ItemGroup>
  <ItemGroup Condition="'\$(CheckpointCompilerTools)' == 'true'">
    <Analyzer Include="$repo/src/Generators/bin/Release/netstandard2.0/Checkpoint.Generators.dll" />
    <Analyzer Include="$repo/src/Analyzers/bin/Release/netstandard2.0/Checkpoint.Analyzers.dll" />
  </ItemGroup>
</Project>
XML

last=$((files - 1))
cat > "$dir/Program.cs" <<CS
using Bench.Models;

var block = new Block$last();
#if CHECKPOINT_GENERATED
Console.WriteLine(\$"{block.States().Count} state entries in Block$last");
#else
Console.WriteLine(block.Layers.Count);
#endif
CS

for ((i = 0; i < files; i++)); do
  cat > "$dir/Models/Model$i.cs" <<CS
using Checkpoint;

namespace Bench.Models;

public partial class Layer$i
{
    [Param] public NdArray<float> Weight = NdArray<float>.Zeros(4, 4);
    [Param] public NdArray<float> Bias = NdArray<float>.Zeros(4);
    [LongTerm] public long Steps;
    [ShortTerm] public NdArray<float> Potential = NdArray<float>.Zeros(4);
    [Config] public int Size { get; set; } = 4;

    public float Scale(float input) => input * Size;
}

public partial class Block$i
{
    public Layer$i Layer = new();
    public List<Layer$i> Layers = [new(), new()];
    [Param] public float Gain = 1f;
}
CS
done
