namespace AtolOnline.Emulator;

/// <summary>The report requests the emulator received for one uuid.</summary>
/// <param name="GroupCode">The group code in the request's URL.</param>
/// <param name="Uuid">The uuid in the request's URL (known to the emulator or not).</param>
/// <param name="ReportRequests">How many report requests named it, whatever their answer.</param>
/// <param name="Times">
/// Emulator-clock arrival time of each request, oldest first (may hold fewer than <paramref name="ReportRequests"/>
/// once <see cref="EmulatorOptions.RequestLogCapacity"/> timestamps were recorded).
/// </param>
public sealed record UuidRequests(string GroupCode, string Uuid, int ReportRequests, IReadOnlyList<DateTimeOffset> Times);
