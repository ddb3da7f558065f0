namespace AtolOnline.Batch.PostgreSql;

/// <summary>
/// Spaces calls evenly at a rate that can change while running (this worker's share of the group's rate). No burst:
/// the shares of all workers add up to the group's rate at every moment their views of the live workers agree.
/// </summary>
internal sealed class RatePacer(TimeProvider time)
{
    private readonly Lock _lock = new();
    private double _perSecond;
    private long _next;

    public double PerSecond
    {
        get { lock (_lock) { return _perSecond; } }
        set { lock (_lock) { _perSecond = value; } }
    }

    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        var wait = Reserve();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Takes the next free slot and returns how long to wait for it (zero when unlimited).</summary>
    internal TimeSpan Reserve()
    {
        lock (_lock)
        {
            if (_perSecond <= 0)
            {
                return TimeSpan.Zero;
            }

            long now = time.GetTimestamp();
            long interval = (long)(time.TimestampFrequency / _perSecond);
            long slot = Math.Max(now, _next);
            _next = slot + interval;
            return time.GetElapsedTime(now, slot);
        }
    }
}
