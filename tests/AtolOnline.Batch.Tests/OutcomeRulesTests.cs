using System.Collections.Concurrent;
using System.Net;
using System.Text;
using AtolOnline.Emulator;
using AtolOnline.Json;
using AtolOnline.Protocol;
using AtolOnline.Validation;
using Microsoft.Extensions.Logging;

namespace AtolOnline.Batch.Tests;

/// <summary>
/// What each answer of ATOL (or its absence) makes of a document, on a scripted registration client without HTTP: which
/// outcome, which action, which words, and what is never sent afterwards. Fast on purpose: these run for every mutant.
/// </summary>
public sealed class OutcomeRulesTests
{
    private const string Timestamp = "05.03.2026 14:02:11";

    public static TheoryData<string> RegistrationFailures() =>
        ["refused", "unavailable", "unreachable", "credentials", "rules"];

    [Theory]
    [MemberData(nameof(RegistrationFailures))]
    public async Task A_registration_that_fails_becomes_the_outcome_its_cause_calls_for(string failure)
    {
        var atol = new ScriptedRegistrations
        {
            Register = _ => failure switch
            {
                "refused" => throw new AtolApiException("refused by ATOL", AtolErrorAction.FixDocument, 400, new AtolError(AtolErrorType.System, 32, "bad", "e-32"), "sell"),
                "unavailable" => throw new AtolApiException("gave up after 4 attempts", AtolErrorAction.Retry, 503, null, "sell"),
                "unreachable" => throw new HttpRequestException("connection refused"),
                "credentials" => throw new AtolApiException("wrong password", AtolErrorAction.CheckCredentials, 401, new AtolError(AtolErrorType.System, 12, "bad login", "e-12"), "sell"),
                _ => throw new AtolValidationException(Invalid("rules-x").Validate()),
            },
        };

        var outcome = Assert.Single(await Run(atol, new BatchOptions(), BatchFixtures.Sells(1, "fail-" + failure)));

        Assert.Null(outcome.Uuid);
        Assert.False(outcome.WasDuplicate);
        (BatchOutcomeKind kind, AtolErrorAction action, string error) = failure switch
        {
            "refused" => (BatchOutcomeKind.Failed, AtolErrorAction.FixDocument, "refused by ATOL"),
            "unavailable" => (BatchOutcomeKind.Unresolved, AtolErrorAction.Retry, "gave up after 4 attempts"),
            "unreachable" => (BatchOutcomeKind.Unresolved, AtolErrorAction.Retry, "connection refused"),
            "credentials" => (BatchOutcomeKind.Unresolved, AtolErrorAction.CheckCredentials, "wrong password"),
            _ => (BatchOutcomeKind.Invalid, AtolErrorAction.FixDocument, "Документ не прошёл проверку"),
        };
        Assert.Equal(kind, outcome.Kind);
        Assert.Equal(action, outcome.Action);
        if (failure == "rules")
        {
            Assert.StartsWith(error, outcome.Error ?? "", StringComparison.Ordinal); // then the violations, as the exception words them
        }
        else
        {
            Assert.Equal(error, outcome.Error); // the exception's own words, whole
        }
        Assert.Equal(failure == "rules", outcome.Violations is { Count: > 0 });
        Assert.Empty(atol.Reported);
    }

    [Fact]
    public async Task After_ATOL_refuses_the_credentials_no_later_document_is_sent()
    {
        var atol = new ScriptedRegistrations
        {
            Register = _ => throw new AtolApiException("wrong password", AtolErrorAction.CheckCredentials, 401, new AtolError(AtolErrorType.System, 12, null, null), "sell"),
        };

        var outcomes = await Run(atol, new BatchOptions { MaxAwaitingResult = 1, MaxConcurrentRequests = 1 }, BatchFixtures.Sells(3, "creds"));

        Assert.Single(atol.Registered);
        Assert.All(outcomes, o => Assert.Equal((BatchOutcomeKind.Unresolved, AtolErrorAction.CheckCredentials), (o.Kind, o.Action!.Value)));
        Assert.Equal(2, outcomes.Count(o => o.Error == "not sent: ATOL refused the credentials earlier in this run"));
    }

