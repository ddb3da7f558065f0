using AtolOnline.Benchmarks;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

// Full run:  dotnet run -c Release --project benchmarks/AtolOnline.Benchmarks
// Quick run: dotnet run -c Release --project benchmarks/AtolOnline.Benchmarks -- --quick
// Any BenchmarkDotNet argument works as well, e.g. --filter *SerializeBatch* or --list flat.
bool quick = args.Contains("--quick");
args = [.. args.Where(a => a != "--quick")];
if (!args.Any(a => a is "--filter" or "-f" or "--list" or "--help" or "-h" or "--version"))
{
    args = [.. args, "--filter", "*"];
}

var config = ManualConfig.Create(DefaultConfig.Instance)
    .AddColumn(StatisticColumn.Median)
    // The out-of-process toolchain rebuilds the generator, the core library and this project without the compiler
    // server; on two busy cores that can take longer than BenchmarkDotNet's default two minutes.
    .WithBuildTimeout(TimeSpan.FromMinutes(10))
    .WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
if (quick)
{
    // Regression check: one process per benchmark (as the full run), 3 warm-up and 5 measured iterations of ~250 ms.
    // Not in process: there the tier-0 code of one benchmark is still being measured while the JIT works through what
    // the previous ones (Roslyn in GeneratorRun, STJ reflection) queued for tier 1, and the ratios come out wrong.
    // Tiered compilation off: on two busy cores the background tier-1 JIT thread gets so little CPU that with only a
    // few warm-up iterations a benchmark was sometimes measured in tier-0 code (3-5x too slow, at random). Fully
    // optimized code from the first call is stable; it lacks dynamic PGO, which the full run keeps.
    config = config.AddJob(Job.Default
        .WithId("Quick")
        .WithEnvironmentVariable("DOTNET_TieredCompilation", "0")
        .WithLaunchCount(1)
        .WithWarmupCount(3)
        .WithIterationCount(5)
        .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250)));
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(SerializeLargeReceipt).Assembly).Run(args, config);
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
