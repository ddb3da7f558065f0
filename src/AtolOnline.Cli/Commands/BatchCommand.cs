using System.Buffers;
using System.CommandLine;
using AtolOnline.Batch;
using AtolOnline.Emulator;

namespace AtolOnline.Cli.Commands;

/// <summary>
/// <c>atol batch INPUT.jsonl --operation OP [--protocol] [--journal FILE] [--out OUTCOMES.jsonl] [--emulator]</c>:
/// one request envelope per input line, one outcome per output line. Exit 0 when every item reached a final state.
/// </summary>
internal static class BatchCommand
{
    public static Command Create()
    {
        var connection = new Connection();
        var input = new Argument<FileInfo>("INPUT") { Description = "JSON Lines: one request envelope per line, each with its external_id." };
        var operation = new Option<string>("--operation") { Description = "The operation of every line.", Required = true };
        operation.AcceptOnlyFromAmong([.. Operations.Names]);
        var journal = new Option<FileInfo?>("--journal") { Description = "The journal that makes the run resumable (append-only JSON Lines). Rerun with the same file after a crash." };
        var output = new Option<FileInfo?>("--out") { Description = "Where outcomes go, one JSON line each (default: standard output)." };
        var emulator = new Option<bool>("--emulator") { Description = "Run against an in-process emulator (no credentials needed)." };
        var inFlight = new Option<int>("--max-in-flight") { Description = "Documents in flight at once.", DefaultValueFactory = _ => 8 };
        var rate = new Option<double>("--rps") { Description = "Registrations per second (0 = unlimited).", DefaultValueFactory = _ => 20 };
        var command = new Command("batch", "Fiscalize a JSON Lines file: bounded, rate-limited, resumable, exactly once per external_id.")
        {
            input, operation, journal, output, emulator, inFlight, rate,
        };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
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
                var file = parse.GetValue(input)!;
                if (!file.Exists)
                {
                    throw new UsageException($"{file.Name}: файл не найден");
                }

                await using var journalFile = parse.GetValue(journal) is { } path ? await FileBatchJournal.OpenAsync(path.FullName, cancellationToken: ct) : null;
                var progress = new ProgressPrinter(null);
                var processor = new BatchProcessor(Connection.CreateClient(options), new BatchOptions
                {
                    MaxInFlight = parse.GetValue(inFlight),
                    RequestsPerSecond = parse.GetValue(rate),
                    Journal = journalFile,
                    Progress = progress,
                });

                using var reader = new StreamReader(file.FullName);
                await using var sink = parse.GetValue(output) is { } outFile ? File.Create(outFile.FullName) : Console.OpenStandardOutput();
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
}
