using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;

namespace AtolOnline.AspNetCoreTests;

/// <summary>
/// The instruments on the <c>AtolOnline</c> meter record what happens. Other tests run in parallel on the same meter, so
/// each assertion looks for this test's own tag values or counts at least what this test did.
/// </summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Registrations_callbacks_rejections_latency_and_failures_by_ATOL_code_are_recorded()
    {
        var measurements = new ConcurrentQueue<(string Name, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == AtolDiagnostics.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, ToDictionary(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, ToDictionary(tags))));
        listener.Start();

        await using var host = await CallbackHost.StartAsync(proof: AtolCallbackProof.CreateRandom());
        var sentAt = DateTimeOffset.UtcNow;
        var registration = await host.SellAsync("metrics-1", withCallback: true);
        host.Inbox.DocumentRegistered(registration.Uuid, sentAt);
        await CallbackHost.EventuallyAsync(() => !host.Applied.IsEmpty);
        using var forged = await host.PostAsync((await host.FinalReportJsonAsync(registration.Uuid)).ToJsonString(), host.CallbackUrl + "/AAAAAAAAAAAAAAAAAAAAAA");
        var unknown = await Assert.ThrowsAsync<AtolApiException>(() => host.Client.GetReportAsync("00000000-0000-4000-8000-00000000abcd", TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains(measurements, m => m.Name == "atol.client.registrations" && Equals(m.Tags["atol.operation"], "sell") && Equals(m.Tags["atol.duplicate"], false));
        Assert.Contains(measurements, m => m.Name == "atol.client.report_requests");
        Assert.Contains(measurements, m => m.Name == "atol.callbacks.received");
        Assert.Contains(measurements, m => m.Name == "atol.callbacks.delivered" && Equals(m.Tags["atol.document.status"], "done"));
        Assert.Contains(measurements, m => m.Name == "atol.callbacks.rejected" && Equals(m.Tags["atol.callback.reason"], "invalid_proof"));
        Assert.Contains(measurements, m => m.Name == "atol.document.duration" && m.Value >= 0);
        Assert.Contains(measurements, m => m.Name == "atol.client.failures" && Equals(m.Tags["atol.operation"], "report")
            && Equals(m.Tags.GetValueOrDefault("atol.error.code"), unknown.Code) && m.Tags.ContainsKey("atol.error.type"));
    }

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            result[tag.Key] = tag.Value;
        }

        return result;
    }
}
