namespace AtolOnline.Batch.Tests;

/// <summary>
/// The report scheduler with several documents in flight, on a virtual clock that starts held: every document is
/// registered and scheduled before the scheduler's first timer, so that each report request's virtual time is exact.
/// A document answering wait holds back the ones registered after it (not the ones before it, nor when a document
/// registered after it was already final) until its own re-poll, and a further wait at the hold's end renews the hold;
/// re-polls are paced by the interval between recent final documents; an obsolete queue entry is never polled.
/// </summary>
public sealed class ReportSchedulerHoldTests
{
    [Fact]
    public async Task A_wait_holds_back_the_documents_registered_after_it_until_its_re_poll_without_calibrating_them()
    {
        var clock = new HeldClock();
        var atol = new ScriptedReports(() => clock.Elapsed) { ["u-1"] = ["wait", "done"], ["u-2"] = ["done"], ["u-3"] = ["done"] };
        await using var scheduler = Scheduler(atol, clock, TimeSpan.FromSeconds(1));

        var u1 = Register(scheduler, "u-1");
        var u2 = Register(scheduler, "u-2");
        clock.Advance(TimeSpan.FromSeconds(0.4));
        var u3 = Register(scheduler, "u-3");
        scheduler.Schedule(u1, null); // due at 1 s
        scheduler.Schedule(u2, null); // due at 1 s, after u-1 (registered after it)
        scheduler.Schedule(u3, null); // due at 1.4 s
        await Finish(clock, u1, u2, u3);

        // u-1 answered wait at 1 s: the estimate rose to 1.25 s and u-1 is re-polled after half of it; u-2 (due at once)
        // and u-3 (due at 1.4 s) are held until then.
        Assert.Equal(Seconds(1, 1.625), atol.TimesOf("u-1"));
        Assert.Equal(Seconds(1.625), atol.TimesOf("u-2"));
        Assert.Equal(Seconds(1.625), atol.TimesOf("u-3"));
        Assert.Equal(TimeSpan.FromSeconds(1.25), scheduler.FirstPollDelay); // the held polls did not calibrate it
        Assert.Equal(4, scheduler.ReportRequests);
    }

    [Fact]
    public async Task A_further_wait_at_the_end_of_the_hold_renews_it()
    {
        var clock = new HeldClock();
        var atol = new ScriptedReports(() => clock.Elapsed) { ["u-1"] = ["wait", "wait", "done"], ["u-2"] = ["done"] };
        await using var scheduler = Scheduler(atol, clock, TimeSpan.FromSeconds(1));

        var u1 = Register(scheduler, "u-1");
        var u2 = Register(scheduler, "u-2");
        scheduler.Schedule(u1, null);
        scheduler.Schedule(u2, null);
        await Finish(clock, u1, u2);

        // Re-polls of u-1 after 0.625 s, then 1.25 s; u-2 follows the hold it renewed at 1.625 s.
        Assert.Equal(Seconds(1, 1.625, 2.875), atol.TimesOf("u-1"));
        Assert.Equal(Seconds(2.875), atol.TimesOf("u-2"));
    }

    [Fact]
    public async Task A_wait_of_an_earlier_document_moves_the_hold_to_it()
    {
        var clock = new HeldClock();
        var atol = new ScriptedReports(() => clock.Elapsed) { ["u-1"] = ["wait", "done"], ["u-2"] = ["wait", "done"] };
        await using var scheduler = Scheduler(atol, clock, TimeSpan.FromSeconds(1));

        var u1 = Register(scheduler, "u-1");
        var u2 = Register(scheduler, "u-2");
        scheduler.Schedule(u2, null);                         // due at 1 s
        scheduler.Schedule(u1, TimeSpan.FromSeconds(1.2));    // a grace: due at 1.2 s
        await Finish(clock, u1, u2);

        // u-2 waits at 1 s: hold from u-2 until 1.625 s, which does not hold u-1 (registered before it). u-1 waits at
        // 1.2 s: the hold now starts at u-1 and lasts until 1.2 + 0.625 s, and keeps u-2 from its re-poll at 1.625 s.
        Assert.Equal(Seconds(1.2, 1.825), atol.TimesOf("u-1"));
        Assert.Equal(Seconds(1, 1.825), atol.TimesOf("u-2"));
    }

