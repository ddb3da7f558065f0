using System.Text;
using AtolOnline.Json;
using AtolOnline.Protocol;

namespace AtolOnline.Batch.Tests;

/// <summary>
/// ATOL's report endpoint as a script, for the report scheduler's tests: each uuid answers its own list of statuses
/// (the last one repeats), or else "wait" <see cref="WaitsBeforeFinal"/> times and then "done"; every request is
/// recorded with the virtual time it went out at. Registration is not part of the script.
/// </summary>
internal sealed class ScriptedReports(Func<TimeSpan> elapsed) : IAtolRegistrationClient
{
    private readonly Dictionary<string, string[]> _scripts = [];
    private readonly Dictionary<string, List<TimeSpan>> _timesByUuid = [];
    private readonly List<TimeSpan> _times = [];

    /// <summary>The statuses <paramref name="uuid"/> answers in turn; the last one repeats.</summary>
    public string[] this[string uuid]
    {
        set => _scripts[uuid] = value;
    }

    /// <summary>For a uuid without a script: how many requests answer "wait" before one answers "done".</summary>
    public int WaitsBeforeFinal { get; init; }

    /// <summary>When set, every report request fails with it (after being recorded).</summary>
    public Exception? Failure { get; init; }

    public AtolProtocolVersion ProtocolVersion => AtolProtocolVersion.V5;

    /// <summary>The times of all report requests, in order.</summary>
    public IReadOnlyList<TimeSpan> Times
    {
        get
        {
            lock (_times)
            {
                return [.. _times];
            }
        }
    }

    /// <summary>The times of the report requests for <paramref name="uuid"/>, in order.</summary>
    public IReadOnlyList<TimeSpan> TimesOf(string uuid)
    {
        lock (_times)
        {
            return _timesByUuid.TryGetValue(uuid, out var times) ? [.. times] : [];
        }
    }

    public Task<AtolRegistration> RegisterAsync<TDocument>(AtolOperation<TDocument> operation, TDocument document, CancellationToken cancellationToken = default)
        where TDocument : class, IAtolJsonModel<TDocument>, IAtolDocument => throw new NotSupportedException();

    public Task<AtolReport> GetReportAsync(string uuid, CancellationToken cancellationToken = default)
    {
        string status;
        lock (_times)
        {
            var now = elapsed();
            _times.Add(now);
            if (!_timesByUuid.TryGetValue(uuid, out var times))
            {
                _timesByUuid[uuid] = times = [];
            }

            times.Add(now);
            status = _scripts.TryGetValue(uuid, out var script)
                ? script[Math.Min(times.Count, script.Length) - 1]
                : times.Count > WaitsBeforeFinal ? "done" : "wait";
        }

        if (Failure is not null)
        {
            return Task.FromException<AtolReport>(Failure);
        }

        return Task.FromResult(AtolReport.Parse(AtolProtocolVersion.V5, Encoding.UTF8.GetBytes(
            $$"""{"uuid":"{{uuid}}","status":"{{status}}","error":null,"timestamp":"05.03.2026 14:02:11","external_id":"e-{{uuid}}","payload":null}""")));
    }

    public Task<AtolReport> WaitForReportAsync(string uuid, CancellationToken cancellationToken = default) => GetReportAsync(uuid, cancellationToken);
}
