namespace AtolOnline;

/// <summary>
/// ATOL's clock: the time zone its <c>dd.MM.yyyy HH:mm:ss</c> values are in, and the current time in that zone for a
/// request's <c>timestamp</c>.
/// </summary>
/// <remarks>
/// ATOL's documents name no time zone; the libraries and the service's own answers use Moscow time, UTC+3 (Russia has
/// had no daylight saving since 2014). Request dates (<see cref="DateTime"/>, <see cref="DateOnly"/>) are written as the
/// wall-clock time they hold; a <see cref="DateTime"/> of kind <see cref="DateTimeKind.Utc"/> or
/// <see cref="DateTimeKind.Local"/> is converted to <see cref="Offset"/> first. Report dates read as
/// <see cref="DateTimeOffset"/> values with <see cref="Offset"/>.
/// </remarks>
public static class AtolTime
{
    private static long s_offsetTicks = MoscowOffset.Ticks;

    /// <summary>Moscow time: UTC+3, no daylight saving.</summary>
    public static TimeSpan MoscowOffset => TimeSpan.FromHours(3);

    /// <summary>
    /// The zone of ATOL's <c>dd.MM.yyyy HH:mm:ss</c> values for this process (default <see cref="MoscowOffset"/>). Set it
    /// once at start-up if your ATOL account is documented to use another zone.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a whole number of minutes within ±14 hours.</exception>
    public static TimeSpan Offset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref s_offsetTicks));
        set
        {
            if (value.Ticks % TimeSpan.TicksPerMinute != 0 || value > TimeSpan.FromHours(14) || value < TimeSpan.FromHours(-14))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The offset must be whole minutes within ±14 hours.");
            }

            Interlocked.Exchange(ref s_offsetTicks, value.Ticks);
        }
    }

    /// <summary>
    /// The current time in <see cref="Offset"/> as an unspecified-kind <see cref="DateTime"/> truncated to whole seconds:
    /// the value a request's <c>timestamp</c> takes.
    /// </summary>
    /// <param name="time">The clock (default <see cref="TimeProvider.System"/>).</param>
    public static DateTime Now(TimeProvider? time = null)
    {
        var wall = (time ?? TimeProvider.System).GetUtcNow().ToOffset(Offset).DateTime;
        return new DateTime(wall.Ticks - (wall.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Unspecified);
    }

    /// <summary>Today's date in <see cref="Offset"/>.</summary>
    /// <param name="time">The clock (default <see cref="TimeProvider.System"/>).</param>
    public static DateOnly Today(TimeProvider? time = null) => DateOnly.FromDateTime(Now(time));

    /// <summary>
    /// The wall-clock time ATOL is sent for <paramref name="value"/>: unspecified kind as it is, UTC and local times
    /// converted to <see cref="Offset"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The converted time falls outside the range of <see cref="DateTime"/>.</exception>
    public static DateTime ToAtolClock(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => DateTime.SpecifyKind(value + Offset, DateTimeKind.Unspecified),
        DateTimeKind.Local => DateTime.SpecifyKind(value.ToUniversalTime() + Offset, DateTimeKind.Unspecified),
        _ => value,
    };
}
