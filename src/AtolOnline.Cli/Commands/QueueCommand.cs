using System.CommandLine;
using System.Globalization;
using System.Runtime.CompilerServices;
using AtolOnline.Batch;
using AtolOnline.Batch.PostgreSql;
using Npgsql;

namespace AtolOnline.Cli.Commands;

/// <summary>
/// <c>atol queue push|status|export</c>: the PostgreSQL queue that any number of <c>atol worker</c> processes share.
/// The connection string comes from <c>--postgres</c> or ATOL_POSTGRES; keep its password in PGPASSWORD (or a
/// pgpass file), not on the command line. It is never printed.
/// </summary>
internal static class QueueCommand
{
    public static Command Create()
    {
        var command = new Command("queue", "A PostgreSQL queue shared by any number of `atol worker` processes: push documents, see its state, export the audit record.")
        {
            Push(),
            Status(),
            Export(),
        };
        return command;
    }

    /// <summary>The database options every queue command takes.</summary>
    internal sealed class Database
    {
        public Option<string?> Postgres { get; } = new("--postgres") { Description = "PostgreSQL connection string (env ATOL_POSTGRES), e.g. \"Host=db;Database=shop;Username=atol\"; the password from PGPASSWORD." };

        public Option<string> Queue { get; } = new("--queue") { Description = "The queue's name (its table's).", DefaultValueFactory = _ => PostgresQueueStore.DefaultName };

        public void AddTo(Command command)
        {
            command.Options.Add(Postgres);
            command.Options.Add(Queue);
        }

        public NpgsqlDataSource Open(ParseResult parse)
        {
            string connection = parse.GetValue(Postgres) ?? Environment.GetEnvironmentVariable("ATOL_POSTGRES")
                ?? throw new UsageException("укажите базу: --postgres или ATOL_POSTGRES");
            try
            {
                return PostgresQueueStore.CreateDataSource(connection);
            }
            catch (ArgumentException ex)
            {
                // Npgsql names the bad keyword; the string itself (which may hold a password) is never printed.
                throw new UsageException("--postgres: некорректная строка подключения: " + ex.Message);
            }
        }

        public PostgresQueueStore Store(ParseResult parse, NpgsqlDataSource source)
        {
            try
            {
                return new PostgresQueueStore(source, parse.GetValue(Queue)!);
            }
            catch (ArgumentException ex)
            {
                throw new UsageException("--queue: " + ex.Message);
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> and turns a database failure into one line and exit code 1.</summary>
    internal static async Task<int> GuardAsync(Func<Task<int>> work)
    {
        try
        {
            return await work();
        }
        catch (NpgsqlException ex)
        {
            Console.Error.WriteLine("atol: база данных: " + ex.Message);
            return 1;
        }
    }

    private static Command Push()
    {
        var database = new Database();
        var input = new Argument<FileInfo>("INPUT") { Description = "JSON Lines: one request envelope per line, each with its external_id." };
        var operation = new Option<string>("--operation") { Description = "The operation of every line.", Required = true };
        operation.AcceptOnlyFromAmong([.. Operations.Names]);
        var protocol = Protocols.Create();
        var command = new Command("push", "Add documents to the queue. Idempotent: pushing the same file again adds nothing; another document under a queued external_id is refused.")
        {
            input, operation, protocol,
        };
        database.AddTo(command);
        command.SetAction((parse, ct) => GuardAsync(async () =>
        {
            var file = parse.GetValue(input)!;
            if (!file.Exists)
            {
                throw new UsageException($"{file.FullName}: файл не найден");
            }

            var version = Protocols.Parse(parse.GetValue(protocol)!);
            _ = Operations.Find(version, parse.GetValue(operation)!); // one clear line for an operation the protocol lacks
            await using var source = database.Open(parse);
            var store = database.Store(parse, source);
            await store.MigrateAsync(ct);
            await using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
            var result = await store.PushAsync(version, parse.GetValue(operation)!, ReadLinesAsync(stream, ct), ct);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"добавлено {result.Added}, уже в очереди {result.AlreadyQueued}, конфликтов {result.Conflicts}, некорректных {result.Invalid}"));
            foreach (var problem in result.Problems)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  строка {problem.Index?.ToString(CultureInfo.InvariantCulture) ?? "?"}: {problem.Reason}"));
            }

            return result.IsComplete ? 0 : 1;
        }));
        return command;
    }

