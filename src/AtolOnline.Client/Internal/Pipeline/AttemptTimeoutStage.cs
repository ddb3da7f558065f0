using System.Runtime.CompilerServices;

namespace AtolOnline.Internal.Pipeline;

/// <summary>
/// Bounds one attempt (sending and reading the whole answer) by the attempt timeout; the caller's token still cancels it.
/// The retry stage tells the two apart: a cancellation the caller did not ask for is a timeout.
/// </summary>
internal sealed class AttemptTimeoutStage(IAtolPipelineStage next, TimeSpan attemptTimeout) : IAtolPipelineStage
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<RawResponse> SendAsync(AtolHttpRequest request, CancellationToken cancellationToken)
    {
        if (attemptTimeout == Timeout.InfiniteTimeSpan)
        {
            return await next.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var timeout = AttemptTimeout.Start(attemptTimeout, cancellationToken);
        try
        {
            return await next.SendAsync(request, timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            timeout.Return();
        }
    }
}
