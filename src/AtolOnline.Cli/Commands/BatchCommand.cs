using System.Buffers;
using System.CommandLine;
using System.Globalization;
using AtolOnline.Batch;
using AtolOnline.Emulator;
using AtolOnline.Json;

namespace AtolOnline.Cli.Commands;

/// <summary>
/// <c>atol batch INPUT.jsonl --operation OP [--protocol] [--journal FILE] [--out OUTCOMES.jsonl] [--emulator]
/// [--registers N] [--callback-listen URL --callback-public-url URL]</c>: one request envelope per input line, one
/// outcome per output line. Exit 0 when every item reached a final state.
/// </summary>
internal static class BatchCommand
{
    /// <summary>Most documents awaiting their result at once (memory: a few KiB each).</summary>
    private const int MaxAwaiting = 1_000_000;

    /// <summary>Most HTTP requests in flight at once.</summary>
    private const int MaxRequests = 64;

    /// <summary>Most registers of one group.</summary>
    private const int MaxRegisters = 10_000;

    /// <summary>Registers of the in-process emulator's group (the emulator's default).</summary>
    private const int EmulatorRegisters = 4;

    /// <summary>Most registrations per second (far above what one ATOL group accepts).</summary>
    private const double MaxRate = 10_000;

    /// <summary>Fewest registrations per second when limited (one every 10 s).</summary>
    private const double MinRate = 0.1;

