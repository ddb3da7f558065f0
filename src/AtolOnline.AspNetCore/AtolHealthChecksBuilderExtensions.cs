using AtolOnline.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AtolOnline;

/// <summary>Adds the health check built from ATOL Online's monitoring API.</summary>
public static class AtolHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a health check that reads every cash register from the monitoring API (<see cref="IAtolMonitoringClient"/>, e.g.
    /// from <c>AddAtolClient</c>) and judges each one: online or offline (its link to the OFD), fiscal drive days left and
    /// share used, documents not yet sent to the OFD and the age of the oldest, against <see cref="AtolHealthCheckOptions"/>.
    /// An offline register is Degraded while another register of the group is online, Unhealthy when none is; no register at
    /// all, or credentials the monitoring API refuses, is Unhealthy; a monitoring API that does not answer is Degraded
    /// (it says nothing about fiscalization). The description names each register in trouble and what to do.
    /// </summary>
    /// <param name="builder">The health checks builder (<c>services.AddHealthChecks()</c>).</param>
    /// <param name="configure">Sets the thresholds (null: the defaults).</param>
    /// <param name="name">The name of the check.</param>
    /// <param name="tags">Tags of the check (to filter health endpoints).</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddAtolHealthChecks(
        this IHealthChecksBuilder builder, Action<AtolHealthCheckOptions>? configure = null, string name = "atol", IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var options = new AtolHealthCheckOptions();
        configure?.Invoke(options);
        options.Validate();

        // One cache per registration, shared by every run of the check (the factory is called on each run).
        var cache = new HealthCheckCache();
        return builder.Add(new HealthCheckRegistration(
            name,
            sp => new AtolRegistersHealthCheck(sp.GetRequiredService<IAtolMonitoringClient>(), options, sp.GetService<TimeProvider>() ?? TimeProvider.System, cache),
            HealthStatus.Unhealthy,
            tags));
    }
}
