namespace AtolOnline.Batch.PostgreSql;

/// <summary>Options of a <see cref="PostgresBatchWorker"/>.</summary>
public sealed class PostgresBatchWorkerOptions
{
    /// <summary>This worker's name in leases and heartbeats; default: machine, process id and a random suffix.</summary>
    public string? WorkerId { get; set; }

    /// <summary>
    /// Documents this worker holds at once (registered and awaiting their result, each under its lease); its HTTP requests
    /// in flight are at most 8 of them. Default 8.
    /// </summary>
    public int MaxInFlight { get; set; } = 8;

    /// <summary>
    /// Cash registers of the group: ATOL allows 1 report request per second per register for the whole group. Shared by
    /// all live workers of the queue like <see cref="GroupRequestsPerSecond"/> (each takes the whole part of an equal
    /// share, at least 1, recomputed at every heartbeat). Default 1, the smallest group.
    /// </summary>
    public int GroupRegisters { get; set; } = 1;

    /// <summary>Documents claimed per statement (the worker's local buffer). Default 8.</summary>
    public int ClaimBatchSize { get; set; } = 8;

    /// <summary>
    /// Registration requests per second for the whole group, shared by all live workers of the queue (each takes an
    /// equal part, recomputed at every heartbeat); 0 = unlimited. Default 20.
    /// </summary>
    public double GroupRequestsPerSecond { get; set; } = 20;

    /// <summary>
    /// How long a claimed document stays with this worker without a renewal; after it, any worker may take it over.
    /// Default 30 s: a dead worker's documents wait this long.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the worker renews its leases and its heartbeat (at most a third of the lease). Default 5 s.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a document that did not become final (transient failure, deadline) waits before any worker tries it again. Default 30 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the worker waits before looking again when nothing is claimable. Default 1 s.</summary>
    public TimeSpan IdleDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Time one document may take from sending to its final report (as in <see cref="BatchOptions.DocumentDeadline"/>).</summary>
    public TimeSpan DocumentDeadline { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Receives the batch pipeline's progress.</summary>
    public IProgress<BatchProgress>? Progress { get; set; }

    /// <summary>The clock of delays and pacing (tests may replace it); leases use the database's clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxInFlight, 1, nameof(MaxInFlight));
        ArgumentOutOfRangeException.ThrowIfLessThan(GroupRegisters, 1, nameof(GroupRegisters));
        ArgumentOutOfRangeException.ThrowIfLessThan(ClaimBatchSize, 1, nameof(ClaimBatchSize));
        if (!double.IsFinite(GroupRequestsPerSecond) || GroupRequestsPerSecond < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(GroupRequestsPerSecond), "0 (unlimited) or a positive rate");
        }

        if (HeartbeatInterval <= TimeSpan.Zero || LeaseDuration < HeartbeatInterval * 3)
        {
            throw new ArgumentOutOfRangeException(nameof(LeaseDuration), "the lease must last at least three heartbeats, so that one late renewal does not lose it");
        }

        if (RetryDelay < TimeSpan.Zero || IdleDelay <= TimeSpan.Zero || DocumentDeadline <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RetryDelay), "delays must be positive");
        }
    }
}
