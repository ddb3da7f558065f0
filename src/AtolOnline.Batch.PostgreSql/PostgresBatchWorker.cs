using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;
using AtolOnline.Protocol;

namespace AtolOnline.Batch.PostgreSql;

/// <summary>
/// One worker over a <see cref="PostgresQueueStore"/>: claims open documents in small batches (row locks with SKIP
/// LOCKED, so workers on any number of machines never take the same document), runs them through the
/// <see cref="BatchProcessor"/> with the queue table as its journal, renews its leases with a heartbeat, and takes over
/// documents whose lease expired (a dead worker's): pending ones are sent again with the same external_id (ATOL's
/// duplicate answer adopts the first uuid), sent ones are polled by uuid.
/// </summary>
/// <remarks>
/// Every state change is one committed statement before the worker acts on it. Before a send the worker checks, in
/// the database, that the document is still pending and its lease still has a heartbeat interval left; a worker whose
/// renewals stopped reaching the database in time leaves such documents unsent (counted as lost leases). The group's registration rate is divided equally
/// among the workers whose heartbeat the database saw in the last three heartbeat intervals.
/// </remarks>
public sealed class PostgresBatchWorker
{
    private readonly PostgresQueueStore _queue;
    private readonly IAtolRegistrationClient _client;
    private readonly PostgresBatchWorkerOptions _options;
    private readonly string _protocol;
    private readonly Dictionary<string, QueueOperation> _operations = new(StringComparer.Ordinal);
    private BatchOptions? _batchOptions;
    private int _registerShare = 1;

    /// <summary>This worker's share of the group's registers (report requests per second), as of the last heartbeat.</summary>
    internal int RegisterShare => _registerShare;
    private long _claimed, _takenOver;
    private volatile bool _stopClaiming;

    /// <summary>A worker for <paramref name="queue"/> sending with <paramref name="client"/> (documents of the client's protocol only).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the lease must last at least three heartbeats).</exception>
    public PostgresBatchWorker(PostgresQueueStore queue, IAtolRegistrationClient client, PostgresBatchWorkerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(client);
        _queue = queue;
        _client = client;
        _options = options ?? new PostgresBatchWorkerOptions();
        _options.Validate();
        _protocol = AtolProtocolDescriptor.For(client.ProtocolVersion).PathSegment;
        WorkerId = _options.WorkerId ?? $"{Environment.MachineName}:{Environment.ProcessId}:{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 3))}";
    }

    /// <summary>This worker's name in leases and heartbeats.</summary>
    public string WorkerId { get; }

