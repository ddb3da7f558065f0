using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.Logging;

namespace AtolOnline.Client.Tests;

/// <summary>Tests that read the process-wide meter alone, so that no other test's measurements mix in.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryGroup
{
    public const string Name = "telemetry";
}

/// <summary>
/// What a duty engineer sees: the log lines (never a password or a token), the activities with their tags and status, and
/// the counters and the duration histogram, each with the tags the README documents.
/// </summary>
[Collection(TelemetryGroup.Name)]
public sealed class ObservabilityTests
{
    [Fact]
    public async Task A_registration_retried_once_logs_the_retry_and_counts_two_attempts_one_retry_one_document()
    {
        using var seen = new Seen();
        var atol = new ScriptedAtol(new FakeClock());
        atol.Register = (n, _) => n == 1 ? ScriptedAtol.Html(503) : ScriptedAtol.Registered("u-obs-1");
        var client = atol.Client(logger: seen.Logger);

        var registration = await client.SellAsync(Fixtures.V5Sell("obs-retry"), cancellationToken: Fixtures.Ct);

        Assert.Equal(2, registration.Attempts);
        var retry = Assert.Single(seen.Logs, l => l.EventId == 3);
        Assert.Equal(LogLevel.Warning, retry.Level);
        Assert.Equal("ATOL sell: attempt 1 failed (HTTP 503); retrying in 1000 ms", retry.Message);
        var registered = Assert.Single(seen.Logs, l => l.EventId == 1);
        Assert.Equal(LogLevel.Debug, registered.Level);
        Assert.Equal("ATOL sell: document obs-retry accepted as u-obs-1 after 2 attempt(s)", registered.Message);
        var token = Assert.Single(seen.Logs, l => l.EventId == 4);
        Assert.Equal(LogLevel.Information, token.Level);
        Assert.StartsWith("ATOL token obtained for scripted-", token.Message, StringComparison.Ordinal);
        Assert.EndsWith(" at https://atol.test (possystem)", token.Message, StringComparison.Ordinal);
        seen.AssertNoSecretLogged();

        Assert.Equal(2, seen.Count("atol.client.requests", ("atol.operation", "sell")));
        Assert.Equal(1, seen.Count("atol.client.requests", ("atol.operation", "getToken")));
        Assert.Equal(1, seen.Count("atol.client.retries", ("atol.operation", "sell")));
        Assert.Equal(1, seen.Count("atol.client.registrations", ("atol.operation", "sell"), ("atol.duplicate", false)));
        Assert.Equal(0, seen.Count("atol.client.failures"));
        Assert.Equal(2, seen.Durations("sell").Count);
        Assert.All(seen.Durations("sell"), d => Assert.True(d >= 0));

        var activity = Assert.Single(seen.Activities, a => a.OperationName == "atol.register");
        Assert.Equal(ActivityKind.Client, activity.Kind);
        Assert.Equal("sell", activity.GetTagItem("atol.operation"));
        Assert.Equal("obs-retry", activity.GetTagItem("atol.external_id"));
        Assert.Equal("u-obs-1", activity.GetTagItem("atol.uuid"));
        Assert.Equal(ActivityStatusCode.Unset, activity.Status);
    }

    [Fact]
    public async Task A_duplicate_answer_is_logged_as_such_and_counted_as_a_duplicate_registration()
    {
        using var seen = new Seen();
        var atol = new ScriptedAtol(new FakeClock());
        atol.Register = (_, _) => ScriptedAtol.Json(
            HttpStatusCode.Conflict,
            $$"""{"uuid":"u-first","status":"wait","error":{"error_id":"d-1","code":33,"text":"В системе существует чек с external_id","type":"system"},"timestamp":"{{ScriptedAtol.Timestamp}}"}""");

        var registration = await atol.Client(logger: seen.Logger).SellAsync(Fixtures.V5Sell("obs-dup"), cancellationToken: Fixtures.Ct);

        Assert.True(registration.IsDuplicate);
        var duplicate = Assert.Single(seen.Logs, l => l.EventId == 2);
        Assert.Equal(LogLevel.Information, duplicate.Level);
        Assert.Equal("ATOL sell: external_id obs-dup already registered (33), uuid u-first", duplicate.Message);
        Assert.DoesNotContain(seen.Logs, l => l.EventId == 1);
        Assert.Equal(1, seen.Count("atol.client.registrations", ("atol.operation", "sell"), ("atol.duplicate", true)));
        Assert.Equal(0, seen.Count("atol.client.registrations", ("atol.operation", "sell"), ("atol.duplicate", false)));
    }

