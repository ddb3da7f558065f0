namespace AtolOnline.Batch;

/// <summary>
/// Collects the reports of every document awaiting its result with one report request at a time slot, never more than
/// the group's limit: ATOL allows 1 report request per second per register of the group. Documents go in the order
/// they become due; the first poll of a document is due after the latency the scheduler observes: a running estimate of
/// the 80th percentile of registration-to-final, tracked from whether first polls find the document final (a step up
/// when one answers wait, a smaller step down when one is final), so that about one first poll in five answers wait.
/// ATOL processes a group's queue first in, first out, so a document still waiting means the ones
/// registered after it are not final either: its answer holds them back for a while (most of a group's documents then
/// take one report request; a hold costs at most one).
/// </summary>
internal sealed class ReportScheduler : IAsyncDisposable
{
    private const double StepUp = 1.25, StepDown = 0.95; // equilibrium: 19 % of first polls answer wait
    private const int CompletionSamples = 32;
    private static readonly TimeSpan MaxRepollDelay = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan MaxFirstPoll = TimeSpan.FromSeconds(300);

    private readonly IAtolRegistrationClient _client;
    private readonly SemaphoreSlim _http;
    private readonly TimeProvider _time;
    private readonly ReportRateGate _rate;
    private readonly Action _onReportRequest;
    private readonly long _timerResolution;
    private readonly Lock _gate = new();
    private readonly PriorityQueue<(AwaitedReport Report, int Version), (long Due, long Sequence)> _queue = new();
    private readonly long[] _completions = new long[CompletionSamples];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _completionCount;
    private long _firstPoll, _sequence, _highestFinal = -1, _holdFrom = long.MaxValue, _holdUntil, _reportRequests;

