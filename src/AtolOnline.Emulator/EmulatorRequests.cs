namespace AtolOnline.Emulator;

/// <summary>
/// A snapshot of the protocol requests the emulator received (from <see cref="AtolEmulator.GetRequests"/>): every
/// registration per external_id (including those answered 33 and those refused), every report request per uuid and
/// every token request per login, counted when the request arrives, before faults or validation. Tests assert on
/// these counts to prove what a client sent, independently of the emulator's own duplicate detection.
/// </summary>
public sealed class EmulatorRequests
{
    private readonly Dictionary<(string Group, string ExternalId), ExternalIdRequests> _byExternalId;
    private readonly Dictionary<string, UuidRequests> _byUuid;

    internal EmulatorRequests(
        IEnumerable<ExternalIdRequests> byExternalId,
        IEnumerable<UuidRequests> byUuid,
        IReadOnlyDictionary<string, int> tokenRequestsByLogin,
        IReadOnlyList<DateTimeOffset> registrationTimes,
        long registrationsWithoutExternalId,
        long tokenRequests,
        bool timesTruncated)
    {
        _byExternalId = byExternalId.ToDictionary(r => (r.GroupCode, r.ExternalId));
        _byUuid = byUuid.ToDictionary(r => r.Uuid, StringComparer.Ordinal);
        ByExternalId = _byExternalId.Values.ToArray();
        ByUuid = _byUuid.Values.ToArray();
        TokenRequestsByLogin = tokenRequestsByLogin;
        RegistrationTimes = registrationTimes;
        RegistrationsWithoutExternalId = registrationsWithoutExternalId;
        TokenRequests = tokenRequests;
        TimesTruncated = timesTruncated;
        Registrations = ByExternalId.Sum(r => (long)r.Registrations) + registrationsWithoutExternalId;
        Accepted = ByExternalId.Sum(r => (long)r.Accepted);
        Duplicates = ByExternalId.Sum(r => (long)r.Duplicates);
        ReportRequests = ByUuid.Sum(r => (long)r.ReportRequests);
    }

    /// <summary>Every registration request (<c>POST possystem/{v}/{group}/{operation}</c>), with or without a readable external_id.</summary>
    public long Registrations { get; }

    /// <summary>Registration requests that stored a new document.</summary>
    public long Accepted { get; }

    /// <summary>Registration requests answered 33 (external_id already stored).</summary>
    public long Duplicates { get; }

    /// <summary>Registration requests whose body had no readable <c>external_id</c> (malformed, too large, missing).</summary>
    public long RegistrationsWithoutExternalId { get; }

    /// <summary>Every report request (<c>GET possystem/{v}/{group}/report/{uuid}</c>).</summary>
    public long ReportRequests { get; }

    /// <summary>Every token request (possystem getToken by GET or POST, and the monitoring API's gettoken).</summary>
    public long TokenRequests { get; }

    /// <summary>Registration counts per group and external_id.</summary>
    public IReadOnlyList<ExternalIdRequests> ByExternalId { get; }

    /// <summary>Report request counts per uuid.</summary>
    public IReadOnlyList<UuidRequests> ByUuid { get; }

    /// <summary>Token requests per login (an empty key for requests without a readable login). Passwords are never recorded.</summary>
    public IReadOnlyDictionary<string, int> TokenRequestsByLogin { get; }

    /// <summary>Emulator-clock arrival time of every registration request, oldest first (see <see cref="TimesTruncated"/>).</summary>
    public IReadOnlyList<DateTimeOffset> RegistrationTimes { get; }

    /// <summary>
    /// True when <see cref="EmulatorOptions.RequestLogCapacity"/> timestamps were reached and later arrivals were
    /// counted without their time.
    /// </summary>
    public bool TimesTruncated { get; }

    /// <summary>The counts of <paramref name="externalId"/> in <paramref name="groupCode"/>; zeros when it was never named.</summary>
    public ExternalIdRequests ForExternalId(string groupCode, string externalId) =>
        _byExternalId.GetValueOrDefault((groupCode, externalId)) ?? new ExternalIdRequests(groupCode, externalId, 0, 0, 0);

    /// <summary>The counts of <paramref name="uuid"/>; zeros when it was never requested.</summary>
    public UuidRequests ForUuid(string uuid) =>
        _byUuid.GetValueOrDefault(uuid) ?? new UuidRequests("", uuid, 0, []);

    /// <summary>
    /// The largest number of registration requests that arrived within any interval of length <paramref name="window"/>
    /// (both ends included), by the emulator clock.
    /// </summary>
    public int MaxRegistrationsWithin(TimeSpan window)
    {
        var times = RegistrationTimes.Order().ToArray();
        int best = 0;
        int first = 0;
        for (int last = 0; last < times.Length; last++)
        {
            while (times[last] - times[first] > window)
            {
                first++;
            }

            best = Math.Max(best, last - first + 1);
        }

        return best;
    }
}