    [Fact]
    public async Task A_rejected_token_is_logged_with_its_error_and_the_request_repeated_with_a_new_token()
    {
        using var seen = new Seen();
        var atol = new ScriptedAtol(new FakeClock());
        atol.Register = (n, _) => n == 1 ? ScriptedAtol.ServiceError(401, 11) : ScriptedAtol.Registered("u-obs-2");

        await atol.Client(logger: seen.Logger).SellAsync(Fixtures.V5Sell("obs-token"), cancellationToken: Fixtures.Ct);

        var rejected = Assert.Single(seen.Logs, l => l.EventId == 5);
        Assert.Equal(LogLevel.Information, rejected.Level);
        Assert.Equal("ATOL sell: token rejected (System/11); fetching a new one and repeating once", rejected.Message);
        Assert.Equal(2, seen.Logs.Count(l => l.EventId == 4));
        seen.AssertNoSecretLogged();
    }

    [Fact]
    public async Task A_refused_document_fails_the_activity_and_is_counted_with_its_error_type_and_code()
    {
        using var seen = new Seen();
        var atol = new ScriptedAtol(new FakeClock());
        atol.Register = (_, _) => ScriptedAtol.ServiceError(400, 32);

        var ex = await Assert.ThrowsAsync<AtolApiException>(() => atol.Client(logger: seen.Logger).SellAsync(Fixtures.V5Sell("obs-refused"), cancellationToken: Fixtures.Ct));

        Assert.Equal(32, ex.Code);
        Assert.Equal(1, seen.Count("atol.client.failures", ("atol.operation", "sell"), ("atol.error.type", "system"), ("atol.error.code", 32)));
        Assert.Equal(1, seen.Count("atol.client.requests", ("atol.operation", "sell")));
        Assert.Equal(0, seen.Count("atol.client.retries"));
        Assert.Equal(0, seen.Count("atol.client.registrations"));
        var failed = Assert.Single(seen.Logs, l => l.EventId == 6);
        Assert.Equal(LogLevel.Warning, failed.Level);
        Assert.Equal($"ATOL sell failed: HTTP 400, System/32, action {ex.Action}", failed.Message);
        var activity = Assert.Single(seen.Activities, a => a.OperationName == "atol.register");
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal(nameof(AtolApiException), activity.StatusDescription);
        Assert.Null(activity.GetTagItem("atol.uuid"));
    }

    [Fact]
    public async Task Giving_up_without_an_ATOL_error_counts_the_failure_by_operation_only()
    {
        using var seen = new Seen();
        var atol = new ScriptedAtol(new FakeClock());
        atol.Register = (_, _) => ScriptedAtol.Html(503);

        var ex = await Assert.ThrowsAsync<AtolApiException>(() => atol.Client(logger: seen.Logger).SellAsync(Fixtures.V5Sell("obs-gave-up"), cancellationToken: Fixtures.Ct));

        Assert.Null(ex.Code);
        Assert.Equal(4, seen.Count("atol.client.requests", ("atol.operation", "sell")));
        Assert.Equal(3, seen.Count("atol.client.retries", ("atol.operation", "sell")));
        var failure = Assert.Single(seen.Measurements, m => m.Instrument == "atol.client.failures");
        Assert.Equal([new KeyValuePair<string, object?>("atol.operation", "sell")], failure.Tags);
        Assert.Equal(["ATOL sell: attempt 1 failed (HTTP 503); retrying in 1000 ms", "ATOL sell: attempt 2 failed (HTTP 503); retrying in 2000 ms", "ATOL sell: attempt 3 failed (HTTP 503); retrying in 4000 ms"],
            seen.Logs.Where(l => l.EventId == 3).Select(l => l.Message));
        var failed = Assert.Single(seen.Logs, l => l.EventId == 6);
        Assert.Equal("ATOL sell failed: HTTP 503, (null)/(null), action Retry", failed.Message);
    }

    [Fact]
    public async Task A_cancelled_call_marks_the_activity_cancelled_and_is_not_counted_as_a_failure()
    {
        using var seen = new Seen();
        var atol = new ScriptedAtol(new FakeClock());
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Fixtures.Ct);
        atol.Register = (_, _) =>
        {
            cts.Cancel();
            return ScriptedAtol.Html(503);
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => atol.Client(logger: seen.Logger).SellAsync(Fixtures.V5Sell("obs-cancel"), cancellationToken: cts.Token));

