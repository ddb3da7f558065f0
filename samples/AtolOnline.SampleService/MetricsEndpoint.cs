using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace AtolOnline.SampleService;

/// <summary>
/// The <c>AtolOnline</c> meter in Prometheus' text format at <c>/metrics</c>: counters summed per tag set, histograms as
/// count and sum. (A real service would use an OpenTelemetry exporter; this keeps the sample free of packages.)
/// </summary>
internal sealed class MetricsEndpoint : IDisposable
{
    private readonly ConcurrentDictionary<string, double> _values = new(StringComparer.Ordinal);
    private readonly MeterListener _listener = new();

    public MetricsEndpoint()
    {
        _listener.InstrumentPublished = static (instrument, listener) =>
        {
            if (instrument.Meter.Name == AtolDiagnostics.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public async Task WriteAsync(HttpContext context)
    {
        var text = new StringBuilder();
        foreach (var (series, value) in _values.OrderBy(static p => p.Key, StringComparer.Ordinal))
        {
            text.Append(series).Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await context.Response.WriteAsync(text.ToString(), context.RequestAborted);
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var name = new StringBuilder(instrument.Name.Replace('.', '_'));
        if (instrument.Unit is "s")
        {
            name.Append("_seconds");
        }

        var labels = new StringBuilder();
        foreach (var tag in tags)
        {
            labels.Append(labels.Length == 0 ? "{" : ",").Append(tag.Key.Replace('.', '_')).Append("=\"")
                .Append(Convert.ToString(tag.Value, CultureInfo.InvariantCulture)?.Replace("\"", "'", StringComparison.Ordinal)).Append('"');
        }

        string suffix = labels.Length == 0 ? string.Empty : labels.Append('}').ToString();
        if (instrument is Histogram<double> or Histogram<long>)
        {
            _values.AddOrUpdate(name + "_count" + suffix, 1, static (_, v) => v + 1);
            _values.AddOrUpdate(name + "_sum" + suffix, value, (_, v) => v + value);
        }
        else
        {
            _values.AddOrUpdate(name + (instrument is UpDownCounter<long> ? string.Empty : "_total") + suffix, value, (_, v) => v + value);
        }
    }
}