    [Fact]
    public async Task A_wait_of_a_document_before_the_last_final_one_holds_nothing_back()
    {
        var clock = new HeldClock();
        var atol = new ScriptedReports(() => clock.Elapsed) { ["u-1"] = ["wait", "done"], ["u-2"] = ["done"], ["u-3"] = ["done"] };
        await using var scheduler = Scheduler(atol, clock, TimeSpan.FromSeconds(1));

        var u1 = Register(scheduler, "u-1");
        var u2 = Register(scheduler, "u-2");
        var u3 = Register(scheduler, "u-3");
        scheduler.Schedule(u2, null);                         // due at 1 s: final (the estimate falls to 0.95 s)
        scheduler.Schedule(u1, TimeSpan.FromSeconds(1.2));
        scheduler.Schedule(u3, TimeSpan.FromSeconds(1.5));
        await Finish(clock, u1, u2, u3);

        // u-2, registered after u-1, was final: ATOL's queue is past u-1, and its wait holds back nobody (u-3 goes at its
        // own time). u-1 is re-polled after half the estimate (one final document gives no pace yet).
        Assert.Equal(Seconds(1), atol.TimesOf("u-2"));
        Assert.Equal(Seconds(1.2, 1.675), atol.TimesOf("u-1"));
        Assert.Equal(Seconds(1.5), atol.TimesOf("u-3"));
        Assert.Equal(TimeSpan.FromSeconds(0.95), scheduler.FirstPollDelay);
    }

    [Fact]
    public async Task After_two_final_documents_a_re_poll_waits_three_times_their_interval()
    {
        var clock = new HeldClock();
        var atol = new ScriptedReports(() => clock.Elapsed) { ["u-1"] = ["done"], ["u-2"] = ["done"], ["u-3"] = ["wait", "done"] };
        await using var scheduler = Scheduler(atol, clock, TimeSpan.FromSeconds(0.1));

        var u1 = Register(scheduler, "u-1");
        var u2 = Register(scheduler, "u-2");
        var u3 = Register(scheduler, "u-3");
        scheduler.Schedule(u1, null);                         // final at 0.1 s
        scheduler.Schedule(u2, TimeSpan.FromSeconds(2.1));    // final at 2.1 s: a pace of one document per 2 s
        scheduler.Schedule(u3, TimeSpan.FromSeconds(3));
        await Finish(clock, u1, u2, u3);

        // The re-poll waits 3 × 2 s, not half the estimate (0.0475 s).
        Assert.Equal(Seconds(3, 9), atol.TimesOf("u-3"));
    }

    [Fact]
    public async Task With_three_final_documents_the_pace_is_their_mean_interval()
    {
        var clock = new HeldClock();
        var atol = new ScriptedReports(() => clock.Elapsed) { ["u-1"] = ["done"], ["u-2"] = ["done"], ["u-3"] = ["done"], ["u-4"] = ["wait", "done"] };
        await using var scheduler = Scheduler(atol, clock, TimeSpan.FromSeconds(0.1));

        var u1 = Register(scheduler, "u-1");
        var u2 = Register(scheduler, "u-2");
        var u3 = Register(scheduler, "u-3");
        var u4 = Register(scheduler, "u-4");
        scheduler.Schedule(u1, null);                         // final at 0.1 s
        scheduler.Schedule(u2, TimeSpan.FromSeconds(0.5));
        scheduler.Schedule(u3, TimeSpan.FromSeconds(2.1));    // 2 s for two documents: 1 s each
        scheduler.Schedule(u4, TimeSpan.FromSeconds(3));
        await Finish(clock, u1, u2, u3, u4);

        Assert.Equal(Seconds(3, 6), atol.TimesOf("u-4"));
    }