    [Fact]
    public async Task A_report_ATOL_no_longer_has_leaves_a_registered_document_unresolved_and_never_resent()
    {
        var atol = new ScriptedRegistrations { Report = _ => throw new AtolApiException("not found", AtolErrorAction.Unknown, 400, new AtolError(AtolErrorType.System, 30, "нет", null), "report") };

        var outcome = Assert.Single(await Run(atol, new BatchOptions(), BatchFixtures.Sells(1, "gone")));

        Assert.Equal(BatchOutcomeKind.Unresolved, outcome.Kind);
        Assert.True(outcome.IsReportGone);
        Assert.Equal("u-gone-0", outcome.Uuid);
        Assert.Equal(AtolErrorAction.Unknown, outcome.Action);
        Assert.Equal(
            "registered as u-gone-0, but ATOL no longer has its report (code 30: past its retention period); look its result up in ATOL's personal account or with the OFD; never send it again and do not change it",
            outcome.Error);
        Assert.Single(atol.Registered);
    }

    [Theory]
    [InlineData(31, AtolErrorType.System)]
    [InlineData(30, AtolErrorType.Agent)]
    public async Task Other_report_errors_leave_the_document_unresolved_with_their_action(int code, AtolErrorType type)
    {
        var atol = new ScriptedRegistrations { Report = _ => throw new AtolApiException("report refused", AtolErrorAction.Retry, 400, new AtolError(type, code, null, null), "report") };

        var outcome = Assert.Single(await Run(atol, new BatchOptions(), BatchFixtures.Sells(1, "report-err")));

        Assert.Equal(BatchOutcomeKind.Unresolved, outcome.Kind);
        Assert.False(outcome.IsReportGone);
        Assert.Equal("u-report-err-0", outcome.Uuid);
        Assert.Equal(AtolErrorAction.Retry, outcome.Action);
        Assert.Equal("report refused", outcome.Error);
    }

    [Fact]
    public async Task A_document_whose_report_never_ends_is_unresolved_when_its_deadline_passes()
    {
        var atol = new ScriptedRegistrations { Report = uuid => Report(uuid, "wait") };

        var outcome = Assert.Single(await Run(atol, new BatchOptions { DocumentDeadline = TimeSpan.FromMilliseconds(150) }, BatchFixtures.Sells(1, "slow")));

        Assert.Equal(BatchOutcomeKind.Unresolved, outcome.Kind);
        Assert.Equal(AtolErrorAction.Retry, outcome.Action);
        Assert.Equal("the document deadline passed", outcome.Error);
        Assert.Equal("u-slow-0", outcome.Uuid);
        Assert.NotEmpty(atol.Reported);
    }

    [Fact]
    public async Task A_failed_report_is_a_failed_outcome_with_the_errors_action_and_words_and_a_duplicate_is_marked()
    {
        var atol = new ScriptedRegistrations
        {
            Register = id => new AtolRegistration("u-" + id, AtolDocumentStatus.Wait, Timestamp, id, "sell", IsDuplicate: true, Attempts: 1),
            Report = uuid => Report(uuid, "fail"),
        };

        var outcome = Assert.Single(await Run(atol, new BatchOptions(), BatchFixtures.Sells(1, "failed")));

        Assert.Equal(BatchOutcomeKind.Failed, outcome.Kind);
        Assert.True(outcome.WasDuplicate);
        Assert.Equal("Agent/2003: ИНН не соответствует", outcome.Error);
        Assert.Equal(outcome.Report!.Error!.Action, outcome.Action);
        Assert.Null(outcome.FiscalData);
    }

