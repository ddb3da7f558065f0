using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AtolOnline.Batch;
using AtolOnline.Emulator;
using AtolOnline.Protocol;

namespace AtolOnline.Cli.Commands;

/// <summary>
/// <c>atol demo [--count N] [--protocol v4|v5] [--registers N] [--rps R] [--callbacks]</c>: starts the emulator with a group of registers that
/// each take about 2 s per document, generates realistic documents, validates them and fiscalizes them through the batch
/// pipeline under ATOL's limits (report requests at most 1 per second per register, no faster polling), then prints the
/// throughput against the group's capacity and the report requests per document. The emulator runs as a child process
/// (this same program, <c>atol emulator</c>) so that the allocations counted here are the client's alone.
/// </summary>
internal static class DemoCommand
{
    /// <summary>The emulator's processing time per document (its default; real registers take a few seconds).</summary>
    private const double ProcessingSeconds = 2;

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
        var registers = new Option<int>("--registers") { Description = "Cash registers of the emulated group (1 to 1000); capacity = registers / 2 s.", DefaultValueFactory = _ => 100 };
        registers.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 1000)
            {
                r.AddError("--registers must be between 1 and 1000");
            }
        });
        var rate = new Option<double?>("--rps") { Description = "Registrations per second (default: 1.5 × the group's capacity)." };
        rate.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double?>() is { } v && !(v > 0 && v <= 10_000))
            {
                r.AddError("--rps must be above 0 and at most 10000");
            }
        });
        var callbacks = new Option<bool>("--callbacks") { Description = "Collect results by callbacks to a receiver on 127.0.0.1 (each URL carries its proof) instead of report requests." };
        var protocol = Protocols.Create();
        var inProcess = new Option<bool>("--in-process") { Description = "Run the emulator inside this process (allocations then include the emulator's)." };
        var command = new Command("demo", "Fiscalize realistic receipts against the built-in emulator, within ATOL's limits, and print a summary.") { count, registers, rate, callbacks, protocol, inProcess };
        command.SetAction((parse, ct) => RunAsync(
            new Settings(parse.GetValue(count), parse.GetValue(registers), parse.GetValue(rate), parse.GetValue(callbacks)), Protocols.Parse(parse.GetValue(protocol)!), parse.GetValue(inProcess), ct));
        return command;
    }

    private static async Task<int> RunAsync(Settings settings, AtolProtocolVersion version, bool inProcess, CancellationToken ct)
    {
        var (count, registers, rate, callbacks) = settings;
        await using var emulator = await EmulatorHandle.StartAsync(inProcess, registers, ct);
        Console.WriteLine($"эмулятор АТОЛ Онлайн: {emulator.BaseAddress} ({(inProcess ? "в этом процессе" : "отдельный процесс")}), касс в группе: {registers}, обработка документа ~{ProcessingSeconds:F0} с");
        var options = AtolClientOptions.ForTestEnvironment(version, emulator.BaseAddress);
        var client = Connection.CreateClient(options);
        var progress = new ProgressPrinter(count);
        double capacity = registers / ProcessingSeconds;
        // Registrations a little faster than the group's capacity keep every register busy; the report requests keep
        // to ATOL's limit (BatchOptions.Registers) whatever the registration rate.
        string? callbackBase = callbacks ? $"http://127.0.0.1:{FreePort()}/atol/callback" : null;
        var processor = new BatchProcessor(client, new BatchOptions
        {
            Registers = registers, RequestsPerSecond = rate ?? Math.Ceiling(capacity * 1.5), FirstPollDelay = TimeSpan.FromSeconds(ProcessingSeconds), Progress = progress, ExpectedCount = count,
            ResultMode = callbacks ? BatchResultMode.Callback : BatchResultMode.Polling, CallbackBaseUrl = callbackBase,
        });
        await using var receiver = callbackBase is null ? null : await CallbackReceiver.StartAsync(new Uri(callbackBase), (token, body) => processor.OnCallback(token, body.Span), ct);

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
        var stats = await emulator.GroupStatsAsync(options.GroupCode, ct);
        double perSecond = count / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"протокол {(version == AtolProtocolVersion.V4 ? "v4 (ФФД 1.05)" : "v5 (ФФД 1.2)")}: документов {count} (коррекций {corrections}), проверено до отправки {count - invalid} из {count}");
        Console.WriteLine($"done: {done}, failed: {failed}, invalid: {invalid}, unresolved: {unresolved}, duplicates: {duplicates}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{perSecond:F1} документов/с за {clock.Elapsed.TotalSeconds:F1} с; мощность группы {capacity:F1} документов/с ({registers} касс / {ProcessingSeconds:F0} с): {100 * perSecond / capacity:F0} % (в коротком прогоне меньше: первые и последние секунды кассы заняты не все)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"запросов отчёта: {stats.ReportRequests} ({(double)stats.ReportRequests / Math.Max(1, count):F2} на документ), не более {stats.MaxReportRequestsPerSecond} в секунду при лимите АТОЛ {registers} (1 в секунду на кассу)"));
        string scope = inProcess ? " (вместе с эмулятором)" : "";
        Console.WriteLine($"клиент на документ: память {allocated / count} Б, процессор {cpu.TotalMilliseconds * 1000 / count:F0} мкс{scope}");
        if (callbacks)
        {
            Console.WriteLine($"результаты обратными вызовами (с проверкой подписи в адресе), отвергнуто: {processor.RejectedCallbacks}");
        }

        return done == count && stats.MaxReportRequestsPerSecond <= registers ? 0 : 1;
    }

    private static int FreePort()
    {
        using var socket = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        socket.Start();
        return ((System.Net.IPEndPoint)socket.LocalEndpoint).Port;
    }

    private readonly record struct Settings(int Count, int Registers, double? Rate, bool Callbacks);

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

        public static async Task<EmulatorHandle> StartAsync(bool inProcess, int registers, CancellationToken ct)
        {
            string registerCount = registers.ToString(CultureInfo.InvariantCulture), delay = ProcessingSeconds.ToString(CultureInfo.InvariantCulture);
            if (!inProcess && Environment.ProcessPath is { } self && !Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            {
                var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                foreach (var arg in new[] { "emulator", "--port", "0", "--processing-delay", delay, "--registers", registerCount })
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

            var local = await AtolEmulator.StartAsync(new EmulatorOptions { ProcessingDelay = TimeSpan.FromSeconds(ProcessingSeconds), Registers = registers }, ct);
            return new EmulatorHandle(local.BaseAddress, null, local);
        }

        /// <summary>The emulator's own count of the group's report requests (GET /emulator/stats from the child process).</summary>
        public async Task<EmulatorGroupStats> GroupStatsAsync(string groupCode, CancellationToken ct)
        {
            if (_local is not null)
            {
                return _local.GetStats().Groups[groupCode];
            }

            using var http = new HttpClient();
            await using var body = await http.GetStreamAsync(new Uri(BaseAddress, "emulator/stats"), ct);
            using var json = await JsonDocument.ParseAsync(body, cancellationToken: ct);
            var group = json.RootElement.GetProperty("groups").GetProperty(groupCode);
            return new EmulatorGroupStats
            {
                Registers = group.GetProperty("registers").GetInt32(),
                OnlineRegisters = group.GetProperty("online_registers").GetInt32(),
                Registrations = group.GetProperty("registrations").GetInt64(),
                Accepted = group.GetProperty("accepted").GetInt64(),
                ReportRequests = group.GetProperty("report_requests").GetInt64(),
                MaxReportRequestsPerSecond = group.GetProperty("max_report_requests_per_second").GetInt32(),
                ReportRequestsRefused = group.GetProperty("report_requests_refused").GetInt64(),
                QueueLength = group.GetProperty("queue_length").GetInt32(),
                Processing = group.GetProperty("processing").GetInt32(),
                Done = group.GetProperty("done").GetInt64(),
                Failed = group.GetProperty("failed").GetInt64(),
                TimedOut = group.GetProperty("timed_out").GetInt64(),
            };
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
