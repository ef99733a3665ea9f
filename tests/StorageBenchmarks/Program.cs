using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Checkpoint.StorageBenchmarks.UploadBenchmarks).Assembly).Run(args);
