using System.Text;
using AtolOnline.Validation;
using AtolOnline.Json;

namespace AtolOnline.Core.Tests;

/// <summary>
/// Response enums are open (schemas/README.md, <c>x-enum-open</c>): a status or error type ATOL adds later reads as
/// <c>Unknown</c> instead of failing the whole answer, and validating it reports nothing.
/// </summary>
public sealed class OpenEnumTests
{
    [Fact]
    public void An_unknown_status_and_error_type_read_as_Unknown_without_violations()
    {
        var json = Encoding.UTF8.GetBytes("""{"uuid":"u1","status":"queued","error":{"code":1,"text":"t","type":"quantum"},"timestamp":"01.12.2026 10:00:00"}""");
        var report = AtolJson.Parse<V5.ReportResponse>(json);
        Assert.Equal(V5.DocumentStatus.Unknown, report.Status);
        Assert.Equal(V5.ErrorType.Unknown, report.Error!.Type);
        Assert.Empty(AtolJson.Validate<V5.ReportResponse>(json, out _).Violations);

        var v4 = AtolJson.Parse<V4.ReportResponse>(json);
        Assert.Equal(V4.DocumentStatus.Unknown, v4.Status);
    }

    [Fact]
    public void Known_values_still_read_as_themselves_and_a_wrong_type_is_still_reported()
    {
        var json = Encoding.UTF8.GetBytes("""{"uuid":"u1","status":"fail","error":{"code":1,"text":"t","type":"driver"},"timestamp":"01.12.2026 10:00:00"}""");
        var report = AtolJson.Parse<V5.ReportResponse>(json);
        Assert.Equal(V5.DocumentStatus.Fail, report.Status);
        Assert.Equal(V5.ErrorType.Driver, report.Error!.Type);

        var number = Encoding.UTF8.GetBytes("""{"uuid":"u1","status":7,"timestamp":"01.12.2026 10:00:00"}""");
        Assert.Contains(AtolJson.Validate<V5.ReportResponse>(number, out _).Violations, v => v.Path == "status" && v.Code == ValidationCodes.Type);
    }
}