    /// <summary>
    /// Works until every document of the client's protocol in the queue is final (<paramref name="follow"/> false), or
    /// until <paramref name="cancellationToken"/> is cancelled (<paramref name="follow"/> true: new documents are picked
    /// up as they are pushed). On the way out, the documents it still holds are given back at once.
    /// </summary>
    /// <exception cref="NpgsqlException">A state change could not be recorded: the worker stopped, nothing more was sent.</exception>
    public async Task<QueueWorkerResult> RunAsync(bool follow, CancellationToken cancellationToken = default)
    {
        await _queue.MigrateAsync(cancellationToken).ConfigureAwait(false);
        var pacer = new RatePacer(_options.TimeProvider);
        var journal = new QueueJournal(_queue, WorkerId, _options.HeartbeatInterval);
        await HeartbeatAsync(journal, pacer, cancellationToken).ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var heartbeat = HeartbeatLoopAsync(journal, pacer, stop.Token);
        var batchOptions = new BatchOptions
        {
            MaxAwaitingResult = _options.MaxInFlight,
            MaxConcurrentRequests = Math.Min(_options.MaxInFlight, 8),
            Registers = _registerShare,
            RequestsPerSecond = 0, // paced by this worker's share of the group's rate (PacedClient)
            Journal = journal,
            DocumentDeadline = _options.DocumentDeadline,
            Progress = _options.Progress,
            TimeProvider = _options.TimeProvider,
        };
        _batchOptions = batchOptions;
        var processor = new BatchProcessor(new PacedClient(_client, pacer), batchOptions);

        long done = 0, failed = 0, unresolved = 0, released = 0, lost = 0;
        bool credentialsRefused = false, finished = false;
        try
        {
            await foreach (var outcome in processor.ProcessAsync(ClaimAsync(follow, journal, () => finished = true, stop.Token), cancellationToken).ConfigureAwait(false))
            {
                switch (outcome.Kind)
                {
                    case BatchOutcomeKind.Done:
                        done++;
                        break;
                    case BatchOutcomeKind.Failed:
                        failed++;
                        break;
                    case BatchOutcomeKind.Invalid:
                        // The stored body no longer reads or validates (pushed bodies were valid then): never sent, final.
                        await journal.RecordFinalAsync(outcome.ExternalId, outcome.Operation, null, JournalState.Failed, null, "invalid, never sent: " + outcome.Error, CancellationToken.None).ConfigureAwait(false);
                        failed++;
                        break;
                    default:
                        if (journal.TakeLeaseLost(outcome.ExternalId))
                        {
                            journal.Forget(outcome.ExternalId);
                            lost++;
                            break; // not sent; the row belongs to whoever holds its lease now
                        }

                        if (outcome.IsReportGone)
                        {
                            // Registered, but ATOL no longer keeps its report: a retry would only ask again forever, and
                            // a resend would fiscalize it twice. Final; the statement leaves a row already final alone.
                            await journal.RecordFinalAsync(outcome.ExternalId, outcome.Operation, outcome.Uuid, JournalState.Unresolved, null, outcome.Error, CancellationToken.None).ConfigureAwait(false);
                            unresolved++;
                            break;
                        }

                        if (outcome.Action == AtolErrorAction.CheckCredentials)
                        {
                            credentialsRefused = true;
                            _stopClaiming = true;
                        }

                        released += await ReleaseAsync(journal, outcome.ExternalId, _options.RetryDelay, outcome.Error).ConfigureAwait(false);
                        break;
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await heartbeat.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // stopped
            }

            await GoodbyeAsync(journal).ConfigureAwait(false);
        }

        return new QueueWorkerResult(Interlocked.Read(ref _claimed), Interlocked.Read(ref _takenOver), done, failed, released, lost, journal.RoundTrips, credentialsRefused, finished) { Unresolved = unresolved };
    }

    /// <summary>
    /// Claims documents as the pipeline has room for them: a small batch per statement, buffered here while their
    /// leases are renewed. Ends when nothing is open any more (or never, when following).
    /// </summary>
    private async IAsyncEnumerable<BatchItem> ClaimAsync(bool follow, QueueJournal journal, Action finished, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (!_stopClaiming)
        {
            var claimed = await ClaimBatchAsync(journal, cancellationToken).ConfigureAwait(false);
            if (claimed.Count == 0)
            {
                if (!follow && await OpenCountAsync(journal, cancellationToken).ConfigureAwait(false) == 0)
                {
                    finished();
                    yield break;
                }

                await Task.Delay(_options.IdleDelay, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
                continue;
            }

            foreach (var document in claimed)
            {
                if (_stopClaiming)
                {
                    break; // the rest is given back on the way out
                }

                yield return Operation(document.Operation)?.ToItem(document.ExternalId, document.Request)
                    ?? BatchItem.Unreadable(0, $"operation {document.Operation} is not one of protocol {_protocol}", document.ExternalId);
            }
        }
    }

    private async Task<List<ClaimedDocument>> ClaimBatchAsync(QueueJournal journal, CancellationToken cancellationToken)
    {
        var claimed = new List<ClaimedDocument>(_options.ClaimBatchSize);
        await using var command = _queue.DataSource.CreateCommand(_queue.Sql.Claim);
        command.Parameters.Add(QueueJournal.Parameter("protocol", NpgsqlDbType.Text, _protocol));
        command.Parameters.Add(QueueJournal.Parameter("limit", NpgsqlDbType.Integer, _options.ClaimBatchSize));
        command.Parameters.Add(QueueJournal.Parameter("worker", NpgsqlDbType.Text, WorkerId));
        command.Parameters.Add(QueueJournal.Parameter("lease", NpgsqlDbType.Interval, _options.LeaseDuration));
        journal.CountRoundTrip();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                claimed.Add(new ClaimedDocument(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2), PostgresQueueStore.ParseState(reader.GetString(3)),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
            }
        }

        // The order of the rows a claim returns is not its ORDER BY; keep the queue's order for the pipeline.
        foreach (var document in claimed)
        {
            journal.Claimed(document);
            Interlocked.Increment(ref _claimed);
            if (document.PreviousOwner is not null && document.PreviousOwner != WorkerId)
            {
                Interlocked.Increment(ref _takenOver);
            }
        }

        return claimed;
    }

    private async Task<long> OpenCountAsync(QueueJournal journal, CancellationToken cancellationToken)
    {
        await using var command = _queue.DataSource.CreateCommand(_queue.Sql.OpenCount);
        command.Parameters.Add(QueueJournal.Parameter("protocol", NpgsqlDbType.Text, _protocol));
        journal.CountRoundTrip();
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long count ? count : 0;
    }

    private QueueOperation? Operation(string name)
    {
        lock (_operations)
        {
            if (!_operations.TryGetValue(name, out var operation))
            {
                try
                {
                    operation = QueueOperation.Find(_client.ProtocolVersion, name);
                }
                catch (ArgumentException)
                {
                    return null;
                }

                _operations[name] = operation;
            }

            return operation;
        }
    }

    /// <summary>Gives one unfinished document back; any worker may try it again after <paramref name="delay"/>.</summary>
    private async Task<long> ReleaseAsync(QueueJournal journal, string externalId, TimeSpan delay, string? error)
    {
        journal.Forget(externalId);
        return await journal.ExecuteAsync(_queue.Sql.Release, externalId, CancellationToken.None,
            QueueJournal.Parameter("worker", NpgsqlDbType.Text, WorkerId),
            QueueJournal.Parameter("delay", NpgsqlDbType.Interval, delay),
            QueueJournal.Parameter("error", NpgsqlDbType.Text, error)).ConfigureAwait(false);
    }

    private async Task HeartbeatLoopAsync(QueueJournal journal, RatePacer pacer, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(_options.HeartbeatInterval, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            try
            {
                await HeartbeatAsync(journal, pacer, cancellationToken).ConfigureAwait(false);
            }
            catch (NpgsqlException)
            {
                // The next beat tries again. Leases not renewed in time are fenced before any send (QueueJournal).
            }
        }
    }

    /// <summary>One round trip: this worker's heartbeat, its leases renewed, and its share of the group's rate.</summary>
    internal async Task HeartbeatAsync(QueueJournal journal, RatePacer pacer, CancellationToken cancellationToken)
    {
        await using var connection = await _queue.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection);
        var beat = new NpgsqlBatchCommand(_queue.Sql.Heartbeat);
        beat.Parameters.Add(QueueJournal.Parameter("worker", NpgsqlDbType.Text, WorkerId));
        var renew = new NpgsqlBatchCommand(_queue.Sql.Renew);
        renew.Parameters.Add(QueueJournal.Parameter("worker", NpgsqlDbType.Text, WorkerId));
        renew.Parameters.Add(QueueJournal.Parameter("lease", NpgsqlDbType.Interval, _options.LeaseDuration));
        var live = new NpgsqlBatchCommand(_queue.Sql.LiveWorkers);
        live.Parameters.Add(QueueJournal.Parameter("live", NpgsqlDbType.Interval, _options.HeartbeatInterval * 3));
        batch.BatchCommands.Add(beat);
        batch.BatchCommands.Add(renew);
        batch.BatchCommands.Add(live);
        journal.CountRoundTrip();
        long workers = await batch.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long count ? count : 1;
        pacer.PerSecond = _options.GroupRequestsPerSecond / Math.Max(1, workers);
        // The group's report limit is shared the same way; the batch reads it before every report request. With more
        // workers than registers each keeps 1, so the group's limit can then be exceeded: run at most as many workers.
        _registerShare = (int)Math.Max(1, _options.GroupRegisters / Math.Max(1, workers));
        if (_batchOptions is { } batchOptions)
        {
            batchOptions.Registers = _registerShare;
        }
    }

    /// <summary>On the way out: the documents still held are given back at once (not after the lease), and the heartbeat is removed.</summary>
    private async Task GoodbyeAsync(QueueJournal journal)
    {
        try
        {
            await using var connection = await _queue.DataSource.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
            await using var batch = new NpgsqlBatch(connection);
            var release = new NpgsqlBatchCommand(_queue.Sql.ReleaseAll);
            release.Parameters.Add(QueueJournal.Parameter("worker", NpgsqlDbType.Text, WorkerId));
            var forget = new NpgsqlBatchCommand(_queue.Sql.ForgetWorker);
            forget.Parameters.Add(QueueJournal.Parameter("worker", NpgsqlDbType.Text, WorkerId));
            batch.BatchCommands.Add(release);
            batch.BatchCommands.Add(forget);
            journal.CountRoundTrip();
            await batch.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // The leases expire on their own.
        }
    }
}
