namespace AtolOnline.Emulator.Internal;

/// <summary>
/// Counts every protocol request as it arrives (see <see cref="EmulatorRequests"/>). Counts are kept for the whole
/// run; timestamps only up to a capacity, so a long load run cannot grow memory without bound.
/// </summary>
internal sealed class RequestLog(EmulatorClock clock, int timestampCapacity)
{
    private readonly Lock _sync = new();
    private readonly Dictionary<(string Group, string ExternalId), Counts> _byExternalId = [];
    private readonly Dictionary<string, UuidEntry> _byUuid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _tokensByLogin = new(StringComparer.Ordinal);
    private readonly List<DateTimeOffset> _registrationTimes = [];
    private readonly Dictionary<string, GroupEntry> _byGroup = new(StringComparer.Ordinal);
    private long _withoutExternalId;
    private long _tokenRequests;
    private int _timestamps;
    private bool _truncated;

    public void Registration(string group, string? externalId)
    {
        lock (_sync)
        {
            if (TakeTimestamp())
            {
                _registrationTimes.Add(clock.GetUtcNow());
            }

            GroupOf(group).Registrations++;
            if (externalId is null)
            {
                _withoutExternalId++;
                return;
            }

            CountsOf(group, externalId).Registrations++;
        }
    }

    public void Accepted(string group, string externalId)
    {
        lock (_sync)
        {
            CountsOf(group, externalId).Accepted++;
        }
    }

    public void Duplicate(string group, string externalId)
    {
        lock (_sync)
        {
            CountsOf(group, externalId).Duplicates++;
        }
    }

    public void Report(string group, string uuid)
    {
        lock (_sync)
        {
            var counts = GroupOf(group);
            counts.Reports++;
            // Clock seconds: [n s, n+1 s) of the emulator clock. A dictionary, not a running count, so that a clock
            // moved backwards still lands in the right second.
            long second = CurrentSecond();
            int inSecond = counts.PerSecond.GetValueOrDefault(second) + 1;
            counts.PerSecond[second] = inSecond;
            counts.MaxPerSecond = Math.Max(counts.MaxPerSecond, inSecond);
            if (!_byUuid.TryGetValue(uuid, out var entry))
            {
                entry = new UuidEntry(group);
                _byUuid[uuid] = entry;
            }

            entry.Count++;
            if (TakeTimestamp())
            {
                entry.Times.Add(clock.GetUtcNow());
            }
        }
    }

    public void Token(string? login)
    {
        lock (_sync)
        {
            _tokenRequests++;
            string key = login ?? "";
            _tokensByLogin[key] = _tokensByLogin.GetValueOrDefault(key) + 1;
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            _byExternalId.Clear();
            _byUuid.Clear();
            _tokensByLogin.Clear();
            _registrationTimes.Clear();
            _byGroup.Clear();
            _withoutExternalId = 0;
            _tokenRequests = 0;
            _timestamps = 0;
            _truncated = false;
        }
    }

    public EmulatorRequests Snapshot()
    {
        lock (_sync)
        {
            return new EmulatorRequests(
                _byExternalId.Select(p => new ExternalIdRequests(p.Key.Group, p.Key.ExternalId, p.Value.Registrations, p.Value.Accepted, p.Value.Duplicates)).ToArray(),
                _byUuid.Select(p => new UuidRequests(p.Value.Group, p.Key, p.Value.Count, p.Value.Times.ToArray())).ToArray(),
                new Dictionary<string, int>(_tokensByLogin, StringComparer.Ordinal),
                _registrationTimes.ToArray(),
                _withoutExternalId,
                _tokenRequests,
                _truncated);
        }
    }

    /// <summary>Report requests of <paramref name="group"/> within the current clock second (this one included).</summary>
    public int ReportsInCurrentSecond(string group)
    {
        lock (_sync)
        {
            return _byGroup.TryGetValue(group, out var counts) ? counts.PerSecond.GetValueOrDefault(CurrentSecond()) : 0;
        }
    }

    /// <summary>A report request of <paramref name="group"/> was refused over the limit (it was counted on arrival).</summary>
    public void ReportRefused(string group)
    {
        lock (_sync)
        {
            GroupOf(group).RefusedReports++;
        }
    }

    /// <summary>Per-group request counts: registrations, report requests, the busiest clock second, refused reports.</summary>
    public (long Registrations, long Reports, int MaxPerSecond, long RefusedReports) GroupCounts(string group)
    {
        lock (_sync)
        {
            return _byGroup.TryGetValue(group, out var c) ? (c.Registrations, c.Reports, c.MaxPerSecond, c.RefusedReports) : default;
        }
    }

    private long CurrentSecond()
    {
        long ms = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return ms >= 0 ? ms / 1000 : ((ms + 1) / 1000) - 1;
    }

    private GroupEntry GroupOf(string group)
    {
        if (!_byGroup.TryGetValue(group, out var counts))
        {
            counts = new GroupEntry();
            _byGroup[group] = counts;
        }

        return counts;
    }

    private Counts CountsOf(string group, string externalId)
    {
        if (!_byExternalId.TryGetValue((group, externalId), out var counts))
        {
            counts = new Counts();
            _byExternalId[(group, externalId)] = counts;
        }

        return counts;
    }

    private bool TakeTimestamp()
    {
        if (_timestamps >= timestampCapacity)
        {
            _truncated = true;
            return false;
        }

        _timestamps++;
        return true;
    }

    private sealed class Counts
    {
        public int Registrations;
        public int Accepted;
        public int Duplicates;
    }

    private sealed class GroupEntry
    {
        public long Registrations;
        public long Reports;
        public long RefusedReports;
        public int MaxPerSecond;

        public Dictionary<long, int> PerSecond { get; } = [];
    }

    private sealed class UuidEntry(string group)
    {
        public string Group { get; } = group;

        public int Count;

        public List<DateTimeOffset> Times { get; } = [];
    }
}
