using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Checkpoint.Benchmarks.SaveLoadBenchmarks).Assembly).Run(args);
