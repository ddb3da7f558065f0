using AtolOnline.Client.Tests;

namespace AtolOnline.Batch.Tests;

/// <summary>
/// The gate that keeps report requests within the group's registers per second, on a virtual clock: a request goes at
/// once while fewer than the limit went in the last window (1.1 s, a margin over ATOL's second), otherwise exactly when
/// the oldest of them leaves it; the limit is read before every request.
/// </summary>
public sealed class ReportRateGateTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(1100);

    [Fact]
    public async Task Requests_beyond_the_limit_wait_until_the_oldest_leaves_the_window()
    {
        var clock = new FakeClock();
        var gate = new ReportRateGate(() => 2, clock);
        var times = new List<TimeSpan>();
        for (int i = 0; i < 5; i++)
        {
            await gate.WaitForSlotAsync(BatchFixtures.Ct);
            times.Add(clock.Elapsed);
        }

        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero, Window, Window, Window + Window], times);
        AssertNeverMoreThan(2, times);
    }

    [Fact]
    public async Task The_limit_is_read_before_every_request()
    {
        var clock = new FakeClock();
        int registers = 1;
        var gate = new ReportRateGate(() => registers, clock);
        var times = new List<TimeSpan>();
        async Task Next()
        {
            await gate.WaitForSlotAsync(BatchFixtures.Ct);
            times.Add(clock.Elapsed);
        }

        await Next();
        await Next();                       // one register: the second request waits a whole window
        registers = 3;
        await Next();                       // three registers: two more go at once
        await Next();
        await Next();                       // the fourth in the window waits for the oldest to leave
        registers = 0;                      // a group without registers reported is read as one, never zero
        await Next();

        TimeSpan second = Window;
        Assert.Equal([TimeSpan.Zero, second, second, second, second + Window, second + Window + Window], times);
    }

    [Fact]
    public void A_limit_below_one_is_refused_when_the_gate_is_made()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReportRateGate(() => 0, new FakeClock()));
        _ = new ReportRateGate(() => 1, new FakeClock());
    }

    [Fact]
    public async Task A_cancelled_wait_takes_no_slot()
    {
        var clock = new FakeClock();
        var gate = new ReportRateGate(() => 1, clock);
        await gate.WaitForSlotAsync(BatchFixtures.Ct);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gate.WaitForSlotAsync(cancelled.Token).AsTask());

        var before = clock.Elapsed;
        await gate.WaitForSlotAsync(BatchFixtures.Ct);
        Assert.True(clock.Elapsed - before <= Window, "the cancelled request did not take the next slot");
        Assert.Equal(Window, clock.Elapsed);
    }

    private static void AssertNeverMoreThan(int limit, List<TimeSpan> times)
    {
        foreach (var start in times)
        {
            Assert.True(times.Count(t => t >= start && t < start + Window) <= limit, $"more than {limit} requests in the window from {start}");
        }
    }
}
