using AtolOnline.Emulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using AtolOnline.Protocol;

namespace AtolOnline.AspNetCoreTests;

/// <summary>The health check against the emulator's monitoring API, with its monitoring faults set on purpose.</summary>
public sealed class EmulatorHealthTests
{
    [Fact]
    public async Task Monitoring_faults_turn_the_check_degraded_or_unhealthy_and_clearing_them_heals_it()
    {
        await using var atol = await AtolEmulator.StartAsync(new EmulatorOptions { ProcessingDelay = TimeSpan.Zero, Registers = 3 }, TestContext.Current.CancellationToken);
        var group = AtolClientOptions.ForTestEnvironment(AtolProtocolVersion.V5).GroupCode;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAtolClient(o =>
        {
            o.BaseAddress = atol.BaseAddress;
            o.ProtocolVersion = AtolProtocolVersion.V5;
            o.UseTestCredentials();
        }).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseProxy = false });
        services.AddHealthChecks().AddAtolHealthChecks(o =>
        {
            o.GroupCode = group;
            o.CacheDuration = TimeSpan.Zero;
        });
        await using var provider = services.BuildServiceProvider();
        var health = provider.GetRequiredService<HealthCheckService>();
        var serials = atol.GetRegisters(group).Select(r => r.SerialNumber).ToArray();
        Assert.Equal(3, serials.Length);

        async Task<HealthReportEntry> CheckAsync() => (await health.CheckHealthAsync(TestContext.Current.CancellationToken)).Entries["atol"];

        var healthy = await CheckAsync();
        Assert.Equal(HealthStatus.Healthy, healthy.Status);
        Assert.Contains("3 register(s) of group " + group + " online", healthy.Description, StringComparison.Ordinal);

        atol.SetRegisterOnline(serials[0], false);
        var oneOffline = await CheckAsync();
        Assert.Equal(HealthStatus.Degraded, oneOffline.Status);
        Assert.Contains($"register {serials[0]} is offline: no physical communication channel", oneOffline.Description, StringComparison.Ordinal);

        atol.SetRegisterOnline(serials[1], false);
        atol.SetRegisterOnline(serials[2], false);
        var allOffline = await CheckAsync();
        Assert.Equal(HealthStatus.Unhealthy, allOffline.Status);
        Assert.Contains("all 3 register(s) of group " + group + " are offline", allOffline.Description, StringComparison.Ordinal);

        atol.ClearRegisterFaults();
        atol.SetFiscalStorageDaysLeft(serials[1], 10.5);
        var nearExpiry = await CheckAsync();
        Assert.Equal(HealthStatus.Degraded, nearExpiry.Status);
        Assert.Contains("(10 days left): plan its replacement", nearExpiry.Description, StringComparison.Ordinal);

        atol.SetFiscalStorageDaysLeft(serials[1], -1);
        Assert.Equal(HealthStatus.Unhealthy, (await CheckAsync()).Status);

        atol.ClearRegisterFaults();
        atol.SetFiscalStorageUse(serials[2], 99m);
        var full = await CheckAsync();
        Assert.Equal(HealthStatus.Unhealthy, full.Status);
        Assert.Contains("is 99 % full: replace it now", full.Description, StringComparison.Ordinal);

        atol.ClearRegisterFaults();
        atol.SetUnsentDocuments(serials[0], 40, atol.Clock.GetUtcNow().AddDays(-2));
        var piling = await CheckAsync();
        Assert.Equal(HealthStatus.Degraded, piling.Status);
        Assert.Contains($"register {serials[0]} has 40 document(s) not sent to the OFD", piling.Description, StringComparison.Ordinal);

        atol.SetUnsentDocuments(serials[0], 1500);
        Assert.Equal(HealthStatus.Unhealthy, (await CheckAsync()).Status);

        atol.ClearRegisterFaults();
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync()).Status);
    }
}
