using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AtolOnline.Emulator.Internal;

/// <summary>
/// Middleware in front of every protocol endpoint: records the request in the <see cref="RequestLog"/> as it arrives,
/// before faults and validation, so a test sees what the client sent. A registration's external_id and a token
/// request's login are read from the first bytes of the body, which are then handed on unchanged to the endpoint.
/// </summary>
internal sealed class RequestRecorder(RequestLog log, int maxBodySize)
{
    private static readonly byte[] ExternalIdName = "external_id"u8.ToArray();
    private static readonly byte[] LoginName = "login"u8.ToArray();

    public async Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        var path = ctx.Request.Path.Value ?? "";
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        bool post = HttpMethods.IsPost(ctx.Request.Method);
        bool get = HttpMethods.IsGet(ctx.Request.Method);
        if (segments.Length > 0 && segments[0].Equals("possystem", StringComparison.OrdinalIgnoreCase))
        {
            if (segments.Length == 3 && segments[2].Equals("getToken", StringComparison.OrdinalIgnoreCase) && (get || post))
            {
                log.Token(get ? QueryValue(ctx, "login") : await PeekStringAsync(ctx, LoginName).ConfigureAwait(false));
            }
            else if (segments.Length == 5 && get && segments[3].Equals("report", StringComparison.OrdinalIgnoreCase))
            {
                log.Report(segments[2], segments[4]);
            }
            else if (segments.Length == 4 && post && !segments[3].Equals("report", StringComparison.OrdinalIgnoreCase))
            {
                log.Registration(segments[2], await PeekStringAsync(ctx, ExternalIdName).ConfigureAwait(false));
            }
        }
        else if (path.Equals("/api/auth/v1/gettoken", StringComparison.OrdinalIgnoreCase) && (get || post))
        {
            log.Token(get ? QueryValue(ctx, "login") : await PeekStringAsync(ctx, LoginName).ConfigureAwait(false));
        }

        await next(ctx).ConfigureAwait(false);
    }

    private static string? QueryValue(HttpContext ctx, string name) =>
        ctx.Request.Query.TryGetValue(name, out var value) ? value.ToString() : null;

    /// <summary>
    /// Reads up to the body size limit, takes the top-level string member <paramref name="name"/> (the last one, as
    /// a deserializer would) and puts the bytes back in front of the rest of the body. A body over the limit is not
    /// parsed (the endpoint refuses it anyway).
    /// </summary>
    private async Task<string?> PeekStringAsync(HttpContext ctx, byte[] name)
    {
        if (ctx.Request.ContentLength is { } declared && declared > maxBodySize)
        {
            return null;
        }

        var original = ctx.Request.Body;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxBodySize + 1, 64 * 1024));
        int length = 0;
        try
        {
            while (length <= maxBodySize)
            {
                if (length == buffer.Length)
                {
                    byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Min(maxBodySize + 1, buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read = await original.ReadAsync(buffer.AsMemory(length), ctx.RequestAborted).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or BadHttpRequestException)
        {
            // the client went away: what was read is handed on, the endpoint sees the same failure
        }

        byte[] head = buffer.AsSpan(0, length).ToArray();
        ArrayPool<byte>.Shared.Return(buffer);
        ctx.Request.Body = new PrefixedStream(head, original);
        return length <= maxBodySize ? TopLevelString(head, name) : null;
    }

    private static string? TopLevelString(ReadOnlySpan<byte> json, ReadOnlySpan<byte> name)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            string? found = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool match = reader.ValueTextEquals(name);
                reader.Read();
                if (match && reader.TokenType == JsonTokenType.String)
                {
                    found = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }

            return found;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