    [Fact]
    public async Task A_done_report_gives_its_fiscal_data()
    {
        var atol = new ScriptedRegistrations();

        var outcome = Assert.Single(await Run(atol, new BatchOptions(), BatchFixtures.Sells(1, "fiscal")));

        Assert.Equal(BatchOutcomeKind.Done, outcome.Kind);
        Assert.False(outcome.WasDuplicate);
        Assert.Null(outcome.Error);
        Assert.Null(outcome.Action);
        Assert.Equal(new BatchFiscalData("9999078902004339", 7, 3449555941, 1500.50m), outcome.FiscalData);
    }

    [Fact]
    public async Task Options_out_of_range_and_missing_arguments_are_refused_by_name()
    {
        var client = new ScriptedRegistrations();
        Assert.Equal("client", Assert.Throws<ArgumentNullException>(() => new BatchProcessor(null!)).ParamName);
        Assert.Equal("options.MaxConcurrentRequests", Assert.Throws<ArgumentOutOfRangeException>(() => new BatchProcessor(client, new BatchOptions { MaxConcurrentRequests = 0 })).ParamName);
        Assert.Equal("options.MaxAwaitingResult", Assert.Throws<ArgumentOutOfRangeException>(() => new BatchProcessor(client, new BatchOptions { MaxAwaitingResult = 0 })).ParamName);
        Assert.Equal("options.Registers", Assert.Throws<ArgumentOutOfRangeException>(() => new BatchProcessor(client, new BatchOptions { Registers = 0 })).ParamName);
        Assert.ThrowsAny<ArgumentException>(() => new BatchProcessor(client, new BatchOptions { CallbackBaseUrl = "ftp://shop.test/cb" }));
        _ = new BatchProcessor(client, new BatchOptions { MaxConcurrentRequests = 1, MaxAwaitingResult = 1, Registers = 1 });
        _ = new BatchProcessor(client);
        await Assert.ThrowsAsync<ArgumentNullException>(async () =>
        {
            await foreach (var _ in new BatchProcessor(client).ProcessAsync((IAsyncEnumerable<BatchItem>)null!, BatchFixtures.Ct))
            {
            }
        });
    }