    public ReportScheduler(IAtolRegistrationClient client, SemaphoreSlim http, Func<int> registers, TimeSpan firstPollDelay, TimeProvider time, Action onReportRequest)
    {
        _onReportRequest = onReportRequest;
        _timerResolution = time.TimestampFrequency / 1000; // a timer cannot wait less than about 1 ms: due within it is due now
        _client = client;
        _http = http;
        _time = time;
        _firstPoll = Math.Max(ToTicks(firstPollDelay), 1);
        _rate = new ReportRateGate(registers, time);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Report requests sent so far.</summary>
    public long ReportRequests => Interlocked.Read(ref _reportRequests);

    /// <summary>The delay of a document's first poll now (the estimate of the observed latency).</summary>
    public TimeSpan FirstPollDelay => TimeSpan.FromTicks(Interlocked.Read(ref _firstPoll) * TimeSpan.TicksPerSecond / _time.TimestampFrequency);

    /// <summary>Creates the wait of a document registered now (the sequence orders documents as ATOL's queue does).</summary>
    public AwaitedReport Register(string uuid, string externalId) =>
        new(uuid, externalId, Interlocked.Increment(ref _sequence), _time.GetTimestamp());

    /// <summary>Schedules the first poll of <paramref name="report"/> after <paramref name="delay"/> (null: the observed latency).</summary>
    public void Schedule(AwaitedReport report, TimeSpan? delay)
    {
        long now = _time.GetTimestamp();
        report.Calibrates = delay is null; // only a poll at the estimated time tells whether the estimate was right
        long due = delay is { } d ? now + ToTicks(d) : report.RegisteredAt + Interlocked.Read(ref _firstPoll);
        Enqueue(report, due);
    }

    /// <summary>Makes <paramref name="report"/> due at once (an unverified callback announced it).</summary>
    public void PollNow(AwaitedReport report)
    {
        lock (_gate)
        {
            // One lock with the new entry: the loop never sees the flag with the old entry still current.
            report.Calibrates = false;
            report.Announced = true;
            EnqueueLocked(report, _time.GetTimestamp());
        }

        Wake();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        Wake();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private void Enqueue(AwaitedReport report, long due)
    {
        lock (_gate)
        {
            EnqueueLocked(report, due);
        }

        Wake();
    }

    private void EnqueueLocked(AwaitedReport report, long due)
    {
        report.Due = due;
        _queue.Enqueue((report, ++report.Version), (due, report.Sequence));
    }

    private void Wake() => Interlocked.Exchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private async Task RunAsync()
    {
        var ct = _stop.Token;
        while (!ct.IsCancellationRequested)
        {
            var wake = Volatile.Read(ref _wake);
            AwaitedReport? next = null;
            long wait = -1;
            lock (_gate)
            {
                long now = _time.GetTimestamp();
                while (_queue.TryPeek(out var entry, out var priority))
                {
                    var head = entry.Report;
                    if (head.Task.IsCompleted || head.Version != entry.Version)
                    {
                        _queue.Dequeue(); // final, cancelled, or rescheduled (a later entry carries its new time)
                        continue;
                    }

                    if (head.Sequence >= _holdFrom && priority.Due < _holdUntil && !head.Announced)
                    {
                        _queue.Dequeue();
                        head.Calibrates = false;
                        head.Due = _holdUntil;
                        _queue.Enqueue((head, ++head.Version), (_holdUntil, head.Sequence));
                        continue;
                    }

                    if (priority.Due > now + _timerResolution)
                    {
                        wait = priority.Due - now;
                        break;
                    }

                    _queue.Dequeue();
                    head.Due = long.MaxValue; // being polled: a callback's PollNow enqueues it anew
                    head.Announced = false;
                    next = head;
                    break;
                }
            }

            if (next is null)
            {
                await (wait < 0 ? wake.Task.WaitAsync(ct) : Task.WhenAny(wake.Task, Task.Delay(TimeSpan.FromTicks(wait * TimeSpan.TicksPerSecond / _time.TimestampFrequency), _time, ct))).ConfigureAwait(false);
                continue;
            }

            await _http.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                await _rate.WaitForSlotAsync(ct).ConfigureAwait(false); // taken after the HTTP slot: the request goes out at once
            }
            catch
            {
                _http.Release();
                throw;
            }

            Interlocked.Increment(ref _reportRequests);
            _onReportRequest();
            _ = PollAsync(next);
        }
    }

    private async Task PollAsync(AwaitedReport report)
    {
        AtolReport answer;
        try
        {
            answer = await _client.GetReportAsync(report.Uuid, report.Cancellation).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            report.Fail(ex);
            return;
        }
        finally
        {
            _http.Release();
        }

        long now = _time.GetTimestamp();
        if (answer.IsFinal)
        {
            Observe(report, now);
            report.Complete(answer);
            return;
        }

        lock (_gate)
        {
            Calibrate(report, final: false);
            report.Waits++;
            long delay = RepollDelay(report.Waits);
            if (report.Sequence > _highestFinal && (now >= _holdUntil || report.Sequence < _holdFrom))
            {
                // Beyond the last document seen final: ATOL's queue has not reached it, nor the ones after it.
                _holdFrom = report.Sequence;
                _holdUntil = now + delay;
            }

            if (report.Due == long.MaxValue)
            {
                report.Due = now + delay;
                _queue.Enqueue((report, ++report.Version), (report.Due, report.Sequence));
            }
        }

        Wake();
    }

    /// <summary>
    /// Delay before polling a document that answered wait: three times the observed interval between final documents
    /// (the group's pace), at least half the median latency, doubling with each further wait, at most 60 s.
    /// </summary>
    private long RepollDelay(int waits)
    {
        long pace = _completionCount >= 2
            ? 3 * (_completions[(_completionCount - 1) % CompletionSamples] - _completions[Math.Max(0, _completionCount - CompletionSamples) % CompletionSamples]) / Math.Min(_completionCount - 1, CompletionSamples - 1)
            : 0;
        long delay = Math.Max(pace, _firstPoll / 2);
        delay = Math.Max(delay, 1) << Math.Min(waits - 1, 16);
        return Math.Min(delay, ToTicks(MaxRepollDelay));
    }

    private void Observe(AwaitedReport report, long now)
    {
        lock (_gate)
        {
            Calibrate(report, final: true);
            _highestFinal = Math.Max(_highestFinal, report.Sequence);
            _completions[_completionCount++ % CompletionSamples] = now;
        }
    }

    /// <summary>Moves the first-poll estimate after a first poll that went out at it (scheduler lock).</summary>
    private void Calibrate(AwaitedReport report, bool final)
    {
        if (!report.Calibrates || report.Waits > 0)
        {
            return;
        }

        report.Calibrates = false;
        double next = _firstPoll * (final ? StepDown : StepUp);
        Interlocked.Exchange(ref _firstPoll, (long)Math.Clamp(next, _timerResolution, ToTicks(MaxFirstPoll)));
    }

    private long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    /// <summary>Completes a callback-mode document whose verified callback carried its final report.</summary>
    internal void Observe(AwaitedReport report) => Observe(report, _time.GetTimestamp());
}
