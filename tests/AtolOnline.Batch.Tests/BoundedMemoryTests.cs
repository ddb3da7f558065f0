using System.Runtime.CompilerServices;
using AtolOnline.Emulator;
using AtolOnline.Json;
using AtolOnline.Protocol;

namespace AtolOnline.Batch.Tests;

/// <summary>
/// Memory stays bounded whatever the input size: the processor pulls the input only as documents finish, so the
/// number of items read but not yet yielded never exceeds in-flight plus the outcome buffer.
/// </summary>
public sealed class BoundedMemoryTests
{
    [Fact]
    public async Task Two_hundred_thousand_items_stream_through_with_a_bounded_window()
    {
        const int count = 200_000;
        var options = new BatchOptions { MaxAwaitingResult = 16, RequestsPerSecond = 0, Registers = 100_000, FirstPollDelay = TimeSpan.Zero };
        var processor = new BatchProcessor(new InstantClient(), options);
        long produced = 0, consumed = 0, widest = 0;

        async IAsyncEnumerable<BatchItem> Input([EnumeratorCancellation] CancellationToken ct = default)
        {
            var template = SampleDocuments.Sell(1, 1, marked: false, agents: false);
            for (int i = 0; i < count; i++)
            {
                ct.ThrowIfCancellationRequested();
                Interlocked.Increment(ref produced);
                yield return BatchItem.Create(AtolV5Operations.Sell, template with { ExternalId = "m-" + i });
                if (i % 1024 == 0)
                {
                    await Task.Yield();
                }
            }
        }

        long memoryAtStart = 0;
        await foreach (var outcome in processor.ProcessAsync(Input(BatchFixtures.Ct), BatchFixtures.Ct))
        {
            Assert.Equal(BatchOutcomeKind.Done, outcome.Kind);
            long window = Interlocked.Read(ref produced) - ++consumed;
            widest = Math.Max(widest, window);
            if (consumed == 20_000)
            {
                memoryAtStart = GC.GetTotalMemory(forceFullCollection: true);
            }
        }

        long memoryAtEnd = GC.GetTotalMemory(forceFullCollection: true);
        Assert.Equal(count, consumed);
        // awaiting + the outcome channel (as large as the awaiting bound) + items handed to workers but not yet counted
        Assert.InRange(widest, 1, (options.MaxAwaitingResult * 4) + 1);
        // 180,000 more items went through without the heap growing with them (a leak of even 100 B each would show)
        Assert.True(memoryAtEnd - memoryAtStart < 8 * 1024 * 1024, $"heap grew by {(memoryAtEnd - memoryAtStart) / 1024} KiB");
    }

    /// <summary>A client that accepts and fiscalizes at once (no HTTP): only the pipeline is measured.</summary>
    private sealed class InstantClient : IAtolRegistrationClient
    {
        public AtolProtocolVersion ProtocolVersion => AtolProtocolVersion.V5;

        public Task<AtolRegistration> RegisterAsync<TDocument>(AtolOperation<TDocument> operation, TDocument document, CancellationToken cancellationToken = default)
            where TDocument : class, IAtolJsonModel<TDocument>, IAtolDocument =>
            Task.FromResult(AtolModelFactory.Registration("u", document.ExternalId, operation.Name, timestamp: "28.11.2026 12:00:00"));

        public Task<AtolReport> GetReportAsync(string uuid, CancellationToken cancellationToken = default) =>
            Task.FromResult(AtolModelFactory.DoneReport(uuid, "", total: 0, fiscalDocumentNumber: 1, fiscalDocumentAttribute: 3449555941, timestamp: new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.FromHours(3))));

        public Task<AtolReport> WaitForReportAsync(string uuid, CancellationToken cancellationToken = default) => GetReportAsync(uuid, cancellationToken);
    }
}
