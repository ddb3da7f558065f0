namespace AtolOnline;

/// <summary>When and how often a request is repeated after a transient failure (connection failure, timeout, HTTP 5xx or 429).</summary>
public sealed class AtolRetryPolicy
{
    /// <summary>Attempts in total, the first included (1 = never retry). Default 4.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Delay before the second attempt; doubles with every further attempt. Default 1 s (ATOL asks for at least 1 s after a system error).</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Upper bound of one delay. A server's <c>Retry-After</c> (on 429 and 5xx; seconds or an HTTP date) replaces the
    /// computed delay, but never exceeds this cap: a longer one is shortened to it. Default 30 s.
    /// </summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Relative jitter, 0..1: each delay is multiplied by a random factor in [1 - Jitter, 1 + Jitter]. Default 0.2.</summary>
    public double Jitter { get; set; } = 0.2;

    internal TimeSpan DelayFor(int failedAttempt)
    {
        double factor = Math.Pow(2, Math.Min(failedAttempt - 1, 30));
        double ms = Math.Min(BaseDelay.TotalMilliseconds * factor, MaxDelay.TotalMilliseconds);
        if (Jitter > 0)
        {
            ms *= 1 + (Jitter * ((Random.Shared.NextDouble() * 2) - 1));
        }

        return TimeSpan.FromMilliseconds(Math.Clamp(ms, 0, MaxDelay.TotalMilliseconds));
    }
}
