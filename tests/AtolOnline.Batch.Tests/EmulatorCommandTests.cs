using System.Text;
using System.Text.Json;

namespace AtolOnline.Batch.Tests;

/// <summary><c>atol emulator</c>: the register options reach the emulator, and values out of range are refused.</summary>
public sealed class EmulatorCommandTests
{
    [Fact]
    public async Task Atol_emulator_registers_gives_every_group_that_many_registers()
    {
        var stdout = new StringBuilder();
        using var child = AtolCli.Start(["emulator", "--registers", "3", "--processing-delay", "0.5", "--processing-jitter", "0"], stdout);
        try
        {
            var baseAddress = await FirstLineAsync(stdout, child);
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri(baseAddress) };
            using var stats = JsonDocument.Parse(await http.GetStringAsync("emulator/stats", BatchFixtures.Ct));
            var groups = stats.RootElement.GetProperty("groups").EnumerateObject().ToList();
            Assert.Equal(["v4-online-atol-ru_4179", "v5-online-atol-ru_5179"], groups.Select(g => g.Name));
            Assert.All(groups, g => Assert.Equal(3, g.Value.GetProperty("registers").GetInt32()));
            Assert.All(groups, g => Assert.Equal(0, g.Value.GetProperty("report_requests").GetInt32()));
        }
        finally
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync(BatchFixtures.Ct);
        }
    }

    [Theory]
    [InlineData("--registers", "0", "--registers: 1-1000")]
    [InlineData("--registers", "1001", "--registers: 1-1000")]
    [InlineData("--processing-jitter", "1.5", "--processing-jitter: 0-1")]
    [InlineData("--processing-delay", "-1", "--processing-delay")]
    public async Task Out_of_range_register_options_are_a_usage_error(string option, string value, string message)
    {
        var (exit, _, err) = await AtolCli.RunAsync("emulator", option, value);
        Assert.Equal(2, exit);
        Assert.Contains(message, err, StringComparison.Ordinal);
    }

    private static async Task<string> FirstLineAsync(StringBuilder stdout, System.Diagnostics.Process child)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(BatchFixtures.Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            lock (stdout)
            {
                string text = stdout.ToString();
                int end = text.IndexOf('\n', StringComparison.Ordinal);
                if (end > 0)
                {
                    return text[..end].Trim();
                }
            }

            Assert.False(child.HasExited, "atol emulator exited before printing its address");
            await Task.Delay(50, timeout.Token);
        }
    }
}
