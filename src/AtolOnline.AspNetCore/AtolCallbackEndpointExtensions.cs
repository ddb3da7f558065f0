using AtolOnline.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AtolOnline;

/// <summary>Maps the endpoint that receives ATOL Online's callbacks.</summary>
public static class AtolCallbackEndpointExtensions
{
    /// <summary>
    /// Maps <c>POST <paramref name="pattern"/></c> as the callback endpoint. Each callback is read (whatever its
    /// Content-Type), checked (with <see cref="AtolCallbackOptions.Proof"/>: the token in the last path segment must prove the
    /// body's external_id, so map a pattern that ends with it, e.g. <c>/atol/callbacks/{token}</c>; without a proof: confirmed
    /// by fetching its report with the client's own token; a callback that fails its check is refused, logged and changes
    /// nothing) and answered at once with 200; the trusted final
    /// report is then handed to <paramref name="handler"/>, one at a time, once per uuid. A callback for a document the
    /// application does not know yet is kept until <see cref="AtolCallbackInbox.DocumentRegistered"/> names its uuid.
    /// Answers: 200 (accepted or repeated), 400 (not a report), 403 (invalid proof), 413 (too large), 503 (queue full: the document is left to
    /// polling). Requires <see cref="AtolCallbackServiceCollectionExtensions.AddAtolCallbacks"/>.
    /// </summary>
    /// <param name="endpoints">The route builder (e.g. the <c>WebApplication</c>).</param>
    /// <param name="pattern">The route, e.g. <c>/atol/callbacks</c>.</param>
    /// <param name="handler">Applies a trusted final report.</param>
    /// <returns>The endpoint's builder (to add authorization, rate limiting, a host filter ...).</returns>
    /// <exception cref="InvalidOperationException"><see cref="AtolCallbackServiceCollectionExtensions.AddAtolCallbacks"/> was not called, or the endpoint is already mapped.</exception>
    public static IEndpointConventionBuilder MapAtolCallbacks(this IEndpointRouteBuilder endpoints, string pattern, AtolCallbackHandler handler)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        ArgumentNullException.ThrowIfNull(handler);
        var inbox = endpoints.ServiceProvider.GetService<AtolCallbackInbox>()
            ?? throw new InvalidOperationException("Call services.AddAtolCallbacks() before MapAtolCallbacks.");
        inbox.Attach(handler);
        var receiver = new CallbackReceiver(inbox);

        // A plain RequestDelegate: no parameter binding to generate, nothing reflected (NativeAOT).
        return endpoints.MapPost(pattern, receiver.ReceiveAsync).WithDisplayName("ATOL Online callbacks");
    }
}
