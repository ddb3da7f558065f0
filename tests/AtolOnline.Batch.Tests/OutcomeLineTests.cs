using System.Buffers;
using System.Text;
using AtolOnline.Protocol;
using AtolOnline.Validation;

namespace AtolOnline.Batch.Tests;

/// <summary>
/// The outcome file of <c>atol batch</c> is read by programs: one JSON line per outcome, members present only when they
/// say something, in a fixed order, the fiscal data taken from the outcome or else from its final report.
/// </summary>
public sealed class OutcomeLineTests
{
    [Fact]
    public void A_done_outcome_from_the_journal_has_its_flags_and_fiscal_data()
    {
        var outcome = new BatchOutcome
        {
            ExternalId = "d-1", Operation = "sell", Kind = BatchOutcomeKind.Done, Uuid = "u-1", LineNumber = 12,
            FromJournal = true, IsRepeat = true, WasDuplicate = true,
            FiscalData = new BatchFiscalData("9999078902004339", 7, 3449555941, 1500.50m),
        };

        Assert.Equal(
            """{"line":12,"external_id":"d-1","operation":"sell","outcome":"done","uuid":"u-1","from_journal":true,"repeat":true,"duplicate":true,"fn_number":"9999078902004339","fiscal_document_number":7,"fiscal_document_attribute":3449555941,"total":1500.50}""" + "\n",
            Line(outcome));
        Assert.True(outcome.IsFinal);
    }

    [Fact]
    public void Without_fiscal_data_of_its_own_an_outcome_takes_that_of_its_report()
    {
        var report = AtolReport.Parse(AtolProtocolVersion.V4, Encoding.UTF8.GetBytes(
            """{"uuid":"u-4","timestamp":"05.03.2026 14:02:11","status":"done","group_code":"g","external_id":"d-4","error":null,"warnings":null,"callback_url":"","daemon_code":"d","device_code":"k","payload":{"fiscal_receipt_number":3,"shift_number":23,"receipt_datetime":"05.03.2026 14:02:00","total":500.00,"fn_number":"9999078900001341","ecr_registration_number":"0000000002001342","fiscal_document_number":116,"fiscal_document_attribute":2474475468,"fns_site":"www.nalog.ru","ofd_inn":"7704211201","ofd_receipt_url":""}}"""));
        var outcome = new BatchOutcome { ExternalId = "d-4", Operation = "sell", Kind = BatchOutcomeKind.Done, Uuid = "u-4", Report = report };

        Assert.Equal(
            """{"external_id":"d-4","operation":"sell","outcome":"done","uuid":"u-4","fn_number":"9999078900001341","fiscal_document_number":116,"fiscal_document_attribute":2474475468,"total":500.00}""" + "\n",
            Line(outcome));
    }

    [Fact]
    public void A_failed_outcome_says_what_to_do_and_why()
    {
        var outcome = new BatchOutcome
        {
            ExternalId = "f-1", Operation = "buy", Kind = BatchOutcomeKind.Failed, Uuid = "u-f", Action = AtolErrorAction.FixDocument,
            Error = "agent/2003: ИНН не соответствует \"компании\"",
        };

        Assert.Equal(
            """{"external_id":"f-1","operation":"buy","outcome":"failed","uuid":"u-f","action":"FixDocument","error":"agent/2003: ИНН не соответствует \"компании\""}""" + "\n",
            Line(outcome));
        Assert.True(outcome.IsFinal);
    }

    [Fact]
    public void An_invalid_outcome_lists_every_violation_with_its_severity()
    {
        var outcome = new BatchOutcome
        {
            ExternalId = "i-1", Operation = "sell", Kind = BatchOutcomeKind.Invalid, LineNumber = 3,
            Violations =
            [
                new ValidationError("receipt.total", "total.mismatch", 1020, ValidationSeverity.Error, "total differs"),
                new ValidationError("receipt.client.email", "contact.format", 1008, ValidationSeverity.Warning, "looks odd"),
            ],
        };

        Assert.Equal(
            """{"line":3,"external_id":"i-1","operation":"sell","outcome":"invalid","violations":[{"path":"receipt.total","code":"total.mismatch","severity":"error","message":"total differs"},{"path":"receipt.client.email","code":"contact.format","severity":"warning","message":"looks odd"}]}""" + "\n",
            Line(outcome));
        Assert.False(outcome.IsFinal);
    }

