namespace AtolOnline.Batch;

/// <summary>
/// At most N report requests in any window of 1.1 s (N = the group's registers; ATOL allows 1 per second per register).
/// The extra 100 ms absorbs the jitter between our clock and the moment a request reaches ATOL, so that no clock
/// second at ATOL sees more than N. One caller at a time (the scheduler's loop). The client's own retries of a failed
/// report request happen after this gate and are not counted (README, Batches).
/// </summary>
internal sealed class ReportRateGate
{
    /// <summary>The window in which at most N requests go out.</summary>
    internal static readonly TimeSpan Window = TimeSpan.FromMilliseconds(1100);

    private readonly Queue<long> _sent = new();
    private readonly Func<int> _limit;
    private readonly TimeProvider _time;
    private readonly long _window;

    /// <param name="limit">Read before every request: a worker that shares a group's registers with others changes its share while it runs.</param>
    /// <param name="time">The clock.</param>
    public ReportRateGate(Func<int> limit, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit(), 1);
        _limit = limit;
        _time = time;
        _window = (long)(Window.TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>Waits until a request may go out, and counts it as sent now.</summary>
    public async ValueTask WaitForSlotAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            long now = _time.GetTimestamp();
            while (_sent.Count > 0 && _sent.Peek() + _window <= now)
            {
                _sent.Dequeue();
            }

            int limit = Math.Max(1, _limit());
            if (_sent.Count < limit)
            {
                _sent.Enqueue(now);
                return;
            }

            // The request may go once all but limit - 1 of the window's requests have left it.
            long until = _sent.ElementAt(_sent.Count - limit) + _window;
            long wait = until - now;
            await Task.Delay(TimeSpan.FromTicks((wait * TimeSpan.TicksPerSecond / _time.TimestampFrequency) + 1), _time, cancellationToken).ConfigureAwait(false);
        }
    }
}
