using System.Diagnostics.Metrics;

namespace AtolOnline.Internal;

/// <summary>The callback endpoint's instruments, on the one <c>AtolOnline</c> meter of <see cref="AtolDiagnostics"/>.</summary>
internal static class CallbackMetrics
{
    public static readonly Counter<long> Received = AtolDiagnostics.Meter.CreateCounter<long>(
        "atol.callbacks.received", "{callback}", "Callback requests received from ATOL Online (or anyone posting to the endpoint).");

    public static readonly Counter<long> Rejected = AtolDiagnostics.Meter.CreateCounter<long>(
        "atol.callbacks.rejected", "{callback}", "Callbacks not applied; tag atol.callback.reason says why.");

    public static readonly Counter<long> Duplicates = AtolDiagnostics.Meter.CreateCounter<long>(
        "atol.callbacks.duplicates", "{callback}", "Repeated callbacks of a document already delivered, answered and not delivered again.");

    public static readonly Counter<long> Delivered = AtolDiagnostics.Meter.CreateCounter<long>(
        "atol.callbacks.delivered", "{document}", "Final reports applied by the application; tags atol.document.status, atol.error.type, atol.error.code.");

    public static readonly UpDownCounter<long> Parked = AtolDiagnostics.Meter.CreateUpDownCounter<long>(
        "atol.callbacks.parked", "{callback}", "Callbacks kept until the application knows their document.");

    public static readonly Histogram<double> DocumentDuration = AtolDiagnostics.Meter.CreateHistogram<double>(
        "atol.document.duration", "s", "From sending a registration to the arrival of its final result (documents named by DocumentRegistered).");

    public static void Reject(string reason) =>
        Rejected.Add(1, new KeyValuePair<string, object?>("atol.callback.reason", reason));
}
