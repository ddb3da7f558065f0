using AtolOnline.Emulator;
using AtolOnline.Json;
using AtolOnline.Protocol;

namespace AtolOnline.Batch.Tests;

/// <summary>
/// ATOL's report limit (1 report request per second per register of the group), asserted by the emulator's own
/// counters: no clock second sees more report requests than the group has registers, and documents average at most
/// 1.5 report requests each, whether the registers or the report limit is the bottleneck.
/// </summary>
public sealed class ReportLimitTests
{
    [Theory]
    [InlineData(10, 1000, 60)] // the group finishes 10 documents/s, as many as report requests may go: a queue builds up
    [InlineData(10, 200, 100)] // the report limit is the bottleneck: the group could finish 50 documents/s
    public async Task Report_requests_never_exceed_the_registers_in_any_second_and_average_at_most_one_and_a_half_per_document(int registers, int processingMs, int count)
    {
        await using var atol = await BatchFixtures.StartEmulatorAsync(o =>
        {
            o.Registers = registers;
            o.ProcessingDelay = TimeSpan.FromMilliseconds(processingMs);
        });
        var processor = new BatchProcessor(BatchFixtures.Client(atol), new BatchOptions
        {
            Registers = registers, RequestsPerSecond = 0, FirstPollDelay = TimeSpan.FromMilliseconds(processingMs),
        });
        var outcomes = new List<BatchOutcome>();
        await foreach (var outcome in processor.ProcessAsync(BatchFixtures.Sells(count, "limit"), BatchFixtures.Ct))
        {
            outcomes.Add(outcome);
        }

        Assert.Equal(count, outcomes.Count);
        Assert.All(outcomes, o => Assert.Equal(BatchOutcomeKind.Done, o.Kind));
        BatchFixtures.AssertExactlyOnce(atol, count, "limit");
        var group = atol.GetStats().Groups[BatchFixtures.Group];
        Assert.Equal(registers, group.Registers);
        Assert.InRange(group.MaxReportRequestsPerSecond, 1, registers);
        Assert.InRange(group.ReportRequests, count, count * 3 / 2);
        Assert.Equal(group.ReportRequests, processor.ReportRequests); // the client counts what the emulator saw
    }

    [Fact]
    public async Task With_the_default_of_one_register_a_batch_sends_one_report_request_at_a_time_per_second()
    {
        const int count = 6;
        await using var atol = await BatchFixtures.StartEmulatorAsync(o => o.Registers = 1);
        var processor = new BatchProcessor(BatchFixtures.Client(atol), new BatchOptions { RequestsPerSecond = 0, FirstPollDelay = TimeSpan.FromMilliseconds(100) });
        Assert.Equal(1, new BatchOptions().Registers);
        await foreach (var outcome in processor.ProcessAsync(BatchFixtures.Sells(count, "one"), BatchFixtures.Ct))
        {
            Assert.Equal(BatchOutcomeKind.Done, outcome.Kind);
        }

        var group = atol.GetStats().Groups[BatchFixtures.Group];
        Assert.Equal(1, group.MaxReportRequestsPerSecond);
        Assert.InRange(group.ReportRequests, count, count * 3 / 2);
    }

    [Fact]
    public void Options_out_of_range_are_refused_before_anything_is_sent()
    {
        var client = new ThrowingClient();
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchProcessor(client, new BatchOptions { Registers = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchProcessor(client, new BatchOptions { MaxConcurrentRequests = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchProcessor(client, new BatchOptions { MaxAwaitingResult = 0 }));
        Assert.Throws<ArgumentException>(() => new BatchProcessor(client, new BatchOptions { ResultMode = BatchResultMode.Callback, CallbackBaseUrl = "https://shop.example.ru/cb?x=1" }));
        Assert.Throws<ArgumentException>(() => new BatchProcessor(client, new BatchOptions { ResultMode = BatchResultMode.Callback, CallbackBaseUrl = "https://shop.example.ru/" + new string('a', 240) }));
    }

    /// <summary>A client that must never be called.</summary>
    private sealed class ThrowingClient : IAtolRegistrationClient
    {
        public AtolProtocolVersion ProtocolVersion => AtolProtocolVersion.V5;

        public Task<AtolRegistration> RegisterAsync<TDocument>(AtolOperation<TDocument> operation, TDocument document, CancellationToken cancellationToken = default)
            where TDocument : class, IAtolJsonModel<TDocument>, IAtolDocument => throw new InvalidOperationException("nothing may be sent");

        public Task<AtolReport> GetReportAsync(string uuid, CancellationToken cancellationToken = default) => throw new InvalidOperationException("nothing may be sent");

        public Task<AtolReport> WaitForReportAsync(string uuid, CancellationToken cancellationToken = default) => throw new InvalidOperationException("nothing may be sent");
    }
}