        var activity = Assert.Single(seen.Activities, a => a.OperationName == "atol.register");
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal("cancelled", activity.StatusDescription);
        Assert.Equal(0, seen.Count("atol.client.failures"));
        Assert.DoesNotContain(seen.Logs, l => l.EventId == 6);
    }

    [Fact]
    public async Task A_report_request_is_an_activity_with_the_uuid_and_one_counted_report_request()
    {
        using var seen = new Seen();
        var atol = new ScriptedAtol(new FakeClock());

        var report = await atol.Client(logger: seen.Logger).GetReportAsync("u-report-obs", Fixtures.Ct);

        Assert.False(report.IsFinal);
        Assert.Equal(1, seen.Count("atol.client.report_requests"));
        Assert.Equal(1, seen.Count("atol.client.requests", ("atol.operation", "report")));
        var activity = Assert.Single(seen.Activities, a => a.OperationName == "atol.report");
        Assert.Equal(ActivityKind.Client, activity.Kind);
        Assert.Equal("u-report-obs", activity.GetTagItem("atol.uuid"));
        Assert.Equal(ActivityStatusCode.Unset, activity.Status);
    }

    [Fact]
    public async Task A_failed_report_request_fails_its_activity_and_counts_a_report_failure()
    {
        using var seen = new Seen();
        var atol = new ScriptedAtol(new FakeClock());
        atol.Report = (_, _) => ScriptedAtol.ServiceError(401, 12, "system");

        await Assert.ThrowsAsync<AtolApiException>(() => atol.Client(logger: seen.Logger).GetReportAsync("u-report-fail", Fixtures.Ct));

        Assert.Equal(1, seen.Count("atol.client.failures", ("atol.operation", "report"), ("atol.error.type", "system"), ("atol.error.code", 12)));
        var activity = Assert.Single(seen.Activities, a => a.OperationName == "atol.report");
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
    }

    /// <summary>Everything the client emitted while the test ran: logs, finished activities, measurements.</summary>
    private sealed class Seen : IDisposable
    {
        private readonly Lock _gate = new();
        private readonly List<LogLine> _logs = [];
        private readonly List<Activity> _activities = [];
        private readonly List<Measurement> _measurements = [];
        private readonly ActivityListener _activityListener;
        private readonly MeterListener _meterListener;

        public Seen()
        {
            Logger = new CapturingLogger(this);
            _activityListener = new ActivityListener
            {
                ShouldListenTo = s => s.Name == AtolDiagnostics.Name,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = a =>
                {
                    lock (_gate)
                    {
                        _activities.Add(a);
                    }
                },
            };
            ActivitySource.AddActivityListener(_activityListener);
            _meterListener = new MeterListener
            {
                InstrumentPublished = (instrument, listener) =>
                {
                    if (instrument.Meter.Name == AtolDiagnostics.Name)
                    {
                        listener.EnableMeasurementEvents(instrument);
                    }
                },
            };
            _meterListener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i.Name, v, tags));
            _meterListener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i.Name, v, tags));
            _meterListener.Start();
        }

        public ILogger<AtolClient> Logger { get; }

        public IReadOnlyList<LogLine> Logs
        {
            get
            {
                lock (_gate)
                {
                    return [.. _logs];
                }
            }
        }

        public IReadOnlyList<Activity> Activities
        {
            get
            {
                lock (_gate)
                {
                    return [.. _activities];
                }
            }
        }

        public IReadOnlyList<Measurement> Measurements
        {
            get
            {
                lock (_gate)
                {
                    return [.. _measurements];
                }
            }
        }

        /// <summary>The sum of an instrument's measurements whose tags include all of <paramref name="tags"/>.</summary>
        public double Count(string instrument, params (string Key, object Value)[] tags) =>
            Measurements.Where(m => m.Instrument == instrument && tags.All(t => m.Tags.Any(mt => mt.Key == t.Key && Equals(mt.Value, t.Value)))).Sum(m => m.Value);

        public IReadOnlyList<double> Durations(string operation) =>
            [.. Measurements.Where(m => m.Instrument == "atol.client.request.duration" && m.Tags.Contains(new("atol.operation", operation))).Select(m => m.Value)];

        public void AssertNoSecretLogged()
        {
            foreach (var line in Logs)
            {
                Assert.DoesNotContain("scripted-password", line.Message, StringComparison.Ordinal);
                Assert.DoesNotContain("token-", line.Message, StringComparison.Ordinal);
            }
        }

        public void Dispose()
        {
            _activityListener.Dispose();
            _meterListener.Dispose();
        }

        private void Add(string instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = tags.ToArray();
            lock (_gate)
            {
                _measurements.Add(new Measurement(instrument, value, copy));
            }
        }

        private sealed class CapturingLogger(Seen owner) : ILogger<AtolClient>
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner._gate)
                {
                    owner._logs.Add(new LogLine(logLevel, eventId.Id, formatter(state, exception)));
                }
            }
        }
    }

    private sealed record LogLine(LogLevel Level, int EventId, string Message);

    private sealed record Measurement(string Instrument, double Value, KeyValuePair<string, object?>[] Tags);
}
