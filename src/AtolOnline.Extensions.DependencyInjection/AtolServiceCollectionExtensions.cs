using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AtolOnline;

/// <summary>Registers <see cref="IAtolClient"/> with <c>IHttpClientFactory</c> and the Options pattern.</summary>
public static class AtolServiceCollectionExtensions
{
    /// <summary>The name of the HTTP client used by <see cref="AtolClient"/> (configure handlers with <c>AddHttpClient(AtolServiceCollectionExtensions.HttpClientName)</c>).</summary>
    public const string HttpClientName = "AtolOnline";

    /// <summary>
    /// Registers <see cref="AtolClientOptions"/> (configured by <paramref name="configure"/>), a named HTTP client and
    /// <see cref="IAtolClient"/>, also as <see cref="IAtolRegistrationClient"/> and <see cref="IAtolCallbackClient"/>, and
    /// <see cref="AtolMonitoringClient"/>, also as <see cref="IAtolMonitoringClient"/> (transient; tokens are shared
    /// process-wide, so transient clients do not fetch new tokens).
    /// The options are validated when the first client is created. The HTTP client never follows redirects: automatic
    /// redirects are turned off on its primary handler (also on one set with <c>ConfigurePrimaryHttpMessageHandler</c>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder of the named HTTP client, to add handlers or set its lifetime.</returns>
    public static IHttpClientBuilder AddAtolClient(this IServiceCollection services, Action<AtolClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<AtolClientOptions>().Configure(configure).Validate(
            static o =>
            {
                o.Validate();
                return true;
            });
        var builder = services.AddHttpClient(HttpClientName);

        // Runs after every Configure (post-configure), so it also reaches a primary handler the caller sets with
        // ConfigurePrimaryHttpMessageHandler: a redirect must never carry the login, password or token elsewhere.
        services.PostConfigure<HttpClientFactoryOptions>(HttpClientName, static options =>
            options.HttpMessageHandlerBuilderActions.Add(static b => DisableRedirects(b.PrimaryHandler)));
        services.AddTransient<IAtolClient>(static sp => new AtolClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<IOptions<AtolClientOptions>>().Value,
            sp.GetService<ILogger<AtolClient>>()));

        // Each concern on its own, so that a consumer (and its test fake) takes only what it uses.
        services.AddTransient<IAtolRegistrationClient>(static sp => sp.GetRequiredService<IAtolClient>());
        services.AddTransient<IAtolCallbackClient>(static sp => sp.GetRequiredService<IAtolClient>());
        // Monitoring has its own client type over the same named HTTP client and options (and so the same process-wide
        // monitoring token as IAtolClient's monitoring calls).
        services.AddTransient(static sp => new AtolMonitoringClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<IOptions<AtolClientOptions>>().Value,
            sp.GetService<ILogger<AtolMonitoringClient>>()));
        services.AddTransient<IAtolMonitoringClient>(static sp => sp.GetRequiredService<AtolMonitoringClient>());
        return builder;
    }

    /// <summary>
    /// Turns automatic redirects off on the BCL handlers. Another handler type is left as it is: <see cref="AtolClient"/>
    /// refuses any answer that comes from a followed redirect.
    /// </summary>
    private static void DisableRedirects(HttpMessageHandler handler)
    {
        switch (handler)
        {
            case SocketsHttpHandler sockets:
                sockets.AllowAutoRedirect = false;
                break;
            case HttpClientHandler client:
                client.AllowAutoRedirect = false;
                break;
        }
    }
}