    private static Command Status()
    {
        var database = new Database();
        var command = new Command("status", "Counts per state, documents per second (last minute), the oldest pending document, live workers.");
        database.AddTo(command);
        command.SetAction((parse, ct) => GuardAsync(async () =>
        {
            await using var source = database.Open(parse);
            var store = database.Store(parse, source);
            await store.MigrateAsync(ct);
            var status = await store.GetStatusAsync(ct);
            var c = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(c, $"pending: {status.Pending}"));
            Console.WriteLine(string.Create(c, $"sent: {status.Sent}"));
            Console.WriteLine(string.Create(c, $"done: {status.Done}"));
            Console.WriteLine(string.Create(c, $"failed: {status.Failed}"));
            Console.WriteLine(string.Create(c, $"unresolved: {status.Unresolved}"));
            Console.WriteLine(string.Create(c, $"leased: {status.Leased}"));
            Console.WriteLine(string.Create(c, $"documents/s (last minute): {status.PerSecond:F1}"));
            Console.WriteLine(status.OldestPending is { } oldest
                ? string.Create(c, $"oldest pending: {oldest:yyyy-MM-ddTHH:mm:ssZ} ({status.OldestPendingAge!.Value.TotalSeconds:F0} s ago)")
                : "oldest pending: none");
            Console.WriteLine(string.Create(c, $"live workers: {status.LiveWorkers}"));
            return 0;
        }));
        return command;
    }

    private static Command Export()
    {
        var database = new Database();
        var state = new Option<string>("--state") { Description = "Which documents: done (the audit record), failed, unresolved (registered, report no longer kept by ATOL), sent or pending.", DefaultValueFactory = _ => "done" };
        state.AcceptOnlyFromAmong("done", "failed", "unresolved", "sent", "pending");
        var output = new Option<FileInfo>("--out") { Description = "The JSON Lines file to write (replaced).", Required = true };
        var command = new Command("export", "Write the documents in one state as JSON Lines: external_id, uuid, fiscal data or error, attempts, times.")
        {
            state, output,
        };
        database.AddTo(command);
        command.SetAction((parse, ct) => GuardAsync(async () =>
        {
            var file = parse.GetValue(output)!;
            if (Directory.Exists(file.FullName))
            {
                throw new UsageException($"--out {file.FullName}: это каталог, а не файл");
            }

            if (file.Directory is { Exists: false } folder)
            {
                throw new UsageException($"--out {file.FullName}: каталога {folder.FullName} нет");
            }

            await using var source = database.Open(parse);
            var store = database.Store(parse, source);
            await store.MigrateAsync(ct);
            var which = PostgresQueueStoreStates.Parse(parse.GetValue(state)!);

            // Written beside the target and moved over it only when complete: a failed export leaves no half file.
            string partial = file.FullName + ".partial";
            long count;
            await using (var stream = File.Create(partial))
            {
                count = await store.ExportAsync(which, stream, ct);
            }

            File.Move(partial, file.FullName, overwrite: true);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"записано {count}: {file.FullName}"));
            return 0;
        }));
        return command;
    }

    /// <summary>The lines of a UTF-8 file, as bytes; a byte sequence that is not UTF-8 stops the push with one line (what was pushed before stays, a rerun adds the rest).</summary>
    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadLinesAsync(Stream input, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(input, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true));
        long number = 0;
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(cancellationToken);
            }
            catch (System.Text.DecoderFallbackException)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"после строки {number}: файл не в UTF-8; строки до нее добавлены, повторный push добавит остальные"));
            }

            if (line is null)
            {
                yield break;
            }

            number++;
            yield return System.Text.Encoding.UTF8.GetBytes(line);
        }
    }
}

/// <summary>State names of the command line.</summary>
internal static class PostgresQueueStoreStates
{
    public static JournalState Parse(string name) => name switch
    {
        "pending" => JournalState.Pending,
        "sent" => JournalState.Sent,
        "failed" => JournalState.Failed,
        "unresolved" => JournalState.Unresolved,
        _ => JournalState.Done,
    };
}
