using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AtolOnline;

/// <summary>Registers the state of the callback endpoint (<see cref="AtolCallbackInbox"/>).</summary>
public static class AtolCallbackServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AtolCallbackInbox"/> (singleton, also a hosted service that hands callbacks to the application)
    /// and <see cref="AtolCallbackOptions"/>. The endpoint also needs an <see cref="IAtolCallbackClient"/> (e.g. from
    /// <c>AddAtolClient</c>): it reads callback bodies and, without a proof, confirms them by a report request.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options (null: the defaults).</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddAtolCallbacks(this IServiceCollection services, Action<AtolCallbackOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<AtolCallbackOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(static sp => new AtolCallbackInbox(sp, sp.GetRequiredService<IOptions<AtolCallbackOptions>>()));
        services.AddSingleton<IHostedService>(static sp => sp.GetRequiredService<AtolCallbackInbox>());
        return services;
    }
}
