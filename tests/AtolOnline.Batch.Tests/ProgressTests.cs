namespace AtolOnline.Batch.Tests;

/// <summary>
/// Progress reports count every kind of outcome, say how many are still in flight, the rate so far and, when the caller
/// said how many to expect, the time left; between reports at least ProgressInterval passes, and the last report is
/// always made.
/// </summary>
public sealed class ProgressTests
{
    [Fact]
    public async Task Every_kind_of_outcome_is_counted_and_the_last_report_adds_up()
    {
        await using var atol = await BatchFixtures.StartEmulatorAsync();
        var reports = new List<BatchProgress>();
        var processor = new BatchProcessor(BatchFixtures.Client(atol), new BatchOptions
        {
            RequestsPerSecond = 0, Registers = BatchFixtures.FastRegisters, FirstPollDelay = BatchFixtures.FastFirstPoll,
            ExpectedCount = 10, ProgressInterval = TimeSpan.Zero, Progress = new Synchronous(reports),
            MaxAwaitingResult = 1, // one document at a time: no two outcomes race for the same report
        });
        BatchItem[] items =
        [
            .. BatchFixtures.Sells(3, "progress"),
            BatchFixtures.WrongInn("progress-inn"),
            BatchItem.Unreadable(5, "unexpected end of the line"),
            BatchItem.Unreadable(6, "external_id is required in a batch"),
        ];

        var outcomes = new List<BatchOutcome>();
        await foreach (var outcome in processor.ProcessAsync(items, BatchFixtures.Ct))
        {
            outcomes.Add(outcome);
        }

        Assert.Equal(6, outcomes.Count);
        var last = reports[^1];
        Assert.Equal((3L, 1L, 2L, 0L), (last.Done, last.Failed, last.Invalid, last.Unresolved));
        Assert.Equal(6, last.Completed);
        Assert.Equal(0, last.InFlight);
        Assert.Equal(last.Started, last.Completed);
        Assert.True(last.Elapsed > TimeSpan.Zero);
        Assert.Equal(last.Completed / last.Elapsed.TotalSeconds, last.PerSecond, 9);
        Assert.NotNull(last.Remaining);
        Assert.Equal(4 / last.PerSecond, last.Remaining!.Value.TotalSeconds, 3);

        // With no interval every outcome reports (six, then the final one), and the counts only grow.
        Assert.True(reports.Count >= 7, $"{reports.Count} reports");
        for (int i = 1; i < reports.Count; i++)
        {
            Assert.True(reports[i].Completed >= reports[i - 1].Completed);
            Assert.True(reports[i].Elapsed >= reports[i - 1].Elapsed);
            Assert.True(reports[i].InFlight >= 0);
        }
    }

    [Fact]
    public async Task With_a_long_interval_only_the_last_report_is_made_and_without_an_expected_count_no_time_left_is_guessed()
    {
        await using var atol = await BatchFixtures.StartEmulatorAsync();
        var reports = new List<BatchProgress>();
        var processor = new BatchProcessor(BatchFixtures.Client(atol), new BatchOptions
        {
            RequestsPerSecond = 0, Registers = BatchFixtures.FastRegisters, FirstPollDelay = BatchFixtures.FastFirstPoll,
            ProgressInterval = TimeSpan.FromHours(1), Progress = new Synchronous(reports),
        });

        await foreach (var _ in processor.ProcessAsync(BatchFixtures.Sells(4, "progress-quiet"), BatchFixtures.Ct))
        {
        }

        var only = Assert.Single(reports);
        Assert.Equal(4, only.Done);
        Assert.Equal(4, only.Started);
        Assert.Null(only.Remaining);
    }

    private sealed class Synchronous(List<BatchProgress> reports) : IProgress<BatchProgress>
    {
        public void Report(BatchProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
