using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using AtolOnline.Json;

namespace AtolOnline.Internal;

/// <summary>The request side of the callback endpoint: read, check, answer at once; the inbox delivers.</summary>
internal sealed class CallbackReceiver(AtolCallbackInbox inbox)
{
    public async Task ReceiveAsync(HttpContext context)
    {
        CallbackMetrics.Received.Add(1);
        var receivedAt = inbox.Now;
        var body = await ReadBodyAsync(context.Request, inbox.Options.MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            CallbackMetrics.Reject("too_large");
            CallbackLog.Refused(inbox.Logger, "body too large", null, null);
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        AtolReport claimed;
        try
        {
            claimed = context.RequestServices.GetRequiredService<IAtolCallbackClient>().ParseCallback(body);
        }
        catch (AtolJsonException)
        {
            claimed = null!;
        }

        if (claimed is null || string.IsNullOrEmpty(claimed.Uuid))
        {
            CallbackMetrics.Reject("malformed");
            CallbackLog.Refused(inbox.Logger, "not a report with a uuid", claimed?.Uuid, claimed?.ExternalId);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (inbox.Options.Proof is not { } proof)
        {
            Answer(context, inbox.EnqueueUnverified(new CallbackWork(claimed.Uuid, body, null, receivedAt)), claimed.Uuid);
            return;
        }

        if (claimed.ExternalId is not { Length: > 0 } externalId || !proof.Verify(externalId, LastSegment(context.Request.Path)))
        {
            CallbackMetrics.Reject("invalid_proof");
            CallbackLog.Refused(inbox.Logger, "no valid proof in the URL", claimed.Uuid, claimed.ExternalId);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        if (!claimed.IsFinal)
        {
            // ATOL calls back only with done or fail; a proven callback without a final status has nothing to apply.
            CallbackMetrics.Reject("not_final");
            CallbackLog.Refused(inbox.Logger, "the report is not final", claimed.Uuid, externalId);
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        Answer(context, inbox.EnqueueTrusted(new CallbackWork(claimed.Uuid, null, claimed, receivedAt)), claimed.Uuid);
    }

    private static ReadOnlySpan<char> LastSegment(PathString path)
    {
        var value = (path.Value ?? string.Empty).AsSpan().TrimEnd('/');
        return value[(value.LastIndexOf('/') + 1)..];
    }

    private void Answer(HttpContext context, EnqueueResult result, string uuid)
    {
        switch (result)
        {
            case EnqueueResult.Duplicate:
                CallbackMetrics.Duplicates.Add(1);
                CallbackLog.Duplicate(inbox.Logger, uuid);
                context.Response.StatusCode = StatusCodes.Status200OK;
                break;
            case EnqueueResult.Full:
                CallbackMetrics.Reject("overloaded");
                CallbackLog.Overloaded(inbox.Logger, uuid);
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                break;
            default:
                context.Response.StatusCode = StatusCodes.Status200OK;
                break;
        }
    }

    /// <summary>The whole body, or null when it is larger than <paramref name="limit"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Min(limit + 1, 16 * 1024));
        int length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length > limit)
                    {
                        return null;
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(limit + 1, buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > limit)
                {
                    return null;
                }
            }

            return buffer.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
