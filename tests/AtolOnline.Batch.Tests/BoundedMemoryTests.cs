using System.Runtime.CompilerServices;
using System.Text;
using AtolOnline.Emulator;
using AtolOnline.Monitoring;

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
        var options = new BatchOptions { MaxInFlight = 16, RequestsPerSecond = 0 };
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
        // in flight + the outcome channel (2 × in flight) + items handed to workers but not yet counted
        Assert.InRange(widest, 1, (options.MaxInFlight * 4) + 1);
        // 180,000 more items went through without the heap growing with them (a leak of even 100 B each would show)
        Assert.True(memoryAtEnd - memoryAtStart < 8 * 1024 * 1024, $"heap grew by {(memoryAtEnd - memoryAtStart) / 1024} KiB");
    }

    /// <summary>A client that accepts and fiscalizes at once (no HTTP): only the pipeline is measured.</summary>
    private sealed class InstantClient : IAtolClient
    {
        private static readonly byte[] DoneReport = Encoding.UTF8.GetBytes(
            """{"uuid":"u","status":"done","timestamp":"28.11.2026 12:00:00","error":null,"payload":{"fiscal_document_number":1,"fiscal_document_attribute":3449555941}}""");

        private readonly AtolClient _parser = new(new HttpClient(), AtolClientOptions.ForTestEnvironment(AtolProtocolVersion.V5, new Uri("http://127.0.0.1:9/")));

        public AtolProtocolVersion ProtocolVersion => AtolProtocolVersion.V5;

        public Task<AtolRegistration> RegisterAsync<TDocument>(AtolOperation<TDocument> operation, TDocument document, CancellationToken cancellationToken = default)
            where TDocument : class, IAtolJsonModel<TDocument> =>
            Task.FromResult(new AtolRegistration("u", AtolDocumentStatus.Wait, "28.11.2026 12:00:00", ((IAtolDocument)document).ExternalId, operation.Name, false, 1));

        public Task<AtolReport> GetReportAsync(string uuid, CancellationToken cancellationToken = default) => Task.FromResult(_parser.ParseCallback(DoneReport));

        public Task<AtolReport> WaitForReportAsync(string uuid, CancellationToken cancellationToken = default) => GetReportAsync(uuid, cancellationToken);

        public AtolReport ParseCallback(ReadOnlySpan<byte> body) => _parser.ParseCallback(body);

        public Task<AtolCallbackVerification> VerifyCallbackAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<CashRegister>> ListCashRegistersAsync(int? limit = null, int? offset = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<CashRegister> EnumerateCashRegistersAsync(int pageSize = 100, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<CashRegister?> GetCashRegisterAsync(string serialNumber, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
