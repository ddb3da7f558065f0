using System.Buffers;
using System.CommandLine;
using System.Globalization;
using AtolOnline.Batch;
using AtolOnline.Emulator;

namespace AtolOnline.Cli.Commands;

/// <summary>
/// <c>atol batch INPUT.jsonl --operation OP [--protocol] [--journal FILE] [--out OUTCOMES.jsonl] [--emulator]</c>:
/// one request envelope per input line, one outcome per output line. Exit 0 when every item reached a final state.
/// </summary>
internal static class BatchCommand
{
    /// <summary>Most documents in flight at once (ATOL advises a low number per group).</summary>
    private const int MaxInFlight = 256;

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
        var inFlight = new Option<int>("--max-in-flight") { Description = $"Documents in flight at once (1 to {MaxInFlight}).", DefaultValueFactory = _ => 8 };
        inFlight.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > MaxInFlight)
            {
                result.AddError($"--max-in-flight: от 1 до {MaxInFlight}");
            }
        });
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
            input, operation, journal, output, emulator, inFlight, rate,
        };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(input)!;
            var journalPath = parse.GetValue(journal);
            var outPath = parse.GetValue(output);
            CheckPaths(file, journalPath, outPath);

            AtolEmulator? local = null;
            try
            {
                AtolClientOptions options;
                if (parse.GetValue(emulator))
                {
                    local = await AtolEmulator.StartAsync(new EmulatorOptions { ProcessingDelay = TimeSpan.FromMilliseconds(200) }, ct);
                    options = AtolClientOptions.ForTestEnvironment(Protocols.Parse(parse.GetValue(connection.Protocol)!), local.BaseAddress);
                    DemoCommand.UseFastPolling(options);
                }
                else
                {
                    options = connection.Options(parse);
                }

                var entry = Operations.Find(options.ProtocolVersion, parse.GetValue(operation)!);
                await using var journalFile = journalPath is not null ? await FileBatchJournal.OpenAsync(journalPath.FullName, cancellationToken: ct) : null;
                var progress = new ProgressPrinter(null);
                var processor = new BatchProcessor(Connection.CreateClient(options), new BatchOptions
                {
                    MaxInFlight = parse.GetValue(inFlight),
                    RequestsPerSecond = parse.GetValue(rate),
                    Journal = journalFile,
                    Progress = progress,
                });

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
