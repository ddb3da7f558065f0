using System.Globalization;
using AtolOnline.Monitoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AtolOnline.AspNetCoreTests;

/// <summary>The health check's thresholds against a monitoring API that answers what each test sets.</summary>
public sealed class HealthCheckTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Registers_in_good_order_are_healthy_and_the_description_says_so()
    {
        var (service, monitoring, _) = Build();
        monitoring.Registers.Add(Register("0001"));
        monitoring.Registers.Add(Register("0002"));

        var report = await service.CheckHealthAsync(TestContext.Current.CancellationToken);

        var entry = report.Entries["atol"];
        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Contains("2 register(s) of the account online", entry.Description, StringComparison.Ordinal);
        Assert.Equal("ok", entry.Data["0001"]);
    }

    public static TheoryData<string, HealthStatus, string> Faults() => new()
    {
        { "offline", HealthStatus.Degraded, "register 0002 is offline: network settings error or no connection to the OFD server (network error 2)" },
        { "expires-in-20-days", HealthStatus.Degraded, "expires on 2026-12-21 (20 days left): plan its replacement" },
        { "expires-in-2-days", HealthStatus.Unhealthy, "expires on 2026-12-03 (2 days left): replace it now" },
        { "expired", HealthStatus.Unhealthy, "(expired): the register cannot fiscalize" },
        { "91-percent-full", HealthStatus.Degraded, "is 91 % full: plan its replacement" },
        { "99-percent-full", HealthStatus.Unhealthy, "is 99 % full: replace it now" },
        { "150-unsent", HealthStatus.Degraded, "register 0002 has 150 document(s) not sent to the OFD" },
        { "1500-unsent", HealthStatus.Unhealthy, "register 0002 has 1500 document(s) not sent to the OFD" },
        { "unsent-for-2-days", HealthStatus.Degraded, "the oldest since 2026-11-29 12:00 UTC (2 days): check its link to the OFD" },
        { "unsent-for-21-days", HealthStatus.Unhealthy, "(21 days): check its link to the OFD now" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_register_in_trouble_gives_the_status_of_the_threshold_it_crossed(string fault, HealthStatus expected, string description)
    {
        var (service, monitoring, _) = Build();
        monitoring.Registers.Add(Register("0001"));
        var troubled = Register("0002");
        monitoring.Registers.Add(fault switch
        {
            "offline" => troubled with { NetworkErrorCode = 2 },
            "expires-in-20-days" => troubled with { FiscalStorageExpiration = (Now.AddDays(20).AddHours(1)) },
            "expires-in-2-days" => troubled with { FiscalStorageExpiration = (Now.AddDays(2).AddHours(1)) },
            "expired" => troubled with { FiscalStorageExpiration = (Now.AddDays(-1)) },
            "91-percent-full" => troubled with { FiscalStoragePercentageUse = 91m },
            "99-percent-full" => troubled with { FiscalStoragePercentageUse = 99m },
            "150-unsent" => troubled with { UnsentDocs = 150, FirstUnsetDocTimestamp = (Now.AddMinutes(-5)) },
            "1500-unsent" => troubled with { UnsentDocs = 1500, FirstUnsetDocTimestamp = (Now.AddMinutes(-5)) },
            "unsent-for-2-days" => troubled with { UnsentDocs = 3, FirstUnsetDocTimestamp = (Now.AddDays(-2)) },
            "unsent-for-21-days" => troubled with { UnsentDocs = 3, FirstUnsentDocTimestamp = (Now.AddDays(-21)) },
            _ => throw new ArgumentOutOfRangeException(nameof(fault)),
        });

        var entry = (await service.CheckHealthAsync(TestContext.Current.CancellationToken)).Entries["atol"];

        Assert.Equal(expected, entry.Status);
        Assert.Contains(description, entry.Description, StringComparison.Ordinal);
        Assert.StartsWith("1 problem(s):", entry.Description, StringComparison.Ordinal);
        Assert.Equal("ok", entry.Data["0001"]);
        Assert.NotEqual("ok", entry.Data["0002"]);
    }

    [Fact]
    public async Task Every_register_offline_is_unhealthy()
    {
        var (service, monitoring, _) = Build();
        monitoring.Registers.Add(Register("0001") with { NetworkErrorCode = 1 });
        monitoring.Registers.Add(Register("0002") with { NetworkErrorCode = 7 });

        var entry = (await service.CheckHealthAsync(TestContext.Current.CancellationToken)).Entries["atol"];

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("all 2 register(s) of the account are offline: no document can be fiscalized", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_register_is_unhealthy_and_only_the_configured_group_counts()
    {
        var (service, monitoring, _) = Build(o => o.GroupCode = "group-b");
        monitoring.Registers.Add(Register("0001"));

        var entry = (await service.CheckHealthAsync(TestContext.Current.CancellationToken)).Entries["atol"];

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("no cash register for group group-b", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_monitoring_API_that_does_not_answer_is_degraded_and_asked_again_next_time()
    {
        var (service, monitoring, _) = Build();
        monitoring.Registers.Add(Register("0001"));
        monitoring.Failure = new HttpRequestException("connection refused");

        var failed = (await service.CheckHealthAsync(TestContext.Current.CancellationToken)).Entries["atol"];
        monitoring.Failure = null;
        var recovered = (await service.CheckHealthAsync(TestContext.Current.CancellationToken)).Entries["atol"];

        Assert.Equal(HealthStatus.Degraded, failed.Status);
        Assert.Contains("the registers' state is unknown", failed.Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Healthy, recovered.Status);
        Assert.Equal(2, monitoring.Calls);
    }

    [Fact]
    public async Task One_answer_is_reused_for_the_cache_duration_then_asked_again()
    {
        var (service, monitoring, clock) = Build(o => o.CacheDuration = TimeSpan.FromSeconds(30));
        monitoring.Registers.Add(Register("0001"));

        await service.CheckHealthAsync(TestContext.Current.CancellationToken);
        monitoring.Registers[0] = Register("0001") with { NetworkErrorCode = 2 };
        clock.Now = Now.AddSeconds(29);
        var cached = (await service.CheckHealthAsync(TestContext.Current.CancellationToken)).Entries["atol"];
        clock.Now = Now.AddSeconds(30);
        var fresh = (await service.CheckHealthAsync(TestContext.Current.CancellationToken)).Entries["atol"];

        Assert.Equal(HealthStatus.Healthy, cached.Status);
        Assert.Equal(HealthStatus.Unhealthy, fresh.Status);
        Assert.Equal(2, monitoring.Calls);
    }

    [Fact]
    public void Thresholds_out_of_order_are_refused_when_the_check_is_added()
    {
        var services = new ServiceCollection();
        Assert.Throws<ArgumentOutOfRangeException>(() => services.AddHealthChecks().AddAtolHealthChecks(o => o.FiscalDriveDaysLeftUnhealthy = 40));
        Assert.Throws<ArgumentOutOfRangeException>(() => services.AddHealthChecks().AddAtolHealthChecks(o => o.FiscalDriveUsedPercentUnhealthy = 50));
        Assert.Throws<ArgumentOutOfRangeException>(() => services.AddHealthChecks().AddAtolHealthChecks(o => o.OldestUnsentUnhealthy = TimeSpan.FromHours(1)));
    }

    internal static CashRegister Register(string serial) => new()
    {
        SerialNumber = serial,
        RegistrationNumber = "000000000302" + serial,
        DeviceNumber = "KKT" + serial,
        GroupCode = "group-a",
        FiscalStorageSerialNumber = "99990789020" + serial,
        FiscalStorageExpiration = (Now.AddDays(300)),
        FiscalStoragePercentageUse = 12.5m,
        NetworkErrorCode = 0,
        Timestamp = (Now),
    };


    private static (HealthCheckService Service, FakeMonitoringClient Monitoring, ManualTimeProvider Clock) Build(Action<AtolHealthCheckOptions>? configure = null)
    {
        var monitoring = new FakeMonitoringClient();
        var clock = new ManualTimeProvider(Now);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IAtolMonitoringClient>(monitoring);
        services.AddSingleton<TimeProvider>(clock);
        services.AddHealthChecks().AddAtolHealthChecks(configure);
        return (services.BuildServiceProvider().GetRequiredService<HealthCheckService>(), monitoring, clock);
    }
}
