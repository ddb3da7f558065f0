namespace AtolOnline.Internal.Pipeline;

/// <summary>
/// One stage of the transport pipeline: it does its one job around the call to the next stage (or, for the last stage,
/// sends the attempt). Stages know HTTP and ATOL's error envelope, never a protocol version.
/// </summary>
internal interface IAtolPipelineStage
{
    /// <summary>Sends <paramref name="request"/> on through the rest of the pipeline and returns its buffered answer.</summary>
    ValueTask<RawResponse> SendAsync(AtolHttpRequest request, CancellationToken cancellationToken);
}
