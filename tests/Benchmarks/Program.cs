using BenchmarkDotNet.Running;

// `side-by-side` (and `measure`, its per-process worker) print the table of docs/performance.md; anything else
// goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] is "side-by-side" or "measure" or "loop")
    return Checkpoint.Benchmarks.SideBySide.Runner.Run(args[0] is "measure" or "loop" ? args : args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Checkpoint.Benchmarks.SaveLoadBenchmarks).Assembly).Run(args);
return 0;
