using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace AtolOnline.Emulator.Internal;

/// <summary>
/// Guards the <c>/emulator/</c> control surface against a web page in the developer's browser and against DNS
/// rebinding: only loopback Host headers (403), only JSON bodies and JSON on every POST (415: a page cannot send
/// <c>application/json</c> across origins without a preflight, which nothing here answers), and a body size limit
/// (413). The protocol endpoints are not guarded: ATOL reads bodies whatever their content type.
/// </summary>
internal static class ControlGuard
{
    /// <summary>Largest control body in bytes (control bodies are a few hundred bytes).</summary>
    public const int MaxBodySize = 1024 * 1024;

    // An over-limit body is read and discarded up to this much, so that the client sees the 413 instead of a reset
    // connection; beyond it the connection is closed.
    private const int MaxDrain = 4 * MaxBodySize;

    public static async Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        if (!ctx.Request.Path.StartsWithSegments("/emulator", StringComparison.OrdinalIgnoreCase))
        {
            await next(ctx).ConfigureAwait(false);
            return;
        }

        if (!IsLoopbackHost(ctx.Request.Host))
        {
            await RefuseAsync(ctx, 403, "the control API answers only requests addressed to 127.0.0.1, localhost or [::1] (Host header)", drain: false).ConfigureAwait(false);
            return;
        }

        bool hasBody = ctx.Request.ContentLength is > 0
            || (ctx.Request.ContentLength is null && ctx.Request.Headers.TransferEncoding.Count > 0);
        if ((hasBody || HttpMethods.IsPost(ctx.Request.Method)) && !IsJson(ctx.Request.ContentType))
        {
            await RefuseAsync(ctx, 415, "the control API takes only application/json bodies (charset utf-8)", drain: hasBody).ConfigureAwait(false);
            return;
        }

        if (hasBody)
        {
            if (ctx.Request.ContentLength is > MaxBodySize || await ReadLimitedAsync(ctx).ConfigureAwait(false) is not { } body)
            {
                await RefuseAsync(ctx, 413, $"the control API takes bodies of at most {MaxBodySize} bytes", drain: true).ConfigureAwait(false);
                return;
            }

            ctx.Request.Body = new MemoryStream(body, writable: false);
        }

        await next(ctx).ConfigureAwait(false);
    }

    /// <summary>127.0.0.1, localhost or [::1], with any port (or none).</summary>
    internal static bool IsLoopbackHost(HostString host)
    {
        if (!host.HasValue)
        {
            return false;
        }

        string name = host.Host;
        bool loopback = name.Equals("127.0.0.1", StringComparison.Ordinal)
            || name.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || name.Equals("[::1]", StringComparison.Ordinal);
        if (!loopback)
        {
            return false;
        }

        // HostString.Port is null both without a port and with one that does not parse: tell them apart.
        string value = host.Value!;
        return value.Length == name.Length || (value[name.Length] == ':' && host.Port is not null);
    }

    internal static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        && (!media.Charset.HasValue || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || media.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase));

    /// <summary>The whole body, or null when it is longer than <see cref="MaxBodySize"/>.</summary>
    private static async Task<byte[]?> ReadLimitedAsync(HttpContext ctx)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Min(MaxBodySize + 1, 16 * 1024));
        while (true)
        {
            var memory = buffer.GetMemory(8192);
            int read = await ctx.Request.Body.ReadAsync(memory, ctx.RequestAborted).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > MaxBodySize)
            {
                return null;
            }
        }
    }

    private static async Task RefuseAsync(HttpContext ctx, int status, string message, bool drain)
    {
        if (drain)
        {
            byte[] scratch = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                long total = 0;
                int read;
                while (total < MaxDrain && (read = await ctx.Request.Body.ReadAsync(scratch, ctx.RequestAborted).ConfigureAwait(false)) > 0)
                {
                    total += read;
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or BadHttpRequestException)
            {
                // the client went away
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(scratch);
            }
        }

        byte[] body = Wire.Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("error", message);
            w.WriteEndObject();
        });
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = Wire.JsonContentType;
        ctx.Response.ContentLength = body.Length;
        ctx.Response.Headers.Connection = "close"; // whatever is left of the body is not read
        await ctx.Response.Body.WriteAsync(body, ctx.RequestAborted).ConfigureAwait(false);
    }
}