    [Fact]
    public async Task An_entry_made_obsolete_by_poll_now_is_not_polled()
    {
        var clock = new HeldClock();
        var atol = new ScriptedReports(() => clock.Elapsed) { ["u-1"] = ["wait", "done"], ["u-2"] = ["done"] };
        await using var scheduler = Scheduler(atol, clock, TimeSpan.FromSeconds(10));

        var u1 = Register(scheduler, "u-1");
        var u2 = Register(scheduler, "u-2");
        scheduler.PollNow(u2);                                // final at 0 s: u-1's wait will hold nothing back
        await u2.Task.WaitAsync(TimeSpan.FromSeconds(5), BatchFixtures.Ct); // no timer needed: the clock is still held
        scheduler.Schedule(u1, TimeSpan.FromSeconds(1));      // an entry at 1 s ...
        scheduler.PollNow(u1);                                // ... replaced by one at once
        await Finish(clock, u1, u2);

        // u-1 waits at 0 s and is re-polled after half the estimate (5 s); its entry at 1 s was obsolete.
        Assert.Equal(Seconds(0, 5), atol.TimesOf("u-1"));
        Assert.Equal(Seconds(0), atol.TimesOf("u-2"));
    }

    [Fact]
    public async Task A_document_announced_by_a_callback_is_polled_at_once_even_during_a_hold()
    {
        var clock = new HeldClock();
        var atol = new ScriptedReports(() => clock.Elapsed) { ["u-1"] = ["wait", "done"], ["u-2"] = ["done"], ["u-3"] = ["done"] };
        await using var scheduler = Scheduler(atol, clock, TimeSpan.FromSeconds(10));

        var u1 = Register(scheduler, "u-1");
        var u2 = Register(scheduler, "u-2");
        var u3 = Register(scheduler, "u-3");
        scheduler.PollNow(u1);                                // waits at 0 s: the hold lasts until its re-poll at 5 s
        await clock.TimerHeld.WaitAsync(TimeSpan.FromSeconds(5), BatchFixtures.Ct);
        scheduler.Schedule(u3, TimeSpan.Zero);                // due at once, but held back
        scheduler.PollNow(u2);                                // a callback says u-2 is ready: polled at once
        await u2.Task.WaitAsync(TimeSpan.FromSeconds(5), BatchFixtures.Ct);
        await Finish(clock, u1, u2, u3);

        Assert.Equal(Seconds(0, 5), atol.TimesOf("u-1"));
        Assert.Equal(Seconds(0), atol.TimesOf("u-2"));
        Assert.Equal(Seconds(5), atol.TimesOf("u-3"));        // due at once, but held: no callback announced it
    }

    [Fact]
    public async Task A_document_due_within_the_timer_resolution_is_polled_at_once()
    {
        var clock = new HeldClock();
        var atol = new ScriptedReports(() => clock.Elapsed) { ["u-1"] = ["done"] };
        await using var scheduler = Scheduler(atol, clock, TimeSpan.FromMilliseconds(1));

        var u1 = Register(scheduler, "u-1");
        scheduler.Schedule(u1, null);
        await Finish(clock, u1);

        Assert.Equal(Seconds(0), atol.TimesOf("u-1"));
    }

    [Fact]
    public async Task Disposing_while_a_poll_waits_for_the_report_limit_sends_nothing_and_returns_its_http_slot()
    {
        var clock = new HeldClock();
        var atol = new ScriptedReports(() => clock.Elapsed) { ["u-1"] = ["done"], ["u-2"] = ["done"] };
        var http = new SemaphoreSlim(4);
        var scheduler = new ReportScheduler(atol, http, () => 1, TimeSpan.FromSeconds(1), clock, () => { });

        var u1 = Register(scheduler, "u-1");
        var u2 = Register(scheduler, "u-2");
        scheduler.PollNow(u1);
        scheduler.PollNow(u2);                                // one register: u-2 must wait 1.1 s for its slot
        await clock.TimerHeld.WaitAsync(TimeSpan.FromSeconds(5), BatchFixtures.Ct);
        await scheduler.DisposeAsync();

        Assert.Equal(Seconds(0), atol.TimesOf("u-1"));
        Assert.Empty(atol.TimesOf("u-2"));
        Assert.Equal(1, scheduler.ReportRequests);
        Assert.Equal(4, http.CurrentCount);
    }

