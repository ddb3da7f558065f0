using System.Text;
using AtolOnline.Emulator;
using AtolOnline.Validation;
using AtolOnline.Json;

namespace AtolOnline.Core.Tests;

/// <summary>
/// ATOL's dates as CLR types on the real schemas: request timestamps (<see cref="DateTime"/>), correction and sectoral
/// dates (<see cref="DateOnly"/>), report and monitoring dates (<see cref="DateTimeOffset"/>), in both profiles.
/// </summary>
public sealed class TypedTimeTests
{
    private static readonly TimeSpan Moscow = TimeSpan.FromHours(3);

    private static byte[] Swap(string json, string text, string replacement)
    {
        Assert.Contains(text, json, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(json.Replace(text, replacement, StringComparison.Ordinal));
    }

    private static string Found(ValidationResult result) => string.Join("\n", result.Violations.Select(v => v.Path + " " + v.Code + " " + v.Severity));

    [Fact]
    public void Every_sample_document_round_trips_with_its_typed_dates()
    {
        var v5Sell = SampleDocuments.Sell(7, 6);
        var v5Correction = SampleDocuments.SellCorrection(7, 3);
        var v4Sell = SampleDocuments.V4Sell(7, 3);
        var v4Correction = SampleDocuments.V4SellCorrection(7);
        Assert.Equal(v5Sell, AtolJson.Parse<V5.ReceiptRequest>(AtolJson.ToUtf8Bytes(v5Sell)));
        Assert.Equal(v5Correction, AtolJson.Parse<V5.CorrectionRequest>(AtolJson.ToUtf8Bytes(v5Correction)));
        Assert.Equal(v4Sell, AtolJson.Parse<V4.ReceiptRequest>(AtolJson.ToUtf8Bytes(v4Sell)));
        Assert.Equal(v4Correction, AtolJson.Parse<V4.CorrectionRequest>(AtolJson.ToUtf8Bytes(v4Correction)));
        Assert.Contains("\"timestamp\":\"28.11.2026 12:05:00\"", AtolJson.ToJsonString(v5Correction), StringComparison.Ordinal);
        Assert.Contains("\"base_date\":\"27.11.2026\"", AtolJson.ToJsonString(v5Correction), StringComparison.Ordinal);
        Assert.Contains("\"base_date\":\"27.11.2026\"", AtolJson.ToJsonString(v4Correction), StringComparison.Ordinal);
        Assert.True(v5Sell.Validate().IsValid && v5Correction.Validate().IsValid && v4Sell.Validate().IsValid && v4Correction.Validate().IsValid);
    }

    [Fact]
    public void A_v5_timestamp_with_a_tab_is_ATOLs_but_not_ours_and_reads_as_the_same_time()
    {
        byte[] json = Swap(AtolJson.ToJsonString(SampleDocuments.Sell(3, 2)), "\"28.11.2026 12:00:00\"", "\"28.11.2026\\t12:00:00\"");
        Assert.Equal("timestamp Pattern Error", Found(AtolJson.Validate<V5.ReceiptRequest>(json, out _)));
        Assert.True(AtolJson.Validate<V5.ReceiptRequest>(json, out var service, ValidationProfile.Service, "sell").IsValid);
        Assert.Equal(new DateTime(2026, 11, 28, 12, 0, 0), service!.Timestamp);
        Assert.Equal(DateTimeKind.Unspecified, service.Timestamp.Kind);
    }

    [Theory]
    [InlineData("\"31.02.2026 12:00:00\"", "timestamp CalendarDateValid Error", "timestamp CalendarDateValid Error")]
    [InlineData("\"2026-11-28T12:00:00\"", "timestamp Pattern Error", "timestamp Pattern Error")]
    [InlineData("\"28.11.2026 24:00:00\"", "timestamp Pattern Error", "timestamp Pattern Error")]
    [InlineData("1764320400", "timestamp Type Error", "timestamp Type Error")]
    public void A_malformed_v5_timestamp_is_a_violation_at_its_path_never_an_exception(string replacement, string safe, string service)
    {
        byte[] json = Swap(AtolJson.ToJsonString(SampleDocuments.Sell(3, 2)), "\"28.11.2026 12:00:00\"", replacement);
        Assert.Equal(safe, Found(AtolJson.Validate<V5.ReceiptRequest>(json, out _)));
        Assert.Equal(service, Found(AtolJson.Validate<V5.ReceiptRequest>(json, out _, ValidationProfile.Service, "sell")));
        var ex = Assert.Throws<AtolJsonException>(() => AtolJson.Parse<V5.ReceiptRequest>(json));
        Assert.Equal("timestamp", ex.Path);
    }

    [Fact]
    public void A_v4_timestamp_ATOLs_schema_leaves_open_is_registered_by_the_service_profile()
    {
        // ATOL's v4 schema has no pattern for timestamp: its service takes any string, so the emulator must too.
        byte[] json = Swap(AtolJson.ToJsonString(SampleDocuments.V4Sell(7, 3)), "\"28.11.2026 12:00:00\"", "\"2026-11-28T12:00:00\"");
        Assert.Equal("timestamp Pattern Error", Found(AtolJson.Validate<V4.ReceiptRequest>(json, out _, ValidationProfile.Safe, "sell")));
        Assert.True(AtolJson.Validate<V4.ReceiptRequest>(json, out var document, ValidationProfile.Service, "sell").IsValid);
        Assert.Equal(default, document!.Timestamp);
    }

    [Fact]
    public void A_v4_base_date_with_a_time_of_day_reads_as_its_date_for_the_service()
    {
        byte[] json = Swap(AtolJson.ToJsonString(SampleDocuments.V4SellCorrection(7)), "\"27.11.2026\"", "\"27.11.2026 16:12:13\"");
        Assert.Equal("correction.correction_info.base_date Pattern Error", Found(AtolJson.Validate<V4.CorrectionRequest>(json, out _, ValidationProfile.Safe, "sell_correction")));
        Assert.True(AtolJson.Validate<V4.CorrectionRequest>(json, out var document, ValidationProfile.Service, "sell_correction").IsValid);
        Assert.Equal(new DateOnly(2026, 11, 27), document!.Correction.CorrectionInfo.BaseDate);
    }

    [Fact]
    public void A_v5_report_reads_its_dates_in_Moscow_time_and_an_unreadable_one_loses_nothing_else()
    {
        const string Report = """{"uuid":"u-1","timestamp":"28.11.2026 12:00:07","status":"done","payload":{"total":1,"fiscal_document_number":5,"fiscal_document_attribute":7,"fn_number":"9999078900004312","receipt_datetime":"28.11.2026 12:00:00"}}""";
        var report = AtolJson.Parse<V5.ReportResponse>(Encoding.UTF8.GetBytes(Report));
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 12, 0, 7, Moscow), report.Timestamp);
        Assert.Equal(Moscow, report.Timestamp!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero), report.Payload!.ReceiptDatetime);
        string written = AtolJson.ToJsonString(report);
        Assert.Contains("\"receipt_datetime\":\"28.11.2026 12:00:00\"", written, StringComparison.Ordinal);
        Assert.Equal(report, AtolJson.Parse<V5.ReportResponse>(Encoding.UTF8.GetBytes(written)));

        byte[] odd = Swap(Report, "\"28.11.2026 12:00:07\"", "\"2026-11-28 12:00:07\"");
        var oddReport = AtolJson.Parse<V5.ReportResponse>(odd); // no exception: the fiscal data must not be lost
        Assert.Null(oddReport.Timestamp);
        Assert.Equal(5, oddReport.Payload!.FiscalDocumentNumber);
        Assert.Equal("timestamp Format Warning", Found(AtolJson.Validate<V5.ReportResponse>(odd, out _)));
        var missing = Assert.Throws<AtolJsonException>(() => AtolJson.Parse<V5.ReportResponse>(Swap(Report, "\"timestamp\":\"28.11.2026 12:00:07\",", "")));
        Assert.Equal("timestamp", missing.Path);
    }

    [Fact]
    public void A_v4_report_reads_a_null_receipt_datetime_as_absent()
    {
        const string Report = """{"uuid":"u-4","timestamp":"03.08.2018 23:22:08","status":"wait","payload":{"receipt_datetime":null}}""";
        var report = AtolJson.Parse<V4.ReportResponse>(Encoding.UTF8.GetBytes(Report));
        Assert.Equal(new DateTimeOffset(2018, 8, 3, 23, 22, 8, Moscow), report.Timestamp);
        Assert.Null(report.Payload!.ReceiptDatetime);
    }

    [Fact]
    public void Monitoring_dates_read_as_offsets_under_both_spellings_of_the_unsent_document_member()
    {
        const string Record = """{"serialNumber":"1","timestamp":"2019-07-22T14:03:00+00:00","fiscalizationDate":"2019-07-22T17:03:00.25+03:00","firstUnsetDocTimestamp":"2019-07-22T14:00:00Z","firstUnsentDocTimestamp":"2019-07-22T14:01:00Z"}""";
        var register = AtolJson.Parse<Monitoring.CashRegister>(Encoding.UTF8.GetBytes(Record));
        Assert.Equal(new DateTimeOffset(2019, 7, 22, 14, 3, 0, TimeSpan.Zero), register.Timestamp);
        Assert.Equal(new DateTimeOffset(2019, 7, 22, 14, 3, 0, 250, TimeSpan.Zero), register.FiscalizationDate);
        Assert.Equal(TimeSpan.FromHours(3), register.FiscalizationDate!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2019, 7, 22, 14, 0, 0, TimeSpan.Zero), register.FirstUnsetDocTimestamp);
        Assert.Equal(new DateTimeOffset(2019, 7, 22, 14, 1, 0, TimeSpan.Zero), register.FirstUnsentDocTimestamp);
        Assert.Null(register.FiscalStorageExpiration);

        byte[] changed = Swap(Record, "\"2019-07-22T14:00:00Z\"", "\"22.07.2019 14:00\"");
        Assert.Null(AtolJson.Parse<Monitoring.CashRegister>(changed).FirstUnsetDocTimestamp);
        Assert.Equal("firstUnsetDocTimestamp Format Warning", Found(AtolJson.Validate<Monitoring.CashRegister>(changed, out _)));
    }

    [Fact]
    public void Now_is_ATOLs_wall_clock_to_the_second()
    {
        var clock = new FixedTime(new DateTimeOffset(2026, 12, 31, 21, 30, 15, 987, TimeSpan.Zero));
        DateTime now = AtolTime.Now(clock);
        Assert.Equal(new DateTime(2027, 1, 1, 0, 30, 15), now);
        Assert.Equal(DateTimeKind.Unspecified, now.Kind);
        Assert.Equal(new DateOnly(2027, 1, 1), AtolTime.Today(clock));
        Assert.Equal(TimeSpan.FromHours(3), AtolTime.MoscowOffset);
    }

    [Fact]
    public void A_UTC_or_local_time_is_converted_to_ATOLs_clock_and_an_unspecified_one_kept()
    {
        var utc = new DateTime(2026, 11, 28, 9, 0, 0, DateTimeKind.Utc);
        Assert.Equal(new DateTime(2026, 11, 28, 12, 0, 0), AtolTime.ToAtolClock(utc));
        Assert.Equal(new DateTime(2026, 11, 28, 12, 0, 0), AtolTime.ToAtolClock(utc.ToLocalTime()));
        Assert.Equal(new DateTime(2026, 11, 28, 9, 0, 0), AtolTime.ToAtolClock(DateTime.SpecifyKind(utc, DateTimeKind.Unspecified)));
        var doc = SampleDocuments.Sell(3, 2) with { Timestamp = utc };
        Assert.Contains("\"timestamp\":\"28.11.2026 12:00:00\"", AtolJson.ToJsonString(doc), StringComparison.Ordinal);
    }

    [Fact]
    public void A_typed_timestamp_outside_the_pattern_years_is_reported_before_sending()
    {
        var doc = SampleDocuments.Sell(3, 2) with { Timestamp = new DateTime(2100, 1, 1) };
        Assert.Equal("timestamp Pattern Error", Found(doc.Validate()));
        Assert.Equal("timestamp Pattern Error", Found(doc.Validate(ValidationProfile.Service, "sell")));
    }

    private sealed class FixedTime(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }
}
