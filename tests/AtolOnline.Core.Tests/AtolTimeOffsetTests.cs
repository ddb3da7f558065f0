using System.Text;
using AtolOnline.Json;

namespace AtolOnline.Core.Tests;

/// <summary>
/// A configured zone replaces Moscow time for ATOL's <c>dd.MM.yyyy HH:mm:ss</c> values. Changes the process-wide
/// <see cref="AtolTime.Offset"/>, so it runs alone (<see cref="AtolTimeOffsetGroup"/>).
/// </summary>
[Collection(nameof(AtolTimeOffsetTests))]
public sealed class AtolTimeOffsetTests
{
    [Fact]
    public void A_configured_offset_reads_and_writes_report_times_in_that_zone()
    {
        const string Report = """{"uuid":"u-1","timestamp":"28.11.2026 12:00:07","status":"wait"}""";
        var before = AtolTime.Offset;
        try
        {
            AtolTime.Offset = TimeSpan.FromHours(5);
            var report = AtolJson.Parse<V5.ReportResponse>(Encoding.UTF8.GetBytes(Report));
            Assert.Equal(new DateTimeOffset(2026, 11, 28, 12, 0, 7, TimeSpan.FromHours(5)), report.Timestamp);
            var moscowTime = report with { Timestamp = new DateTimeOffset(2026, 11, 28, 10, 0, 7, TimeSpan.FromHours(3)) };
            Assert.Contains("\"timestamp\":\"28.11.2026 12:00:07\"", AtolJson.ToJsonString(moscowTime), StringComparison.Ordinal);
            Assert.Throws<ArgumentOutOfRangeException>(() => AtolTime.Offset = TimeSpan.FromHours(15));
            Assert.Throws<ArgumentOutOfRangeException>(() => AtolTime.Offset = TimeSpan.FromSeconds(30));
            Assert.Equal(TimeSpan.FromHours(5), AtolTime.Offset);
        }
        finally
        {
            AtolTime.Offset = before;
        }

        Assert.Equal(AtolTime.MoscowOffset, AtolTime.Offset);
    }
}
