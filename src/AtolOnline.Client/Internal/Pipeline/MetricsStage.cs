using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace AtolOnline.Internal.Pipeline;

/// <summary>Counts every attempt (<c>atol.client.requests</c>) and records its duration, answer read included.</summary>
internal sealed class MetricsStage(IAtolPipelineStage next) : IAtolPipelineStage
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<RawResponse> SendAsync(AtolHttpRequest request, CancellationToken cancellationToken)
    {
        var tag = new KeyValuePair<string, object?>("atol.operation", request.Operation);
        AtolDiagnostics.Requests.Add(1, tag);
        long start = Stopwatch.GetTimestamp();
        try
        {
            return await next.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            AtolDiagnostics.Duration.Record(Stopwatch.GetElapsedTime(start).TotalSeconds, tag);
        }
    }
}
