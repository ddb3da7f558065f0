using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace AtolOnline.Internal.Pipeline;

/// <summary>
/// Reads an answer body into a pooled buffer under the size cap: a declared or actual length above
/// <c>MaxResponseBytes</c> fails before more is read, so a broken or hostile server cannot make the client buffer without
/// bound.
/// </summary>
internal static class ResponseBuffering
{
    /// <summary>Reads the whole body; the caller owns the returned rented buffer.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<(byte[] Buffer, int Length)> ReadAsync(HttpResponseMessage response, int maxBytes, string operation, CancellationToken cancellationToken)
    {
        int status = (int)response.StatusCode;
        long? length = response.Content.Headers.ContentLength;
        if (length > maxBytes)
        {
            throw TooLarge(operation, status, maxBytes);
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(length is > 0 ? (int)length.Value : 4096);
        int total = 0;
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                while (true)
                {
                    if (total == buffer.Length)
                    {
                        if (total > maxBytes)
                        {
                            throw TooLarge(operation, status, maxBytes);
                        }

                        var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxBytes + 1));
                        buffer.AsSpan(0, total).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }

                    int read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    total += read;
                    if (total > maxBytes)
                    {
                        throw TooLarge(operation, status, maxBytes);
                    }
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        return (buffer, total);
    }

    private static AtolApiException TooLarge(string operation, int status, int maxBytes) =>
        new($"ATOL Online {operation}: the answer (HTTP {status}) is larger than MaxResponseBytes ({maxBytes.ToString(CultureInfo.InvariantCulture)}).",
            AtolErrorAction.Unknown, status, null, operation);
}
