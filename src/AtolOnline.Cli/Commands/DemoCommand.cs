using System.CommandLine;
using System.Diagnostics;
using AtolOnline.Batch;
using AtolOnline.Emulator;

namespace AtolOnline.Cli.Commands;

/// <summary>
/// <c>atol demo [--count N] [--protocol v4|v5]</c>: starts the emulator, generates realistic documents, validates
/// them and fiscalizes them through the batch pipeline, then prints a summary. The emulator runs as a child process
/// (this same program, <c>atol emulator</c>) so that the allocations counted here are the client's alone.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var count = new Option<int>("--count") { Description = "Number of documents (every tenth is a correction).", DefaultValueFactory = _ => 1000 };
        count.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 10_000_000)
            {
                r.AddError("--count must be between 1 and 10000000");
            }
        });
        var protocol = Protocols.Create();
        var inProcess = new Option<bool>("--in-process") { Description = "Run the emulator inside this process (allocations then include the emulator's)." };
        var command = new Command("demo", "Fiscalize realistic receipts against the built-in emulator and print a summary.") { count, protocol, inProcess };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(count), Protocols.Parse(parse.GetValue(protocol)!), parse.GetValue(inProcess), ct));
        return command;
    }

    /// <summary>The emulator answers at once, so poll quickly (real ATOL: the defaults, first poll after 3 s).</summary>
    internal static void UseFastPolling(AtolClientOptions options)
    {
        options.Polling = new AtolPollingPolicy
        {
            FirstDelay = TimeSpan.FromMilliseconds(60), NextDelay = TimeSpan.FromMilliseconds(30), MaxDelay = TimeSpan.FromMilliseconds(200), Deadline = TimeSpan.FromSeconds(60),
        };
        options.Retry = new AtolRetryPolicy { MaxAttempts = 5, BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(500) };
    }

    private static async Task<int> RunAsync(int count, AtolProtocolVersion version, bool inProcess, CancellationToken ct)
    {
        await using var emulator = await EmulatorHandle.StartAsync(inProcess, ct);
        Console.WriteLine($"эмулятор АТОЛ Онлайн: {emulator.BaseAddress} ({(inProcess ? "в этом процессе" : "отдельный процесс")})");
        var options = AtolClientOptions.ForTestEnvironment(version, emulator.BaseAddress);
        UseFastPolling(options);
        var client = Connection.CreateClient(options);
        var progress = new ProgressPrinter(count);
        var processor = new BatchProcessor(client, new BatchOptions { MaxAwaitingResult = 4096, Registers = 4, RequestsPerSecond = 0, Progress = progress, ExpectedCount = count });

        int done = 0, failed = 0, invalid = 0, unresolved = 0, duplicates = 0, corrections = 0;
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await foreach (var outcome in processor.ProcessAsync(Documents(count, version), ct))
        {
            switch (outcome.Kind)
            {
                case BatchOutcomeKind.Done: done++; break;
                case BatchOutcomeKind.Failed: failed++; break;
                case BatchOutcomeKind.Invalid: invalid++; break;
                default: unresolved++; break;
            }

            duplicates += outcome.WasDuplicate ? 1 : 0;
            corrections += outcome.Operation.EndsWith("correction", StringComparison.Ordinal) ? 1 : 0;
            if (!outcome.IsFinal && invalid + unresolved <= 3)
            {
                Console.Error.WriteLine($"{outcome.ExternalId}: {outcome.Kind}: {outcome.Error}");
            }
        }

        clock.Stop();
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        progress.Finish();
        Console.WriteLine($"протокол {(version == AtolProtocolVersion.V4 ? "v4 (ФФД 1.05)" : "v5 (ФФД 1.2)")}: документов {count} (коррекций {corrections}), проверено до отправки {count - invalid} из {count}");
        Console.WriteLine($"done: {done}, failed: {failed}, invalid: {invalid}, unresolved: {unresolved}, duplicates: {duplicates}");
        Console.WriteLine($"{count / clock.Elapsed.TotalSeconds:F0} документов/с ({clock.Elapsed.TotalSeconds:F1} с: построение, проверка, регистрация, опрос отчёта)");
        string scope = inProcess ? " (вместе с эмулятором)" : "";
        Console.WriteLine($"клиент на документ: память {allocated / count} Б, процессор {cpu.TotalMilliseconds * 1000 / count:F0} мкс{scope}");
        return done == count ? 0 : 1;
    }

    private static IEnumerable<BatchItem> Documents(int count, AtolProtocolVersion version)
    {
        for (int i = 0; i < count; i++)
        {
            bool correction = i % 10 == 9;
            yield return (version, correction) switch
            {
                (AtolProtocolVersion.V5, false) => BatchItem.Create(AtolV5Operations.Sell, SampleDocuments.Sell(i, 2 + (i % 7))),
                (AtolProtocolVersion.V5, true) => BatchItem.Create(AtolV5Operations.SellCorrection, SampleDocuments.SellCorrection(i, 2 + (i % 3))),
                (_, false) => BatchItem.Create(AtolV4Operations.Sell, SampleDocuments.V4Sell(i, 2 + (i % 5))),
                (_, true) => BatchItem.Create(AtolV4Operations.SellCorrection, SampleDocuments.V4SellCorrection(i)),
            };
        }
    }

    /// <summary>The emulator as a child process (<c>atol emulator</c>) or in this process.</summary>
    private sealed class EmulatorHandle : IAsyncDisposable
    {
        private readonly Process? _child;
        private readonly AtolEmulator? _local;

        private EmulatorHandle(Uri baseAddress, Process? child, AtolEmulator? local)
        {
            BaseAddress = baseAddress;
            _child = child;
            _local = local;
        }

        public Uri BaseAddress { get; }

        public static async Task<EmulatorHandle> StartAsync(bool inProcess, CancellationToken ct)
        {
            if (!inProcess && Environment.ProcessPath is { } self && !Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            {
                var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                foreach (var arg in new[] { "emulator", "--port", "0", "--processing-delay", "0.05" })
                {
                    start.ArgumentList.Add(arg);
                }

                var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the emulator process");
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(30));
                string? line = await child.StandardOutput.ReadLineAsync(timeout.Token);
                if (line is not null && Uri.TryCreate(line.Trim(), UriKind.Absolute, out var address))
                {
                    return new EmulatorHandle(address, child, null);
                }

                child.Kill(entireProcessTree: true);
                child.Dispose();
                Console.Error.WriteLine("atol: эмулятор в отдельном процессе не запустился, запускаю в этом процессе");
            }

            var local = await AtolEmulator.StartAsync(new EmulatorOptions { ProcessingDelay = TimeSpan.FromMilliseconds(50) }, ct);
            return new EmulatorHandle(local.BaseAddress, null, local);
        }

        public async ValueTask DisposeAsync()
        {
            if (_child is not null)
            {
                if (!_child.HasExited)
                {
                    _child.Kill(entireProcessTree: true);
                    await _child.WaitForExitAsync();
                }

                _child.Dispose();
            }

            if (_local is not null)
            {
                await _local.DisposeAsync();
            }
        }
    }
}