    public static Command Create()
    {
        var connection = new Connection();
        var input = new Argument<FileInfo>("INPUT") { Description = "JSON Lines: one request envelope per line, each with its external_id." };
        var operation = new Option<string>("--operation") { Description = "The operation of every line.", Required = true };
        operation.AcceptOnlyFromAmong([.. Operations.Names]);
        var journal = new Option<FileInfo?>("--journal") { Description = "The journal that makes the run resumable (append-only JSON Lines). Rerun with the same file after a crash." };
        var output = new Option<FileInfo?>("--out") { Description = "Where outcomes go, one JSON line each (default: standard output)." };
        var emulator = new Option<bool>("--emulator") { Description = "Run against an in-process emulator (no credentials needed)." };
        var awaiting = IntOption("--max-awaiting", $"Documents sent and awaiting their result at once; bounds memory (1 to {MaxAwaiting}).", 4096, MaxAwaiting);
        var requests = IntOption("--max-requests", $"HTTP requests in flight at once (1 to {MaxRequests}).", 8, MaxRequests);
        var registers = new Option<int?>("--registers")
        {
            Description = "Cash registers of the group: report requests stay at 1 per second per register (ATOL's limit). "
                + "Default: the group's count in the monitoring API when the account can read it, else 1.",
        };
        registers.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1 or > MaxRegisters)
            {
                result.AddError($"--registers: от 1 до {MaxRegisters}");
            }
        });
        var listen = new Option<string?>("--callback-listen") { Description = "Receive ATOL's callbacks here, e.g. http://0.0.0.0:8080/atol/callback (needs --callback-public-url)." };
        var grace = new Option<double>("--callback-grace") { Description = "Seconds to wait for a document's callback before polling its report (ATOL advises 300).", DefaultValueFactory = _ => 300 };
        grace.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is not (>= 1 and <= 3600))
            {
                result.AddError("--callback-grace: от 1 до 3600 секунд");
            }
        });
        var publicUrl = new Option<string?>("--callback-public-url") { Description = "The address ATOL calls back, e.g. https://shop.example.ru/atol/callback (routed to --callback-listen)." };
        var rate = new Option<double>("--rps") { Description = $"Registrations per second: 0 = unlimited, else {MinRate.ToString(CultureInfo.InvariantCulture)} to {MaxRate.ToString(CultureInfo.InvariantCulture)}.", DefaultValueFactory = _ => 20 };
        rate.Validators.Add(result =>
        {
            double value = result.GetValueOrDefault<double>();
            if (!double.IsFinite(value) || (value != 0 && value is < MinRate or > MaxRate))
            {
                result.AddError($"--rps: 0 (без ограничения) или от {MinRate.ToString(CultureInfo.InvariantCulture)} до {MaxRate.ToString(CultureInfo.InvariantCulture)}");
            }
        });
        var command = new Command("batch", "Fiscalize a JSON Lines file: bounded, rate-limited, resumable, exactly once per external_id.")
        {
            input, operation, journal, output, emulator, awaiting, requests, rate, registers, listen, publicUrl, grace,
        };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(input)!;
            var journalPath = parse.GetValue(journal);
            var outPath = parse.GetValue(output);
            CheckPaths(file, journalPath, outPath);
            string? listenText = parse.GetValue(listen);
            Uri? listenUrl = listenText is null ? null
                : Uri.TryCreate(listenText, UriKind.Absolute, out var parsedListen) ? parsedListen
                : throw new UsageException($"--callback-listen {listenText}: некорректный адрес");
            var callbackBase = parse.GetValue(publicUrl);
            if ((listenUrl is null) != (callbackBase is null))
            {
                throw new UsageException("--callback-listen и --callback-public-url задаются вместе");
            }

            AtolEmulator? local = null;
            try
            {
                AtolClientOptions options;
                int? groupRegisters = parse.GetValue(registers);
                if (parse.GetValue(emulator))
                {
                    local = await AtolEmulator.StartAsync(new EmulatorOptions(), ct);
                    options = AtolClientOptions.ForTestEnvironment(Protocols.Parse(parse.GetValue(connection.Protocol)!), local.BaseAddress);
                    groupRegisters ??= EmulatorRegisters;
                }
                else
                {
                    options = connection.Options(parse);
                }

                var entry = Operations.Find(options.ProtocolVersion, parse.GetValue(operation)!);
                await using var journalFile = journalPath is not null ? await FileBatchJournal.OpenAsync(journalPath.FullName, cancellationToken: ct) : null;
                var client = Connection.CreateClient(options);
                groupRegisters ??= await RegistersFromMonitoringAsync(client, options.GroupCode, ct);
                var progress = new ProgressPrinter(null);
                BatchProcessor? processor = null;
                BatchOptions batchOptions;
                try
                {
                    batchOptions = new BatchOptions
                    {
                        MaxAwaitingResult = parse.GetValue(awaiting),
                        MaxConcurrentRequests = parse.GetValue(requests),
                        Registers = groupRegisters.Value,
                        RequestsPerSecond = parse.GetValue(rate),
                        Journal = journalFile,
                        Progress = progress,
                        ResultMode = callbackBase is null ? BatchResultMode.Polling : BatchResultMode.Callback,
                        CallbackBaseUrl = callbackBase,
                        CallbackGrace = TimeSpan.FromSeconds(parse.GetValue(grace)),
                        Logger = new StderrLogger(),
                    };
                    processor = new BatchProcessor(client, batchOptions);
                }
                catch (ArgumentException ex) when (callbackBase is not null)
                {
                    throw new UsageException($"--callback-public-url {callbackBase}: {ex.Message}");
                }

                await using var receiver = listenUrl is null ? null
                    : await CallbackReceiver.StartAsync(listenUrl, (token, body) => processor.OnCallback(token, body.Span), ct);

                await using var reader = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
                await using var sink = outPath is not null ? File.Create(outPath.FullName) : Console.OpenStandardOutput();
                var buffer = new ArrayBufferWriter<byte>(4096);
                int notFinal = 0;
                await foreach (var outcome in processor.ProcessAsync(entry.ReadLines(reader, ct), ct))
                {
                    notFinal += outcome.IsFinal ? 0 : 1;
                    buffer.ResetWrittenCount();
                    BatchJsonLines.Write(outcome, buffer);
                    await sink.WriteAsync(buffer.WrittenMemory, ct);
                }

                await sink.FlushAsync(ct);
                progress.Finish();
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"запросов отчёта: {processor.ReportRequests} (не более {batchOptions.Registers} в секунду), обратных вызовов отвергнуто: {processor.RejectedCallbacks}"));
                return notFinal == 0 ? 0 : 1;
            }
            finally
            {
                if (local is not null)
                {
                    await local.DisposeAsync();
                }
            }
        });
        return command;
    }

    private static Option<int> IntOption(string name, string description, int defaultValue, int max)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1 || result.GetValueOrDefault<int>() > max)
            {
                result.AddError($"{name}: от 1 до {max}");
            }
        });
        return option;
    }

    /// <summary>
    /// The group's registers from the monitoring API (ATOL's report limit is 1 request per second per register); 1, the
    /// safe reading, when the account cannot read it or lists none of the group.
    /// </summary>
    private static async Task<int> RegistersFromMonitoringAsync(AtolClient client, string groupCode, CancellationToken ct)
    {
        try
        {
            int count = 0;
            await foreach (var register in client.EnumerateCashRegistersAsync(cancellationToken: ct))
            {
                count += string.Equals(register.GroupCode, groupCode, StringComparison.Ordinal) ? 1 : 0;
            }

            if (count > 0)
            {
                Console.Error.WriteLine($"касс в группе {groupCode} по API мониторинга: {count}");
                return count;
            }
        }
        catch (Exception ex) when (ex is AtolApiException or HttpRequestException or AtolJsonException or TimeoutException)
        {
            Console.Error.WriteLine($"API мониторинга недоступно ({ex.Message})");
        }

        Console.Error.WriteLine("число касс группы неизвестно: считаю 1 (запрос отчёта раз в 1,1 с); укажите --registers N");
        return 1;
    }

    /// <summary>Logs the batch's warnings (rejected callbacks) to standard error, one line each.</summary>
    private sealed class StderrLogger : Microsoft.Extensions.Logging.ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => logLevel >= Microsoft.Extensions.Logging.LogLevel.Warning;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Console.Error.WriteLine("atol: " + formatter(state, exception));
            }
        }
    }

    /// <summary>Refuses, with one line each, paths that would fail later or destroy a file the run reads or keeps.</summary>
    private static void CheckPaths(FileInfo input, FileInfo? journal, FileInfo? output)
    {
        if (Directory.Exists(input.FullName))
        {
            throw new UsageException($"{input.FullName}: это каталог, а не файл");
        }

        if (!input.Exists)
        {
            throw new UsageException($"{input.FullName}: файл не найден");
        }

        foreach (var (name, path) in new[] { ("--journal", journal), ("--out", output) })
        {
            if (path is null)
            {
                continue;
            }

            if (Directory.Exists(path.FullName))
            {
                throw new UsageException($"{name} {path.FullName}: это каталог, а не файл");
            }

            if (path.Directory is { Exists: false } folder)
            {
                throw new UsageException($"{name} {path.FullName}: каталога {folder.FullName} нет");
            }
        }

        if (output is not null && SameFile(output, input))
        {
            throw new UsageException($"--out {output.FullName}: это входной файл; результаты затерли бы его");
        }

        if (output is not null && journal is not null && SameFile(output, journal))
        {
            throw new UsageException($"--out {output.FullName}: это журнал; результаты затерли бы его");
        }

        if (journal is not null && SameFile(journal, input))
        {
            throw new UsageException($"--journal {journal.FullName}: это входной файл");
        }
    }

    private static bool SameFile(FileInfo a, FileInfo b) =>
        string.Equals(Resolve(a), Resolve(b), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    /// <summary>The full path with a symbolic link (of the file itself) followed.</summary>
    private static string Resolve(FileInfo file)
    {
        try
        {
            return file.Exists && file.ResolveLinkTarget(returnFinalTarget: true) is { } target ? target.FullName : file.FullName;
        }
        catch (IOException)
        {
            return file.FullName;
        }
    }
}
