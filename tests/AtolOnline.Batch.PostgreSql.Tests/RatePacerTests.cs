namespace AtolOnline.Batch.PostgreSql.Tests;

/// <summary>A worker's share of the group's rate: calls spaced evenly, the share changing as workers come and go.</summary>
public sealed class RatePacerTests
{
    [Fact]
    public void Calls_are_spaced_by_the_share_and_follow_a_changed_share()
    {
        var time = new ManualTime();
        var pacer = new RatePacer(time) { PerSecond = 10 }; // a group of 20/s shared by two workers
        Assert.Equal(TimeSpan.Zero, pacer.Reserve());
        Assert.Equal(TimeSpan.FromMilliseconds(100), pacer.Reserve());
        Assert.Equal(TimeSpan.FromMilliseconds(200), pacer.Reserve());

        time.Advance(TimeSpan.FromMilliseconds(300)); // the three slots passed: no burst is saved up
        Assert.Equal(TimeSpan.Zero, pacer.Reserve());
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.Zero, pacer.Reserve());
        Assert.Equal(TimeSpan.FromMilliseconds(100), pacer.Reserve());

        pacer.PerSecond = 5; // a third worker appeared... of a group of 15/s
        Assert.Equal(TimeSpan.FromMilliseconds(200), pacer.Reserve());
        Assert.Equal(TimeSpan.FromMilliseconds(400), pacer.Reserve());

        pacer.PerSecond = 0; // unlimited
        Assert.Equal(TimeSpan.Zero, pacer.Reserve());
    }

    /// <summary>A clock moved by the test.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}

/// <summary>The share is the group's rate divided by the workers whose heartbeat is recent.</summary>
public sealed class RateShareTests(PostgresServer server)
{
    [Fact]
    public async Task Each_heartbeat_sets_the_shares_of_the_group_rate_and_registers_over_the_live_workers()
    {
        var (source, store) = server.NewQueue("share");
        await using var _ = source;
        await store.MigrateAsync(QueueFixtures.Ct);
        await using var atol = await QueueFixtures.StartEmulatorAsync();
        var options = QueueFixtures.Options("me");
        options.GroupRequestsPerSecond = 30;
        options.GroupRegisters = 20;
        var worker = new PostgresBatchWorker(store, QueueFixtures.Client(atol), options);
        var journal = new QueueJournal(store, worker.WorkerId, options.HeartbeatInterval);
        var pacer = new RatePacer(TimeProvider.System);

        await worker.HeartbeatAsync(journal, pacer, QueueFixtures.Ct);
        Assert.Equal(30, pacer.PerSecond); // alone
        Assert.Equal(20, worker.RegisterShare);

        await using (var others = source.CreateCommand($"INSERT INTO \"{store.Name}_workers\" (worker_id, last_seen) VALUES ('live-1', now()), ('live-2', now()), ('dead', now() - interval '1 minute')"))
        {
            await others.ExecuteNonQueryAsync(QueueFixtures.Ct);
        }

        await worker.HeartbeatAsync(journal, pacer, QueueFixtures.Ct);
        Assert.Equal(10, pacer.PerSecond); // three live (the dead one's heartbeat is older than three intervals)
        Assert.Equal(6, worker.RegisterShare); // 20 registers over three: the whole part, so the sum stays within the group
    }
}
