namespace AtolOnline.Client.Tests;

/// <summary>
/// A virtual clock that moves only when the code under test waits: every timer created (every <c>Task.Delay</c> on this
/// provider) advances the clock by its due time at once and then fires. A sequential flow (one request, one document)
/// thus runs its whole schedule in virtual time, deterministically and without sleeping; <see cref="Waits"/> keeps every
/// wait in order.
/// </summary>
internal sealed class FakeClock : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly DateTimeOffset _start;
    private readonly List<TimeSpan> _waits = [];
    private DateTimeOffset _now;

    public FakeClock(DateTimeOffset? start = null)
    {
        _start = start ?? new DateTimeOffset(2026, 3, 5, 11, 2, 11, TimeSpan.Zero);
        _now = _start;
    }

    /// <summary>Virtual time since the clock was created.</summary>
    public TimeSpan Elapsed
    {
        get
        {
            lock (_gate)
            {
                return _now - _start;
            }
        }
    }

    public IReadOnlyList<TimeSpan> Waits
    {
        get
        {
            lock (_gate)
            {
                return [.. _waits];
            }
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return _now.UtcTicks;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Wait(TimeSpan dueTime)
    {
        lock (_gate)
        {
            _now += dueTime;
            _waits.Add(dueTime);
        }
    }

    private sealed class FakeTimer(FakeClock clock, TimerCallback callback, object? state) : ITimer
    {
        private int _generation;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            int generation = Interlocked.Increment(ref _generation);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return true;
            }

            clock.Wait(dueTime);

            // Fired on the pool, as a real timer: the caller (Task.Delay) finishes setting up before its callback runs.
            ThreadPool.UnsafeQueueUserWorkItem(
                _ =>
                {
                    if (Volatile.Read(ref _generation) == generation)
                    {
                        callback(state);
                    }
                },
                null);
            return true;
        }

        public void Dispose() => Interlocked.Increment(ref _generation);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
