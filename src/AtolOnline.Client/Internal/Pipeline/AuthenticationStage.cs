using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using AtolOnline.Protocol;

namespace AtolOnline.Internal.Pipeline;

/// <summary>
/// Puts the cached token on the request (fetching one when there is none), and when ATOL rejects it (system/10 missing or
/// system/11 expired) fetches a new one and repeats the request once. It sits outside the retry stage so that the repeat
/// happens once per logical request and continues the attempt count instead of spending an attempt.
/// </summary>
/// <remarks>
/// The token is read once per logical request, not again before each retry: a token another call refreshed meanwhile is
/// picked up when ATOL rejects the old one (the refresh then returns the newer token without fetching).
/// </remarks>
internal sealed class AuthenticationStage(IAtolPipelineStage next, ILogger logger) : IAtolPipelineStage
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<RawResponse> SendAsync(AtolHttpRequest request, CancellationToken cancellationToken)
    {
        var source = request.Authentication;
        if (source is null)
        {
            return await next.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        string token = source.Current ?? await source.RefreshAsync(null, cancellationToken).ConfigureAwait(false);
        var raw = await next.SendAsync(request with { Token = token }, cancellationToken).ConfigureAwait(false);
        var scan = raw.Scan ?? ErrorScan.Read(raw.Span);
        if (!(scan.WellFormed && scan.HasError && scan.Type == AtolErrorType.System && scan.Code is AtolErrors.ExpiredToken or AtolErrors.MissingToken))
        {
            return raw;
        }

        int attempt = raw.Attempts;
        raw.Dispose();
        Log.TokenRejected(logger, request.Operation, scan.Type, scan.Code);
        string fresh = await source.RefreshAsync(token, cancellationToken).ConfigureAwait(false);
        return await next.SendAsync(request with { Token = fresh, Attempt = attempt }, cancellationToken).ConfigureAwait(false);
    }
}
