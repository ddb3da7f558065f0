using System.Text.Json;

namespace AtolOnline.Emulator.Internal;

/// <summary>Builds <see cref="EmulatorStats"/> from the store and the request log, and writes it as JSON.</summary>
internal static class Stats
{
    public static EmulatorStats Of(Store store)
    {
        var groups = new Dictionary<string, EmulatorGroupStats>(StringComparer.Ordinal);
        foreach (var g in store.GroupFigures())
        {
            var requests = store.Requests.GroupCounts(g.Group);
            groups[g.Group] = new EmulatorGroupStats
            {
                Registers = g.Registers,
                OnlineRegisters = g.Online,
                Registrations = requests.Registrations,
                Accepted = g.Accepted,
                ReportRequests = requests.Reports,
                MaxReportRequestsPerSecond = requests.MaxPerSecond,
                ReportRequestsRefused = requests.RefusedReports,
                QueueLength = g.Queued,
                Processing = g.Processing,
                Done = g.Done,
                Failed = g.Failed,
                TimedOut = g.TimedOut,
            };
        }

        return new EmulatorStats(groups);
    }

    /// <summary><c>{"groups":{"&lt;group_code&gt;":{"registers":N,"registrations":n,"report_requests":n,"max_report_requests_per_second":n,"queue_length":n,"done":n,"failed":n,…}}}</c></summary>
    public static void Write(Utf8JsonWriter w, EmulatorStats stats)
    {
        w.WriteStartObject();
        w.WritePropertyName("groups");
        w.WriteStartObject();
        foreach (var (group, g) in stats.Groups.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WritePropertyName(group);
            w.WriteStartObject();
            w.WriteNumber("registers", g.Registers);
            w.WriteNumber("registrations", g.Registrations);
            w.WriteNumber("report_requests", g.ReportRequests);
            w.WriteNumber("max_report_requests_per_second", g.MaxReportRequestsPerSecond);
            w.WriteNumber("queue_length", g.QueueLength);
            w.WriteNumber("done", g.Done);
            w.WriteNumber("failed", g.Failed);
            w.WriteNumber("online_registers", g.OnlineRegisters);
            w.WriteNumber("accepted", g.Accepted);
            w.WriteNumber("processing", g.Processing);
            w.WriteNumber("timed_out", g.TimedOut);
            w.WriteNumber("report_requests_refused", g.ReportRequestsRefused);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }
}
