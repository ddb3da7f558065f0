using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AtolOnline;

/// <summary>
/// The <see cref="ActivitySource"/> and <see cref="Meter"/> of the client, both named <c>AtolOnline</c>. Instruments:
/// <c>atol.client.requests</c> (HTTP attempts), <c>atol.client.retries</c>, <c>atol.client.failures</c> (calls that threw;
/// with ATOL's answer also <c>atol.error.type</c> and <c>atol.error.code</c>), <c>atol.client.request.duration</c> (seconds
/// per HTTP attempt), <c>atol.client.registrations</c> (documents ATOL accepted; <c>atol.duplicate</c>) and
/// <c>atol.client.report_requests</c>; tag <c>atol.operation</c>. AtolOnline.AspNetCore adds its callback instruments here.
/// </summary>
public static class AtolDiagnostics
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "AtolOnline";

    /// <summary>Activities: one per client call (<c>atol.register</c>, <c>atol.report</c>, <c>atol.token</c>, <c>atol.monitoring</c>).</summary>
    public static ActivitySource ActivitySource { get; } = new(Name);

    /// <summary>The meter.</summary>
    public static Meter Meter { get; } = new(Name);

    internal static readonly Counter<long> Requests = Meter.CreateCounter<long>("atol.client.requests", "{request}", "HTTP attempts sent to ATOL Online.");
    internal static readonly Counter<long> Retries = Meter.CreateCounter<long>("atol.client.retries", "{retry}", "Attempts repeated after a transient failure.");
    internal static readonly Counter<long> Failures = Meter.CreateCounter<long>("atol.client.failures", "{failure}", "Client calls that ended with an exception.");
    internal static readonly Counter<long> Registrations = Meter.CreateCounter<long>("atol.client.registrations", "{document}", "Documents ATOL Online accepted (a duplicate answer included).");
    internal static readonly Counter<long> ReportRequests = Meter.CreateCounter<long>("atol.client.report_requests", "{request}", "Report requests (GET report/{uuid}) made by the client.");
    internal static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("atol.client.request.duration", "s", "Duration of one HTTP attempt.");
}
