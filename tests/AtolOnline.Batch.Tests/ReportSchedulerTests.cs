using AtolOnline.Client.Tests;
using AtolOnline.Protocol;

namespace AtolOnline.Batch.Tests;

/// <summary>
/// The report scheduler's timing on a virtual clock, one document at a time: the first poll at the estimated processing
/// time, which a "wait" answer raises by a quarter and a final first answer lowers by 5 %; repeated polls doubling from
/// half that estimate up to a minute; a callback's grace instead of the estimate (no calibration); an immediate poll on
/// request.
/// </summary>
public sealed class ReportSchedulerTests
{
    [Fact]
    public async Task A_waiting_document_is_polled_at_the_estimate_then_at_doubling_intervals_and_the_estimate_rises()
    {
        var clock = new FakeClock();
        var atol = new ScriptedReports(() => clock.Elapsed) { WaitsBeforeFinal = 3 };
        await using var scheduler = Scheduler(atol, clock, TimeSpan.FromSeconds(1));

        var report = await Poll(scheduler, "u-1", null);

        Assert.Equal(AtolDocumentStatus.Done, report.Status);
        // The first poll at 1 s answered wait: the estimate became 1.25 s, and re-polls double from half of it.
        Assert.Equal(Seconds(1, 1.625, 2.875, 5.375), atol.Times);
        Assert.Equal(TimeSpan.FromSeconds(1.25), scheduler.FirstPollDelay);
        Assert.Equal(4, scheduler.ReportRequests);
    }

    [Fact]
    public async Task A_document_final_at_its_first_poll_lowers_the_estimate_by_five_percent()
    {
        var clock = new FakeClock();
        var atol = new ScriptedReports(() => clock.Elapsed) { WaitsBeforeFinal = 0 };
        await using var scheduler = Scheduler(atol, clock, TimeSpan.FromSeconds(2));

        await Poll(scheduler, "u-1", null);
        await Poll(scheduler, "u-2", null);

        Assert.Equal(Seconds(2, 2 + 1.9), atol.Times);
        Assert.Equal(TimeSpan.FromSeconds(2 * 0.95 * 0.95), scheduler.FirstPollDelay);
    }

    [Fact]
    public async Task Re_polls_stop_doubling_at_one_minute()
    {
        var clock = new FakeClock();
        var atol = new ScriptedReports(() => clock.Elapsed) { WaitsBeforeFinal = 9 };
        await using var scheduler = Scheduler(atol, clock, TimeSpan.FromSeconds(8));

        await Poll(scheduler, "u-1", null);

        var gaps = atol.Times.Zip(atol.Times.Skip(1), (a, b) => b - a).ToList();
        Assert.Equal(Seconds(5, 10, 20, 40, 60, 60, 60, 60, 60), gaps); // half of 10 s (8 s raised by a quarter), doubling, capped
    }

    [Fact]
    public async Task A_callback_grace_replaces_the_estimate_and_does_not_calibrate_it()
    {
        var clock = new FakeClock();
        var atol = new ScriptedReports(() => clock.Elapsed) { WaitsBeforeFinal = 0 };
        await using var scheduler = Scheduler(atol, clock, TimeSpan.FromSeconds(3));

        await Poll(scheduler, "u-1", TimeSpan.FromSeconds(120));

        Assert.Equal(Seconds(120), atol.Times);
        Assert.Equal(TimeSpan.FromSeconds(3), scheduler.FirstPollDelay);
    }

    [Fact]
    public async Task Poll_now_asks_at_once_and_does_not_calibrate()
    {
        var clock = new FakeClock();
        var atol = new ScriptedReports(() => clock.Elapsed) { WaitsBeforeFinal = 0 };
        await using var scheduler = Scheduler(atol, clock, TimeSpan.FromSeconds(3));

        var awaited = scheduler.Register("u-1", "e-u-1");
        awaited.Cancellation = BatchFixtures.Ct;
        scheduler.PollNow(awaited);
        await awaited.Task.WaitAsync(TimeSpan.FromSeconds(30), BatchFixtures.Ct);

        Assert.Equal(Seconds(0), atol.Times);
        Assert.Equal(TimeSpan.FromSeconds(3), scheduler.FirstPollDelay);
    }

    [Fact]
    public async Task A_failed_report_request_fails_the_waiting_document()
    {
        var clock = new FakeClock();
        var atol = new ScriptedReports(() => clock.Elapsed) { Failure = new HttpRequestException("connection reset") };
        await using var scheduler = Scheduler(atol, clock, TimeSpan.FromSeconds(1));

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => Poll(scheduler, "u-1", null));

        Assert.Equal("connection reset", ex.Message);
    }

    private static ReportScheduler Scheduler(ScriptedReports atol, FakeClock clock, TimeSpan firstPoll) =>
        new(atol, new SemaphoreSlim(4), () => 1000, firstPoll, clock, () => { });

    private static async Task<AtolReport> Poll(ReportScheduler scheduler, string uuid, TimeSpan? grace)
    {
        var awaited = scheduler.Register(uuid, "e-" + uuid);
        awaited.Cancellation = BatchFixtures.Ct;
        scheduler.Schedule(awaited, grace);
        return await awaited.Task.WaitAsync(TimeSpan.FromSeconds(30), BatchFixtures.Ct);
    }

    private static TimeSpan[] Seconds(params double[] seconds) => [.. seconds.Select(TimeSpan.FromSeconds)];
}
