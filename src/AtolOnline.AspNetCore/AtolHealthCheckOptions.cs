namespace AtolOnline;

/// <summary>
/// Thresholds of the health check built from ATOL's monitoring API (<see cref="AtolHealthChecksBuilderExtensions.AddAtolHealthChecks"/>).
/// A value at or past a threshold gives that status; the check reports the worst one.
/// </summary>
public sealed class AtolHealthCheckOptions
{
    /// <summary>Only the registers of this group (null: every register of the account).</summary>
    public string? GroupCode { get; set; }

    /// <summary>Fiscal drive days left at or below which the check is Degraded (plan the replacement). Default 30.</summary>
    public int FiscalDriveDaysLeftDegraded { get; set; } = 30;

    /// <summary>Fiscal drive days left at or below which the check is Unhealthy (replace it now). Default 3.</summary>
    public int FiscalDriveDaysLeftUnhealthy { get; set; } = 3;

    /// <summary>Share of the fiscal drive used, in percent, at or above which the check is Degraded. Default 90.</summary>
    public decimal FiscalDriveUsedPercentDegraded { get; set; } = 90m;

    /// <summary>Share of the fiscal drive used, in percent, at or above which the check is Unhealthy. Default 98.</summary>
    public decimal FiscalDriveUsedPercentUnhealthy { get; set; } = 98m;

    /// <summary>Documents of one register not yet sent to the OFD at or above which the check is Degraded. Default 100.</summary>
    public long UnsentDocumentsDegraded { get; set; } = 100;

    /// <summary>Documents of one register not yet sent to the OFD at or above which the check is Unhealthy. Default 1000.</summary>
    public long UnsentDocumentsUnhealthy { get; set; } = 1000;

    /// <summary>Age of the oldest document not sent to the OFD at or above which the check is Degraded. Default 1 day.</summary>
    public TimeSpan OldestUnsentDegraded { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Age of the oldest document not sent to the OFD at or above which the check is Unhealthy. Default 20 days: a fiscal
    /// drive stops fiscalizing when a document has waited 30 days for the OFD's receipt.
    /// </summary>
    public TimeSpan OldestUnsentUnhealthy { get; set; } = TimeSpan.FromDays(20);

    /// <summary>
    /// How long one answer of the monitoring API is reused (health endpoints are probed often; each probe would otherwise
    /// be a request to ATOL). Default 30 s; zero asks every time.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks that every threshold is in range and the Unhealthy ones lie beyond the Degraded ones.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(FiscalDriveDaysLeftUnhealthy, FiscalDriveDaysLeftDegraded, nameof(FiscalDriveDaysLeftUnhealthy));
        ArgumentOutOfRangeException.ThrowIfNegative(FiscalDriveUsedPercentDegraded, nameof(FiscalDriveUsedPercentDegraded));
        ArgumentOutOfRangeException.ThrowIfLessThan(FiscalDriveUsedPercentUnhealthy, FiscalDriveUsedPercentDegraded, nameof(FiscalDriveUsedPercentUnhealthy));
        ArgumentOutOfRangeException.ThrowIfLessThan(UnsentDocumentsDegraded, 1, nameof(UnsentDocumentsDegraded));
        ArgumentOutOfRangeException.ThrowIfLessThan(UnsentDocumentsUnhealthy, UnsentDocumentsDegraded, nameof(UnsentDocumentsUnhealthy));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(OldestUnsentDegraded, TimeSpan.Zero, nameof(OldestUnsentDegraded));
        ArgumentOutOfRangeException.ThrowIfLessThan(OldestUnsentUnhealthy, OldestUnsentDegraded, nameof(OldestUnsentUnhealthy));
        ArgumentOutOfRangeException.ThrowIfLessThan(CacheDuration, TimeSpan.Zero, nameof(CacheDuration));
    }
}
