namespace AtolOnline.Batch;

/// <summary>A registered document awaiting its final report: completed by a poll or by a verified callback.</summary>
internal sealed class AwaitedReport(string uuid, string externalId, long sequence, long registeredAt)
{
    private readonly TaskCompletionSource<AtolReport> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Uuid { get; } = uuid;

    public string ExternalId { get; } = externalId;

    /// <summary>Order of registration in this run (ATOL's queue order, near enough).</summary>
    public long Sequence { get; } = sequence;

    /// <summary>Timestamp (of the batch's TimeProvider) of the registration answer.</summary>
    public long RegisteredAt { get; } = registeredAt;

    /// <summary>When the next poll is due (scheduler lock); <see cref="long.MaxValue"/> while a poll is out.</summary>
    public long Due { get; set; }

    /// <summary>Marks the scheduler's current queue entry of this document; older entries are skipped (scheduler lock).</summary>
    public int Version { get; set; }

    /// <summary>Whether the next poll goes out at the first-poll estimate, so that its answer calibrates it (scheduler lock).</summary>
    public bool Calibrates { get; set; }

    /// <summary>
    /// An unverified callback announced the result: the next poll goes out at once, not held back by another
    /// document's wait (scheduler lock; cleared when that poll goes out).
    /// </summary>
    public bool Announced { get; set; }

    /// <summary>Polls answered wait so far (scheduler lock).</summary>
    public int Waits { get; set; }

    /// <summary>The document's own cancellation (its deadline or the batch's).</summary>
    public CancellationToken Cancellation { get; set; }

    public Task<AtolReport> Task => _result.Task;

    public bool Complete(AtolReport report) => _result.TrySetResult(report);

    public void Fail(Exception exception) => _result.TrySetException(exception);

    public void Cancel() => _result.TrySetCanceled(Cancellation);
}
