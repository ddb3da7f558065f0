using System.Text;
using AtolOnline.Batch;
using AtolOnline.Emulator;
using AtolOnline.Json;
using AtolOnline.Protocol;

namespace AtolOnline.Client.Tests;

/// <summary>
/// A user can build every result the client returns and fake one concern of the client: the factory's results read as
/// the client's own, and a fake of <see cref="IAtolRegistrationClient"/> alone drives the batch pipeline.
/// </summary>
public sealed class ModelFactoryTests
{
    [Fact]
    public void A_done_report_reads_like_one_parsed_from_the_same_json()
    {
        var built = AtolModelFactory.DoneReport("u-1", "ext-1", total: 500m, fiscalDocumentNumber: 42, fiscalDocumentAttribute: 3449555941, fnNumber: "9999078900004312", timestamp: new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.FromHours(3)));
        var parsed = AtolReport.Parse(AtolProtocolVersion.V5, Encoding.UTF8.GetBytes(
            """{"uuid":"u-1","external_id":"ext-1","status":"done","timestamp":"28.11.2026 12:00:00","payload":{"total":500,"fiscal_document_number":42,"fiscal_document_attribute":3449555941,"fn_number":"9999078900004312"}}"""));
        foreach (var report in new[] { built, parsed })
        {
            Assert.Equal(AtolProtocolVersion.V5, report.ProtocolVersion);
            Assert.Equal("u-1", report.Uuid);
            Assert.Equal("ext-1", report.ExternalId);
            Assert.Equal(AtolDocumentStatus.Done, report.Status);
            Assert.True(report.IsFinal);
            Assert.Null(report.Error);
            Assert.Equal(42, report.FiscalDocumentNumber);
            Assert.Equal(3449555941, report.FiscalDocumentAttribute);
            Assert.Equal("9999078900004312", report.FnNumber);
            Assert.Equal(500m, report.Total);
        }

        Assert.Equal(parsed.V5, built.V5);
    }

    [Fact]
    public void A_failed_report_carries_its_error_with_the_action_of_atol_tables_and_a_waiting_one_is_not_final()
    {
        var error = AtolModelFactory.Error(AtolErrorType.Driver, 16, "Неверная цена (сумма)", "e-1");
        var failed = AtolModelFactory.FailedReport("u-2", "ext-2", error);
        Assert.Equal(AtolDocumentStatus.Fail, failed.Status);
        Assert.True(failed.IsFinal);
        Assert.Equal(error, failed.Error);
        Assert.Equal(error.Action, failed.Error!.Action);

        var waiting = AtolModelFactory.WaitingReport("u-3", "ext-3");
        Assert.Equal(AtolDocumentStatus.Wait, waiting.Status);
        Assert.False(waiting.IsFinal);

        Assert.Throws<ArgumentOutOfRangeException>(() => AtolModelFactory.FailedReport("u", "e", AtolModelFactory.Error(AtolErrorType.None, 1)));
        Assert.Throws<ArgumentNullException>(() => new AtolReport((V5.ReportResponse)null!));
        Assert.Throws<ArgumentNullException>(() => new AtolReport((V4.ReportResponse)null!));
    }

    [Fact]
    public void A_v4_report_built_by_hand_maps_status_and_error_like_the_client()
    {
        var report = new AtolReport(new V4.ReportResponse
        {
            Uuid = "u-4",
            Status = V4.DocumentStatus.Fail,
            Timestamp = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.FromHours(3)),
            Error = new V4.ServiceError { Code = 2009, Type = V4.ErrorType.Agent, Text = "ИНН" },
        });
        Assert.Equal(AtolProtocolVersion.V4, report.ProtocolVersion);
        Assert.Equal(AtolDocumentStatus.Fail, report.Status);
        Assert.Equal(AtolErrorType.Agent, report.Error!.Type);
        Assert.Equal(2009, report.Error.Code);
        Assert.Null(report.V5);
    }

    [Fact]
    public void The_api_exception_and_the_registration_and_verification_are_the_ones_the_client_gives()
    {
        var duplicate = AtolModelFactory.ApiException(AtolModelFactory.Error(AtolErrorType.System, 32, "Ошибка валидации"), 400, "sell");
        Assert.Equal(400, duplicate.HttpStatus);
        Assert.Equal(32, duplicate.Code);
        Assert.Equal(AtolErrorType.System, duplicate.Type);
        Assert.Equal("sell", duplicate.Operation);
        Assert.Equal(AtolErrors.ActionFor(AtolErrorType.System, 32), duplicate.Action);
        Assert.Contains("HTTP 400", duplicate.Message, StringComparison.Ordinal);

        var registration = AtolModelFactory.Registration("u-5", "ext-5", "sell");
        Assert.Equal(new AtolRegistration("u-5", AtolDocumentStatus.Wait, "01.01.2026 00:00:00", "ext-5", "sell", false, 1), registration);

        var claimed = AtolModelFactory.DoneReport("u-6", "ext-6", 1m);
        var consistent = AtolModelFactory.CallbackVerification(claimed, claimed);
        Assert.True(consistent.IsConsistent);
        Assert.Empty(consistent.Differences);
        var differing = AtolModelFactory.CallbackVerification(claimed, AtolModelFactory.DoneReport("u-6", "ext-6", 2m), ["payload.total"]);
        Assert.False(differing.IsConsistent);
        Assert.Equal(["payload.total"], differing.Differences);
    }

    [Fact]
    public async Task A_fake_of_the_registration_concern_alone_drives_the_batch_pipeline()
    {
        var fake = new InstantClient();
        var processor = new BatchProcessor(fake, new BatchOptions { MaxAwaitingResult = 2, RequestsPerSecond = 0, Registers = 5, FirstPollDelay = TimeSpan.Zero });
        var items = Enumerable.Range(1, 5)
            .Select(i => BatchItem.Create(AtolV5Operations.Sell, SampleDocuments.Sell(i, 1, marked: false, agents: false) with { ExternalId = "fake-" + i }));
        var outcomes = new List<BatchOutcome>();
        await foreach (var outcome in processor.ProcessAsync(items, Fixtures.Ct))
        {
            outcomes.Add(outcome);
        }

        Assert.Equal(5, outcomes.Count);
        Assert.All(outcomes, o => Assert.Equal(BatchOutcomeKind.Done, o.Kind));
        Assert.Equal(5, fake.Registered);
    }

    private sealed class InstantClient : IAtolRegistrationClient
    {
        private int _registered;

        public int Registered => Volatile.Read(ref _registered);

        public AtolProtocolVersion ProtocolVersion => AtolProtocolVersion.V5;

        public Task<AtolRegistration> RegisterAsync<TDocument>(AtolOperation<TDocument> operation, TDocument document, CancellationToken cancellationToken = default)
            where TDocument : class, IAtolJsonModel<TDocument>, IAtolDocument
        {
            Interlocked.Increment(ref _registered);
            return Task.FromResult(AtolModelFactory.Registration("uuid-" + document.ExternalId, document.ExternalId, operation.Name));
        }

        public Task<AtolReport> GetReportAsync(string uuid, CancellationToken cancellationToken = default) =>
            Task.FromResult(AtolModelFactory.DoneReport(uuid, uuid["uuid-".Length..], total: 1m));

        public Task<AtolReport> WaitForReportAsync(string uuid, CancellationToken cancellationToken = default) => GetReportAsync(uuid, cancellationToken);
    }
}
