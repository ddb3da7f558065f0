namespace AtolOnline.Emulator;

/// <summary>
/// The emulator's clock: an underlying <see cref="TimeProvider"/> (the system clock by default) plus an offset that
/// tests move with <see cref="Advance"/> and <see cref="SetUtcNow"/>. Token expiry, processing delays, shifts and
/// report retention all read this clock; network-level faults (delay, hang) use real time.
/// </summary>
public sealed class EmulatorClock : TimeProvider
{
    private readonly TimeProvider _inner;
    private long _offsetTicks;

    /// <summary>Creates a clock over <paramref name="inner"/>.</summary>
    public EmulatorClock(TimeProvider inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
    }

    /// <summary>Raised after the clock was moved (by <see cref="Advance"/> or <see cref="SetUtcNow"/>).</summary>
    public event EventHandler? Moved;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    /// <summary>Moves the clock forward (or backward, with a negative value) by <paramref name="by"/>.</summary>
    public void Advance(TimeSpan by)
    {
        Interlocked.Add(ref _offsetTicks, by.Ticks);
        Moved?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Sets the clock so that <see cref="GetUtcNow"/> returns <paramref name="utcNow"/> now.</summary>
    public void SetUtcNow(DateTimeOffset utcNow)
    {
        Interlocked.Exchange(ref _offsetTicks, (utcNow - _inner.GetUtcNow()).Ticks);
        Moved?.Invoke(this, EventArgs.Empty);
    }
}
