namespace AtolOnline.Batch;

/// <summary>
/// At most N report requests in any window of 1.1 s (N = the group's registers; ATOL allows 1 per second per register).
/// The extra 100 ms absorbs the jitter between our clock and the moment a request reaches ATOL, so that no clock
/// second at ATOL sees more than N. One caller at a time (the scheduler's loop).
/// </summary>
internal sealed class ReportRateGate
{
    /// <summary>The window in which at most N requests go out.</summary>
    internal static readonly TimeSpan Window = TimeSpan.FromMilliseconds(1100);

    private readonly long[] _sent;
    private readonly TimeProvider _time;
    private readonly long _window;
    private long _count;

    public ReportRateGate(int limit, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        _sent = new long[limit];
        _time = time;
        _window = (long)(Window.TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>Waits until a request may go out, and counts it as sent now.</summary>
    public async ValueTask WaitForSlotAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            long now = _time.GetTimestamp();
            if (_count < _sent.Length)
            {
                _sent[_count++ % _sent.Length] = now;
                return;
            }

            long oldest = _sent[_count % _sent.Length];
            long wait = oldest + _window - now;
            if (wait <= 0)
            {
                _sent[_count++ % _sent.Length] = now;
                return;
            }

            await Task.Delay(TimeSpan.FromTicks((wait * TimeSpan.TicksPerSecond / _time.TimestampFrequency) + 1), _time, cancellationToken).ConfigureAwait(false);
        }
    }
}
