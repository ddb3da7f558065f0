namespace AtolOnline;

/// <summary>
/// How <see cref="IAtolRegistrationClient.WaitForReportAsync"/> polls (ATOL's v4 allows one report request per second per register; the
/// same limit is kept for v5).
/// With the defaults the report requests of one document go out 3, 5, 9, 17, 33, 65, 125, 185, 245, 305 and 360 s after the
/// call (the last one at the deadline; each delay is counted from the answer before it).
/// </summary>
public sealed class AtolPollingPolicy
{
    /// <summary>Delay before the first report request. Default 3 s (documents take 4-6 s to process).</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Delay after the first unanswered poll; doubles after each further one. Default 2 s.</summary>
    public TimeSpan NextDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Upper bound of one delay. Default 60 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Total time to wait for <c>done</c> or <c>fail</c> before giving up with <see cref="TimeoutException"/>. Default 6 minutes
    /// (ATOL fails a document that waited 300 s in its queue).
    /// </summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromMinutes(6);
}