    [Fact]
    public async Task Callbacks_without_a_valid_proof_are_rejected_logged_without_the_token_and_never_applied()
    {
        var log = new ListLogger();
        var proof = AtolCallbackProof.CreateRandom();
        var atol = new ScriptedRegistrations { Report = uuid => Report(uuid, "wait") };
        var processor = new BatchProcessor(atol, Options(new BatchOptions
        {
            ResultMode = BatchResultMode.Callback, CallbackBaseUrl = "https://shop.test/cb", CallbackProof = proof, Logger = log,
            CallbackGrace = TimeSpan.FromMinutes(5), DocumentDeadline = TimeSpan.FromMilliseconds(300),
        }));
        string done = Report("u-cb-0", "done", "cb-0").V5Json;
        string token = proof.ComputeToken("cb-0");

        Assert.Equal(BatchCallbackResult.Rejected, processor.OnCallback(AtolCallbackProof.CreateRandom().ComputeToken("cb-0"), Encoding.UTF8.GetBytes(done)));
        Assert.Equal(BatchCallbackResult.Rejected, processor.OnCallback(token, "<html/>"u8));
        Assert.Equal(BatchCallbackResult.Rejected, processor.OnCallback(token, Encoding.UTF8.GetBytes(done.Replace("\"external_id\":\"cb-0\"", "\"external_id\":\"\"", StringComparison.Ordinal))));
        Assert.Equal(3, processor.RejectedCallbacks);
        Assert.Equal(
            ["Callback ignored, never applied: uuid u-cb-0, external_id cb-0: its proof does not verify",
             "Callback ignored, never applied: uuid (none), external_id (none): the body is not a report",
             "Callback ignored, never applied: uuid u-cb-0, external_id : its proof does not verify"],
            log.Lines);
        Assert.All(log.Lines, l => Assert.DoesNotContain(token, l, StringComparison.Ordinal));

        // A report that is not final is no callback ATOL sends: ignored, not rejected.
        Assert.Equal(BatchCallbackResult.Ignored, processor.OnCallback(token, Encoding.UTF8.GetBytes(Report("u-cb-0", "wait", "cb-0").V5Json)));

        // Nothing was applied: the document, never reported done, ends unresolved at its deadline.
        var outcome = Assert.Single(await Collect(processor.ProcessAsync(BatchFixtures.Sells(1, "cb"), BatchFixtures.Ct)));
        Assert.Equal(BatchOutcomeKind.Unresolved, outcome.Kind);

        var plain = new BatchProcessor(atol, Options(new BatchOptions { Logger = log }));
        Assert.Equal(BatchCallbackResult.Rejected, plain.OnCallback(token, Encoding.UTF8.GetBytes(done)));
        Assert.EndsWith(": this batch made no callback URLs", log.Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_verified_callback_that_comes_before_the_registration_answer_is_kept_and_completes_the_document_without_a_report_request()
    {
        var proof = AtolCallbackProof.CreateRandom();
        BatchProcessor? processor = null;
        var results = new ConcurrentQueue<BatchCallbackResult>();
        var atol = new ScriptedRegistrations
        {
            Register = id =>
            {
                // ATOL called back before its registration answer reached the batch.
                results.Enqueue(processor!.OnCallback(proof.ComputeToken(id), Encoding.UTF8.GetBytes(Report("u-" + id, "done", id).V5Json)));
                return new AtolRegistration("u-" + id, AtolDocumentStatus.Wait, Timestamp, id, "sell", false, 1);
            },
            Report = _ => throw new InvalidOperationException("no report request is needed"),
        };
        processor = new BatchProcessor(atol, Options(new BatchOptions
        {
            ResultMode = BatchResultMode.Callback, CallbackBaseUrl = "https://shop.test/cb", CallbackProof = proof, CallbackGrace = TimeSpan.FromMinutes(5),
        }));

        var outcomes = await Collect(processor.ProcessAsync(BatchFixtures.Sells(3, "early"), BatchFixtures.Ct));

        Assert.All(results, r => Assert.Equal(BatchCallbackResult.Kept, r));
        Assert.All(outcomes, o => Assert.Equal(BatchOutcomeKind.Done, o.Kind));
        Assert.Equal(0, processor.ReportRequests);
        Assert.Empty(atol.Reported);
    }

    [Fact]
    public async Task An_unverified_callback_only_hastens_the_report_request_and_proves_nothing()
    {
        BatchProcessor? processor = null;
        var answers = new ConcurrentQueue<bool>();
        var atol = new ScriptedRegistrations
        {
            Register = id =>
            {
                answers.Enqueue(processor!.OnCallback(Encoding.UTF8.GetBytes(Report("u-" + id, "done", id).V5Json)));
                return new AtolRegistration("u-" + id, AtolDocumentStatus.Wait, Timestamp, id, "sell", false, 1);
            },
        };
        processor = new BatchProcessor(atol, Options(new BatchOptions { ResultMode = BatchResultMode.Callback, CallbackGrace = TimeSpan.FromMinutes(5), FirstPollDelay = TimeSpan.FromMinutes(5) }));

        Assert.False(processor.OnCallback("not a report"u8));
        var outcomes = await Collect(processor.ProcessAsync(BatchFixtures.Sells(2, "hasten"), BatchFixtures.Ct));

        Assert.All(answers, a => Assert.False(a)); // kept for later: no document waited for it yet
        Assert.All(outcomes, o => Assert.Equal(BatchOutcomeKind.Done, o.Kind));
        Assert.Equal(2, processor.ReportRequests); // polled at once despite 5 minutes of grace: ATOL's report decided
        Assert.Equal(["u-hasten-0", "u-hasten-1"], atol.Reported.Order(StringComparer.Ordinal));
    }

    private static BatchItem Invalid(string externalId)
    {
        var document = SampleDocuments.Sell(3, 2, marked: false, agents: false) with { ExternalId = externalId };
        return BatchItem.Create(AtolV5Operations.Sell, document with { Receipt = document.Receipt with { Total = document.Receipt.Total + 1 } });
    }

    private static BatchOptions Options(BatchOptions options)
    {
        options.RequestsPerSecond = 0;
        options.Registers = BatchFixtures.FastRegisters;
        if (options.FirstPollDelay == new BatchOptions().FirstPollDelay)
        {
            options.FirstPollDelay = BatchFixtures.FastFirstPoll;
        }

        return options;
    }

    private static Task<List<BatchOutcome>> Run(ScriptedRegistrations atol, BatchOptions options, IEnumerable<BatchItem> items) =>
        Collect(new BatchProcessor(atol, Options(options)).ProcessAsync(items, BatchFixtures.Ct));

    private static async Task<List<BatchOutcome>> Collect(IAsyncEnumerable<BatchOutcome> outcomes)
    {
        var all = new List<BatchOutcome>();
        await foreach (var outcome in outcomes)
        {
            all.Add(outcome);
        }

        return all;
    }

    private static (AtolReport Report, string V5Json) Report(string uuid, string status, string? externalId = null)
    {
        string id = externalId ?? uuid["u-".Length..];
        string payload = status == "done"
            ? """{"fiscal_receipt_number":12,"shift_number":34,"receipt_datetime":"05.03.2026 14:02:00","total":1500.50,"fn_number":"9999078902004339","ecr_registration_number":"0000000003027865","fiscal_document_number":7,"fiscal_document_attribute":3449555941,"fns_site":"www.nalog.ru","ofd_inn":"7709364346","ofd_receipt_url":""}"""
            : "null";
        string error = status == "fail" ? """{"error_id":"7a1c","code":2003,"text":"ИНН не соответствует","type":"agent"}""" : "null";
        string json = $$"""{"uuid":"{{uuid}}","timestamp":"{{Timestamp}}","status":"{{status}}","group_code":"{{BatchFixtures.Group}}","external_id":"{{id}}","error":{{error}},"warnings":null,"callback_url":"","daemon_code":"d","device_code":"KKT000120","payload":{{payload}}}""";
        return (AtolReport.Parse(AtolProtocolVersion.V5, Encoding.UTF8.GetBytes(json)), json);
    }

    /// <summary>A registration client whose answers the test scripts: by default registered as u-{external_id}, then done.</summary>
    private sealed class ScriptedRegistrations : IAtolRegistrationClient
    {
        public Func<string, AtolRegistration> Register { get; init; } = id => new AtolRegistration("u-" + id, AtolDocumentStatus.Wait, Timestamp, id, "sell", false, 1);

        public Func<string, (AtolReport Report, string V5Json)> Report { get; init; } = uuid => OutcomeRulesTests.Report(uuid, "done");

        public ConcurrentQueue<string> Registered { get; } = new();

        public ConcurrentQueue<string> Reported { get; } = new();

        public AtolProtocolVersion ProtocolVersion => AtolProtocolVersion.V5;

        public Task<AtolRegistration> RegisterAsync<TDocument>(AtolOperation<TDocument> operation, TDocument document, CancellationToken cancellationToken = default)
            where TDocument : class, IAtolJsonModel<TDocument>, IAtolDocument
        {
            Registered.Enqueue(document.ExternalId);
            try
            {
                return Task.FromResult(Register(document.ExternalId));
            }
            catch (Exception ex)
            {
                return Task.FromException<AtolRegistration>(ex);
            }
        }

        public Task<AtolReport> GetReportAsync(string uuid, CancellationToken cancellationToken = default)
        {
            Reported.Enqueue(uuid);
            try
            {
                return Task.FromResult(Report(uuid).Report);
            }
            catch (Exception ex)
            {
                return Task.FromException<AtolReport>(ex);
            }
        }

        public Task<AtolReport> WaitForReportAsync(string uuid, CancellationToken cancellationToken = default) => GetReportAsync(uuid, cancellationToken);
    }

    /// <summary>Keeps every formatted log line.</summary>
    private sealed class ListLogger : ILogger
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _lines.Enqueue(formatter(state, exception));
    }
}