    private static ReportScheduler Scheduler(ScriptedReports atol, HeldClock clock, TimeSpan firstPoll) =>
        new(atol, new SemaphoreSlim(4), () => 1000, firstPoll, clock, () => { });

    private static AwaitedReport Register(ReportScheduler scheduler, string uuid)
    {
        var awaited = scheduler.Register(uuid, "e-" + uuid);
        awaited.Cancellation = BatchFixtures.Ct;
        return awaited;
    }

    /// <summary>Lets the clock run and waits for every document's final report.</summary>
    private static async Task Finish(HeldClock clock, params AwaitedReport[] reports)
    {
        clock.Release();
        await Task.WhenAll(reports.Select(r => r.Task)).WaitAsync(TimeSpan.FromSeconds(5), BatchFixtures.Ct);
    }

    private static TimeSpan[] Seconds(params double[] seconds) => [.. seconds.Select(TimeSpan.FromSeconds)];

    /// <summary>
    /// A virtual clock that moves only by <see cref="Advance"/> or when a timer is created (it then moves by the timer's
    /// due time at once, and the timer fires). Until <see cref="Release"/>, timers are kept instead: they fire at the
    /// release without moving the clock, so that a scheduler woken then recomputes its wait from everything scheduled.
    /// </summary>
    internal sealed class HeldClock : TimeProvider
    {
        private readonly Lock _gate = new();
        private readonly List<HeldTimer> _held = [];
        private readonly TaskCompletionSource _timerHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly DateTimeOffset _start = new(2026, 3, 5, 11, 2, 11, TimeSpan.Zero);
        private DateTimeOffset _now;
        private bool _holding = true;

        public HeldClock() => _now = _start;

        /// <summary>Completes when a timer is first created while the clock is held.</summary>
        public Task TimerHeld => _timerHeld.Task;

        public TimeSpan Elapsed
        {
            get
            {
                lock (_gate)
                {
                    return _now - _start;
                }
            }
        }

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override DateTimeOffset GetUtcNow()
        {
            lock (_gate)
            {
                return _now;
            }
        }

        public override long GetTimestamp() => GetUtcNow().UtcTicks;

        public void Advance(TimeSpan by)
        {
            lock (_gate)
            {
                _now += by;
            }
        }

        public void Release()
        {
            List<HeldTimer> held;
            lock (_gate)
            {
                _holding = false;
                held = [.. _held];
                _held.Clear();
            }

            foreach (var timer in held)
            {
                timer.Fire();
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new HeldTimer(callback, state);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return timer;
            }

            lock (_gate)
            {
                if (_holding)
                {
                    _held.Add(timer);
                    _timerHeld.TrySetResult();
                    return timer;
                }

                _now += dueTime;
            }

            timer.Fire();
            return timer;
        }

        internal sealed class HeldTimer(TimerCallback callback, object? state) : ITimer
        {
            private int _disposed;

            // On the pool, as a real timer: the caller (Task.Delay) finishes setting up before its callback runs.
            public void Fire() => ThreadPool.UnsafeQueueUserWorkItem(_ =>
            {
                if (Volatile.Read(ref _disposed) == 0)
                {
                    callback(state);
                }
            }, null);

            public bool Change(TimeSpan dueTime, TimeSpan period) => throw new NotSupportedException("the scheduler's timers are one-shot");

            public void Dispose() => Interlocked.Exchange(ref _disposed, 1);

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}
