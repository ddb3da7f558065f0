using System.Text;
using AtolOnline.Protocol;

namespace AtolOnline.Client.Tests;

/// <summary>The public result and exception types read the same in both protocol versions and say what they hold.</summary>
public sealed class PublicTypesTests
{
    [Theory]
    [InlineData(AtolProtocolVersion.V5)]
    [InlineData(AtolProtocolVersion.V4)]
    public void A_done_report_exposes_the_fiscal_data_of_its_version(AtolProtocolVersion version)
    {
        string json = version == AtolProtocolVersion.V5 ? CallbackFieldsTests.DoneV5 : CallbackFieldsTests.DoneV4;
        var report = AtolReport.Parse(version, Encoding.UTF8.GetBytes(json));

        Assert.Equal(version, report.ProtocolVersion);
        Assert.Equal(AtolDocumentStatus.Done, report.Status);
        Assert.True(report.IsFinal);
        Assert.Null(report.Error);
        Assert.Equal("u-cb", report.Uuid);
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 14, 2, 11, TimeSpan.FromHours(3)), report.Timestamp);
        if (version == AtolProtocolVersion.V5)
        {
            Assert.NotNull(report.V5);
            Assert.Null(report.V4);
            Assert.Equal("cb-1", report.ExternalId);
            Assert.Equal("https://shop.test/atol/cb?k=9b1d", report.CallbackUrl);
            Assert.Equal(7, report.FiscalDocumentNumber);
            Assert.Equal(3449555941, report.FiscalDocumentAttribute);
            Assert.Equal("9999078902004339", report.FnNumber);
            Assert.Equal(1500.50m, report.Total);
        }
        else
        {
            Assert.NotNull(report.V4);
            Assert.Null(report.V5);
            Assert.Equal("cb-4", report.ExternalId);
            Assert.Equal("https://shop.test/atol/cb", report.CallbackUrl);
            Assert.Equal(116, report.FiscalDocumentNumber);
            Assert.Equal(2474475468, report.FiscalDocumentAttribute);
            Assert.Equal("9999078900001341", report.FnNumber);
            Assert.Equal(500.00m, report.Total);
        }

        Assert.Equal($"AtolReport {{ Uuid = u-cb, ExternalId = {report.ExternalId}, Status = Done, Error = / }}", report.ToString());
    }

    [Theory]
    [InlineData(AtolProtocolVersion.V5, AtolErrorType.Agent, 2003, "7a1c")]
    [InlineData(AtolProtocolVersion.V4, AtolErrorType.Driver, 16, "7a1c")]
    public void A_failed_report_exposes_its_error_and_no_fiscal_data(AtolProtocolVersion version, AtolErrorType type, int code, string errorId)
    {
        string json = version == AtolProtocolVersion.V5 ? CallbackFieldsTests.FailV5 : CallbackFieldsTests.FailV4;
        var report = AtolReport.Parse(version, Encoding.UTF8.GetBytes(json));

        Assert.Equal(AtolDocumentStatus.Fail, report.Status);
        Assert.True(report.IsFinal);
        Assert.NotNull(report.Error);
        Assert.Equal(type, report.Error.Type);
        Assert.Equal(code, report.Error.Code);
        Assert.Equal(errorId, report.Error.ErrorId);
        Assert.False(string.IsNullOrEmpty(report.Error.Text));
        Assert.Null(report.FiscalDocumentNumber);
        Assert.Null(report.FiscalDocumentAttribute);
        Assert.Null(report.FnNumber);
        Assert.Null(report.Total);
        Assert.EndsWith($"Status = Fail, Error = {type}/{code} }}", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_waiting_report_is_not_final()
    {
        var report = AtolReport.Parse(AtolProtocolVersion.V5, """{"uuid":"u-w","status":"wait","error":null,"timestamp":"05.03.2026 14:02:11","payload":null}"""u8);
        Assert.Equal(AtolDocumentStatus.Wait, report.Status);
        Assert.False(report.IsFinal);
    }

    [Fact]
    public void Reports_refuse_a_missing_body_and_an_unknown_version()
    {
        Assert.Equal("report", Assert.Throws<ArgumentNullException>(() => new AtolReport((V5.ReportResponse)null!)).ParamName);
        Assert.Equal("report", Assert.Throws<ArgumentNullException>(() => new AtolReport((V4.ReportResponse)null!)).ParamName);
        Assert.Equal("version", Assert.Throws<ArgumentOutOfRangeException>(() => AtolReport.Parse((AtolProtocolVersion)3, "{}"u8)).ParamName);
    }

    [Fact]
    public void The_exception_constructors_keep_what_they_are_given_and_classify_nothing_they_were_not_told()
    {
        var plain = new AtolApiException();
        Assert.Equal("ATOL Online call failed.", plain.Message);
        AssertUnclassified(plain);

        var withMessage = new AtolApiException("m");
        Assert.Equal("m", withMessage.Message);
        AssertUnclassified(withMessage);

        var inner = new InvalidOperationException("inner");
        var withInner = new AtolApiException("m2", inner);
        Assert.Equal("m2", withInner.Message);
        Assert.Same(inner, withInner.InnerException);
        AssertUnclassified(withInner);

        var error = new AtolError(AtolErrorType.Agent, 2003, "ИНН не соответствует", "e-1");
        var full = new AtolApiException("m3", AtolErrorAction.FixDocument, 400, error, "sell", inner);
        Assert.Equal(AtolErrorAction.FixDocument, full.Action);
        Assert.Equal(400, full.HttpStatus);
        Assert.Same(error, full.Error);
        Assert.Equal(2003, full.Code);
        Assert.Equal(AtolErrorType.Agent, full.Type);
        Assert.Equal("ИНН не соответствует", full.ErrorText);
        Assert.Equal("e-1", full.ErrorId);
        Assert.Equal("sell", full.Operation);
        Assert.Same(inner, full.InnerException);

        static void AssertUnclassified(AtolApiException ex)
        {
            Assert.Equal(AtolErrorAction.Unknown, ex.Action);
            Assert.Null(ex.HttpStatus);
            Assert.Null(ex.Error);
            Assert.Null(ex.Code);
            Assert.Null(ex.Type);
            Assert.Null(ex.ErrorText);
            Assert.Null(ex.ErrorId);
            Assert.Null(ex.Operation);
        }
    }
}
