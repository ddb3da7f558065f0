using System.Collections.Concurrent;
using Npgsql;
using NpgsqlTypes;

namespace AtolOnline.Batch.PostgreSql;

/// <summary>
/// The batch journal of one worker over the queue table: the <see cref="BatchProcessor"/> keeps its exactly-once logic
/// (record before acting, resend pending with the same external_id, poll sent by uuid) and this journal makes each
/// change one committed statement on the document's row.
/// </summary>
internal sealed class QueueJournal(PostgresQueueStore queue, string workerId, TimeSpan sendMargin) : IBatchJournal
{
    private readonly ConcurrentDictionary<string, ClaimedDocument> _claimed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _lost = new(StringComparer.Ordinal);
    private long _roundTrips;

    /// <summary>Round trips to the database made by this worker (journal changes, claims, heartbeats, releases).</summary>
    public long RoundTrips => Interlocked.Read(ref _roundTrips);

    public void CountRoundTrip() => Interlocked.Increment(ref _roundTrips);

    public void Claimed(ClaimedDocument document) => _claimed[document.ExternalId] = document;

    public void Forget(string externalId) => _claimed.TryRemove(externalId, out _);

    public bool TryGetPrevious(string externalId, out JournalRecord record)
    {
        // A sent document is polled by its uuid; a pending one (new, or taken over from a worker that died before
        // recording ATOL's answer) is sent again with the same external_id: ATOL's duplicate answer gives the first uuid.
        // The content hash is left out: the row is the document, so there is nothing to conflict with.
        if (_claimed.TryGetValue(externalId, out var claimed) && claimed.State == JournalState.Sent)
        {
            record = new JournalRecord(JournalState.Sent, claimed.Operation, claimed.Uuid);
            return true;
        }

        record = default;
        return false;
    }

    /// <summary>
    /// The fence before a send: the row is still pending and still this worker's, with a margin left on the lease (so
    /// that the request is not still on its way when another worker may take the document over).
    /// </summary>
    public async ValueTask RecordPendingAsync(string externalId, string operation, string contentHash, CancellationToken cancellationToken)
    {
        int rows = await ExecuteAsync(queue.Sql.Pending, externalId, cancellationToken, Parameter("worker", NpgsqlDbType.Text, workerId), Parameter("margin", NpgsqlDbType.Interval, sendMargin)).ConfigureAwait(false);
        if (rows != 1)
        {
            // Not a journal failure: the document is someone else's now (or soon), so this worker must not send it. The
            // batch pipeline turns a cancellation into an unresolved outcome without sending; the worker recognises
            // it by LeaseLost and leaves the row alone.
            _lost.TryAdd(externalId, 0);
            throw new LeaseLostException(externalId);
        }
    }

    /// <summary>True (once) when this worker refused to send <paramref name="externalId"/> because its lease was gone.</summary>
    public bool TakeLeaseLost(string externalId) => _lost.TryRemove(externalId, out _);

    public async ValueTask RecordSentAsync(string externalId, string operation, string uuid, CancellationToken cancellationToken) =>
        await ExecuteAsync(queue.Sql.Sent, externalId, cancellationToken, Parameter("uuid", NpgsqlDbType.Text, uuid)).ConfigureAwait(false);

    public async ValueTask RecordFinalAsync(string externalId, string operation, string? uuid, JournalState state, AtolReport? report, string? failure, CancellationToken cancellationToken)
    {
        var fiscal = BatchFiscalData.From(report);
        string? error = failure ?? (report?.Error is { } e ? $"{e.Type}/{e.Code}: {e.Text}" : null);
        await ExecuteAsync(queue.Sql.Final, externalId, cancellationToken,
            Parameter("state", NpgsqlDbType.Text, PostgresQueueStore.StateName(state)),
            Parameter("uuid", NpgsqlDbType.Text, uuid),
            Parameter("fn", NpgsqlDbType.Text, fiscal?.FnNumber),
            Parameter("fd", NpgsqlDbType.Bigint, fiscal?.FiscalDocumentNumber),
            Parameter("fpd", NpgsqlDbType.Bigint, fiscal?.FiscalDocumentAttribute),
            Parameter("total", NpgsqlDbType.Numeric, fiscal?.Total),
            Parameter("error", NpgsqlDbType.Text, state is JournalState.Failed or JournalState.Unresolved ? error : null)).ConfigureAwait(false);
        Forget(externalId);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    internal async Task<int> ExecuteAsync(string sql, string externalId, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = queue.DataSource.CreateCommand(sql);
        command.Parameters.Add(Parameter("id", NpgsqlDbType.Text, externalId));
        command.Parameters.AddRange(parameters);
        CountRoundTrip();
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    internal static NpgsqlParameter Parameter(string name, NpgsqlDbType type, object? value) => new(name, type) { Value = value ?? DBNull.Value };
}

/// <summary>The fence before a send found the lease gone: nothing is sent (a cancellation of that one document).</summary>
internal sealed class LeaseLostException(string externalId)
    : OperationCanceledException($"{externalId}: this worker no longer holds the document's lease (its renewals did not reach the database in time); not sent here");

/// <summary>A document as a claim returned it.</summary>
internal sealed record ClaimedDocument(string ExternalId, string Operation, string Request, JournalState State, string? Uuid, string? PreviousOwner);
