using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using AtolOnline.Validation;
using AtolOnline.Json;
using AtolOnline.Protocol;

namespace AtolOnline.Batch.PostgreSql;

/// <summary>
/// A durable queue of documents in one PostgreSQL table that any number of <see cref="PostgresBatchWorker"/>s share,
/// on any number of machines: one row per external_id (the key), state <c>pending → sent → done | failed | unresolved</c>, ATOL's
/// uuid, the fiscal data or the error, attempts, and the lease (owner and expiry) of the worker handling it.
/// </summary>
/// <remarks>
/// The table is created and migrated by <see cref="MigrateAsync"/> (versioned, idempotent, safe to run from several
/// machines at once). Pushing the same documents again adds nothing; another document under a known external_id is
/// reported as a conflict and not stored.
/// </remarks>
public sealed class PostgresQueueStore
{
    /// <summary>The default queue (and table) name.</summary>
    public const string DefaultName = "atol_queue";

    /// <summary>Documents inserted per statement by <see cref="PushAsync"/>.</summary>
    private const int PushChunk = 500;

    /// <summary>Conflicts and invalid documents listed (with their reasons) in a push result; the rest are only counted.</summary>
    private const int MaxListed = 100;

    private readonly NpgsqlDataSource _dataSource;

    /// <summary>A queue named <paramref name="name"/> in the database of <paramref name="dataSource"/>.</summary>
    /// <param name="dataSource">The database (see <see cref="CreateDataSource"/>); the caller disposes it.</param>
    /// <param name="name">The queue's name, also its table's: 1 to 48 of a-z, 0-9 and _, not starting with a digit.</param>
    /// <exception cref="ArgumentException">The name is not a plain identifier.</exception>
    public PostgresQueueStore(NpgsqlDataSource dataSource, string name = DefaultName)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(name);
        _dataSource = dataSource;
        Sql = new QueueSql(name);
    }

    /// <summary>The queue's name (its table's).</summary>
    public string Name => Sql.Name;

    /// <summary>The schema version <see cref="MigrateAsync"/> brings a queue to.</summary>
    public static int SchemaVersion => new QueueSql(DefaultName).Migrations.Count;

    internal QueueSql Sql { get; }

    internal NpgsqlDataSource DataSource => _dataSource;

    /// <summary>
    /// A data source for <paramref name="connectionString"/> with only what the queue needs (NativeAOT-compatible: no
    /// reflection-based type mapping).
    /// </summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlSlimDataSourceBuilder(connectionString);
        builder.EnableArrays();
        return builder.Build();
    }

    /// <summary>
    /// Creates or migrates the queue's tables to <see cref="SchemaVersion"/> and returns the version. Each step runs
    /// once, in a transaction with its version record, under an advisory lock: running it again, or from several
    /// machines at once, changes nothing.
    /// </summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand(
            "SELECT pg_advisory_xact_lock(7151604207); " +
            "CREATE TABLE IF NOT EXISTS atol_queue_schema (queue text PRIMARY KEY, version integer NOT NULL, migrated_at timestamptz NOT NULL DEFAULT now())",
            connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        int version;
        await using (var command = new NpgsqlCommand("SELECT version FROM atol_queue_schema WHERE queue = @queue", connection, transaction))
        {
            command.Parameters.AddWithValue("queue", Name);
            version = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int found ? found : 0;
        }

        var migrations = Sql.Migrations;
        if (version > migrations.Count)
        {
            throw new InvalidOperationException($"queue {Name} has schema version {version}, newer than this library's {migrations.Count}: update the library");
        }

        for (int next = version; next < migrations.Count; next++)
        {
            await using var command = new NpgsqlCommand(migrations[next], connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (version < migrations.Count)
        {
            await using var command = new NpgsqlCommand(
                "INSERT INTO atol_queue_schema (queue, version) VALUES (@queue, @version) ON CONFLICT (queue) DO UPDATE SET version = excluded.version, migrated_at = now()",
                connection, transaction);
            command.Parameters.AddWithValue("queue", Name);
            command.Parameters.AddWithValue("version", migrations.Count);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return migrations.Count;
    }

    /// <summary>
    /// Adds documents (request envelopes as JSON, one per element; empty elements are skipped but counted, so that positions stay line numbers) for <paramref name="operation"/> of
    /// <paramref name="protocol"/>. Each is read and validated first; an invalid one is reported and not stored. A
    /// document whose external_id is already queued with the same content is counted as already queued (a repeated
    /// push adds nothing); with another content or operation it is a conflict, not stored.
    /// </summary>
    /// <exception cref="ArgumentException">The protocol has no such operation.</exception>
    public async Task<QueuePushResult> PushAsync(AtolProtocolVersion protocol, string operation, IAsyncEnumerable<ReadOnlyMemory<byte>> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(documents);
        var bound = QueueOperation.Find(protocol, operation);
        string protocolName = AtolProtocolDescriptor.For(protocol).PathSegment;
        var result = new PushCounts();
        var chunk = new Dictionary<string, (string Json, string Hash, long Index)>(StringComparer.Ordinal);
        long index = 0;
        await foreach (var json in documents.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            index++;
            if (json.Span.Trim(" \t\r\n"u8).IsEmpty)
            {
                continue; // an empty line of a JSON Lines file (it still counts, so that positions are line numbers)
            }

            string? externalId;
            string canonical, hash;
            ValidationResult validation;
            try
            {
                validation = bound.Read(json.Span, out externalId, out canonical, out hash);
            }
            catch (AtolJsonException ex)
            {
                result.Invalid(index, null, ex.Message);
                continue;
            }

            if (!validation.IsValid)
            {
                result.Invalid(index, externalId, validation.Violations.First(v => v.Severity == ValidationSeverity.Error).ToString());
                continue;
            }

            if (string.IsNullOrEmpty(externalId))
            {
                result.Invalid(index, null, "no external_id: the queue's key, what makes retries and restarts safe");
                continue;
            }

            if (chunk.TryGetValue(externalId, out var earlier))
            {
                if (earlier.Hash == hash)
                {
                    result.AlreadyQueued++;
                }
                else
                {
                    result.Conflict(externalId, $"document {index} has another content than document {earlier.Index} of this push");
                }

                continue;
            }

            chunk[externalId] = (canonical, hash, index);
            if (chunk.Count >= PushChunk)
            {
                await InsertAsync(chunk, bound.Name, protocolName, result, cancellationToken).ConfigureAwait(false);
                chunk.Clear();
            }
        }

        if (chunk.Count > 0)
        {
            await InsertAsync(chunk, bound.Name, protocolName, result, cancellationToken).ConfigureAwait(false);
        }

        return result.ToResult();
    }

    /// <summary>Counts per state, throughput over the last minute, the oldest pending document and the live workers.</summary>
    public async Task<QueueStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand($"SELECT state, count(*) FROM {Sql.Table} GROUP BY state"),
                new NpgsqlBatchCommand($"SELECT count(*) FROM {Sql.Table} WHERE finished_at > now() - interval '60 seconds'"),
                new NpgsqlBatchCommand($"SELECT min(created_at), now() FROM {Sql.Table} WHERE state = 'pending'"),
                new NpgsqlBatchCommand($"SELECT count(*) FROM {Sql.Workers} WHERE last_seen > now() - interval '60 seconds'"),
                new NpgsqlBatchCommand($"SELECT count(*) FROM {Sql.Table} WHERE state IN ('pending', 'sent') AND lease_owner IS NOT NULL AND lease_expires > now()"),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        long pending = 0, sent = 0, done = 0, failed = 0, unresolved = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            long count = reader.GetInt64(1);
            switch (reader.GetString(0))
            {
                case "pending": pending = count; break;
                case "sent": sent = count; break;
                case "done": done = count; break;
                case "unresolved": unresolved = count; break;
                default: failed = count; break;
            }
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        long lastMinute = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        DateTimeOffset? oldest = reader.IsDBNull(0) ? null : new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero);
        DateTimeOffset now = new(reader.GetDateTime(1), TimeSpan.Zero);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        long workers = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        long leased = reader.GetInt64(0);
        return new QueueStatus(pending, sent, done, failed, leased, lastMinute / 60.0, oldest, oldest is { } o ? now - o : null, workers) { Unresolved = unresolved };
    }

    /// <summary>
    /// Writes every document in <paramref name="state"/> as JSON Lines (external_id, operation, protocol, state, uuid,
    /// fiscal data, error, attempts, times), ordered by when it finished: the audit record. Returns the number written.
    /// </summary>
    public async Task<long> ExportAsync(JournalState state, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"""
            SELECT external_id, operation, protocol, state, uuid, fn_number, fiscal_document_number, fiscal_document_attribute, total,
                   error, attempts, created_at, sent_at, finished_at
            FROM {Sql.Table} WHERE state = @state ORDER BY finished_at NULLS LAST, created_at, external_id
            """, connection);
        command.Parameters.AddWithValue("state", StateName(state));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new ArrayBufferWriter<byte>(1024);
        long written = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            buffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(buffer, AtolJson.WriterOptions))
            {
                writer.WriteStartObject();
                writer.WriteString("external_id", reader.GetString(0));
                writer.WriteString("operation", reader.GetString(1));
                writer.WriteString("protocol", reader.GetString(2));
                writer.WriteString("state", reader.GetString(3));
                WriteOptional(writer, "uuid", reader, 4);
                WriteOptional(writer, "fn_number", reader, 5);
                if (!reader.IsDBNull(6))
                {
                    writer.WriteNumber("fiscal_document_number", reader.GetInt64(6));
                }

                if (!reader.IsDBNull(7))
                {
                    writer.WriteNumber("fiscal_document_attribute", reader.GetInt64(7));
                }

                if (!reader.IsDBNull(8))
                {
                    writer.WriteNumber("total", reader.GetDecimal(8));
                }

                WriteOptional(writer, "error", reader, 9);
                writer.WriteNumber("attempts", reader.GetInt32(10));
                foreach (var (name, column) in new[] { ("created_at", 11), ("sent_at", 12), ("finished_at", 13) })
                {
                    if (!reader.IsDBNull(column))
                    {
                        writer.WriteString(name, new DateTimeOffset(reader.GetDateTime(column), TimeSpan.Zero));
                    }
                }

                writer.WriteEndObject();
            }

            buffer.Write("\n"u8);
            await output.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            written++;
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return written;
    }

    /// <summary>The recorded state of one document, or null when the queue does not hold it.</summary>
    public async Task<QueuedDocument?> FindAsync(string externalId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(externalId);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"SELECT operation, state, uuid, fn_number, fiscal_document_number, fiscal_document_attribute, total, error, attempts, lease_owner FROM {Sql.Table} WHERE external_id = @id",
            connection);
        command.Parameters.AddWithValue("id", externalId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await ReadDocumentsAsync(reader, externalId, cancellationToken).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every document of the queue with its recorded state, ordered by external_id.</summary>
    public async IAsyncEnumerable<QueuedDocument> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"SELECT operation, state, uuid, fn_number, fiscal_document_number, fiscal_document_attribute, total, error, attempts, lease_owner, external_id FROM {Sql.Table} ORDER BY external_id",
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var document in ReadDocumentsAsync(reader, null, cancellationToken).ConfigureAwait(false))
        {
            yield return document;
        }
    }

    internal static string StateName(JournalState state) => state switch
    {
        JournalState.Pending => "pending",
        JournalState.Sent => "sent",
        JournalState.Done => "done",
        JournalState.Unresolved => "unresolved",
        _ => "failed",
    };

    internal static JournalState ParseState(string state) => state switch
    {
        "pending" => JournalState.Pending,
        "sent" => JournalState.Sent,
        "done" => JournalState.Done,
        "unresolved" => JournalState.Unresolved,
        _ => JournalState.Failed,
    };

    private static async IAsyncEnumerable<QueuedDocument> ReadDocumentsAsync(NpgsqlDataReader reader, string? externalId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var fiscal = reader.IsDBNull(3) && reader.IsDBNull(4) && reader.IsDBNull(5) && reader.IsDBNull(6)
                ? null
                : new BatchFiscalData(
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetInt64(4),
                    reader.IsDBNull(5) ? null : reader.GetInt64(5),
                    reader.IsDBNull(6) ? null : reader.GetDecimal(6));
            yield return new QueuedDocument(
                externalId ?? reader.GetString(10),
                reader.GetString(0),
                ParseState(reader.GetString(1)),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                fiscal,
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.GetInt32(8),
                reader.IsDBNull(9) ? null : reader.GetString(9));
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, NpgsqlDataReader reader, int column)
    {
        if (!reader.IsDBNull(column))
        {
            writer.WriteString(name, reader.GetString(column));
        }
    }

    /// <summary>Inserts one chunk in one statement; rows already there are compared by operation and content hash.</summary>
    private async Task InsertAsync(Dictionary<string, (string Json, string Hash, long Index)> chunk, string operation, string protocol, PushCounts result, CancellationToken cancellationToken)
    {
        string[] ids = [.. chunk.Keys];
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var inserted = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(
            $"""
            INSERT INTO {Sql.Table} (external_id, operation, protocol, request, content_hash)
            SELECT id, @operation, @protocol, request, hash FROM unnest(@ids, @requests, @hashes) AS t(id, request, hash)
            ON CONFLICT (external_id) DO NOTHING
            RETURNING external_id
            """, connection))
        {
            command.Parameters.AddWithValue("operation", operation);
            command.Parameters.AddWithValue("protocol", protocol);
            command.Parameters.Add(new NpgsqlParameter<string[]>("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = ids });
            command.Parameters.Add(new NpgsqlParameter<string[]>("requests", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. ids.Select(id => chunk[id].Json)] });
            command.Parameters.Add(new NpgsqlParameter<string[]>("hashes", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. ids.Select(id => chunk[id].Hash)] });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                inserted.Add(reader.GetString(0));
            }
        }

        result.Added += inserted.Count;
        string[] existing = [.. ids.Where(id => !inserted.Contains(id))];
        if (existing.Length == 0)
        {
            return;
        }

        await using var compare = new NpgsqlCommand($"SELECT external_id, operation, protocol, content_hash FROM {Sql.Table} WHERE external_id = ANY(@ids)", connection);
        compare.Parameters.Add(new NpgsqlParameter<string[]>("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = existing });
        await using var rows = await compare.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            string id = rows.GetString(0), queuedOperation = rows.GetString(1), queuedProtocol = rows.GetString(2), queuedHash = rows.GetString(3);
            if (queuedOperation == operation && queuedProtocol == protocol && queuedHash == chunk[id].Hash)
            {
                result.AlreadyQueued++;
            }
            else
            {
                result.Conflict(id, queuedOperation != operation || queuedProtocol != protocol
                    ? $"already queued for {queuedProtocol} {queuedOperation}, not {protocol} {operation}"
                    : $"already queued with another content (sha256 {queuedHash[..16]}…, this one {chunk[id].Hash[..16]}…)");
            }
        }
    }

    private sealed class PushCounts
    {
        private readonly List<QueuePushProblem> _problems = [];

        public long Added { get; set; }

        public long AlreadyQueued { get; set; }

        private long InvalidCount { get; set; }

        private long ConflictCount { get; set; }

        public void Invalid(long index, string? externalId, string reason)
        {
            InvalidCount++;
            Add(new QueuePushProblem(index, externalId, "invalid: " + reason));
        }

        public void Conflict(string externalId, string reason)
        {
            ConflictCount++;
            Add(new QueuePushProblem(null, externalId, $"conflict: external_id {externalId} {reason}; not queued: give a different document its own external_id"));
        }

        public QueuePushResult ToResult() => new(Added, AlreadyQueued, ConflictCount, InvalidCount, _problems);

        private void Add(QueuePushProblem problem)
        {
            if (_problems.Count < MaxListed)
            {
                _problems.Add(problem);
            }
        }
    }
}