    [Fact]
    public void An_unresolved_outcome_and_one_with_no_violations_write_only_what_they_have()
    {
        var outcome = new BatchOutcome { ExternalId = "x-1", Operation = "sell", Kind = BatchOutcomeKind.Unresolved, Uuid = "u-x", Violations = [] };
        Assert.Equal("""{"external_id":"x-1","operation":"sell","outcome":"unresolved","uuid":"u-x"}""" + "\n", Line(outcome));
        Assert.False(outcome.IsFinal);
        Assert.Throws<ArgumentNullException>(() => BatchJsonLines.Write(null!, new ArrayBufferWriter<byte>()));
    }

    [Fact]
    public void Fiscal_data_is_only_made_from_a_report_that_has_some()
    {
        Assert.Null(BatchFiscalData.From(null));
        var waiting = AtolReport.Parse(AtolProtocolVersion.V5, """{"uuid":"u-w","status":"wait","error":null,"timestamp":"05.03.2026 14:02:11","payload":null}"""u8);
        Assert.Null(BatchFiscalData.From(waiting));
    }

    [Theory]
    [InlineData("""{"fn_number":"9999078902004339"}""", "9999078902004339", null, null, null)]
    [InlineData("""{"fiscal_document_number":7}""", null, 7L, null, null)]
    [InlineData("""{"fiscal_document_attribute":3449555941}""", null, null, 3449555941L, null)]
    [InlineData("""{"total":1500.5}""", null, null, null, 1500.5)]
    public void Any_one_fiscal_field_of_a_report_makes_fiscal_data(string payload, string? fn, long? fd, long? fp, double? total)
    {
        var report = AtolReport.Parse(AtolProtocolVersion.V5, Encoding.UTF8.GetBytes(
            $$"""{"uuid":"u-1","status":"done","error":null,"timestamp":"05.03.2026 14:02:11","payload":{{payload}}}"""));

        Assert.Equal(new BatchFiscalData(fn, fd, fp, (decimal?)total), BatchFiscalData.From(report));
    }

    [Fact]
    public void An_outcome_s_own_fiscal_data_wins_over_its_report_s()
    {
        var report = AtolReport.Parse(AtolProtocolVersion.V5, """{"uuid":"u-2","status":"done","error":null,"timestamp":"05.03.2026 14:02:11","payload":{"fn_number":"1","fiscal_document_number":1,"fiscal_document_attribute":1,"total":1}}"""u8);
        var outcome = new BatchOutcome
        {
            ExternalId = "d-2", Operation = "sell", Kind = BatchOutcomeKind.Done, Uuid = "u-2", Report = report,
            FiscalData = new BatchFiscalData("9999078902004339", 7, 3449555941, 1500.50m),
        };

        Assert.Equal(
            """{"external_id":"d-2","operation":"sell","outcome":"done","uuid":"u-2","fn_number":"9999078902004339","fiscal_document_number":7,"fiscal_document_attribute":3449555941,"total":1500.50}""" + "\n",
            Line(outcome));
    }

    [Fact]
    public void A_journal_problem_and_a_locked_journal_say_where_and_what_in_words()
    {
        Assert.Equal("line 12 (byte 4096): the checksum does not match: {\"time\":", new JournalProblem(12, 4096, "the checksum does not match", "{\"time\":").ToString());
        var locked = new JournalLockedException("/data/run.journal", 4242);
        Assert.Equal("journal /data/run.journal is in use by another run (process 4242): one writer per journal; wait for it to end or use another journal", locked.Message);
        Assert.Equal(("/data/run.journal", (int?)4242), (locked.Path, locked.HolderProcessId));
        Assert.Equal("journal /data/run.journal is in use by another run: one writer per journal; wait for it to end or use another journal", new JournalLockedException("/data/run.journal", null).Message);
    }

    private static string Line(BatchOutcome outcome)
    {
        var buffer = new ArrayBufferWriter<byte>();
        BatchJsonLines.Write(outcome, buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
