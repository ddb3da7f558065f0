using System.Buffers;

namespace AtolOnline.Internal.Pipeline;

/// <summary>An answer body in a pooled buffer; disposing returns the buffer. Exactly one copy is disposed.</summary>
internal struct RawResponse(byte[] buffer, int length, int status, int attempts, TimeSpan? retryAfter) : IDisposable
{
    public byte[]? Buffer { get; private set; } = buffer;

    public readonly int Length { get; } = length;

    public readonly int Status { get; } = status;

    /// <summary>The number of the attempt that got this answer.</summary>
    public readonly int Attempts { get; } = attempts;

    public readonly TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>The error envelope of the answer, once the retry stage has read it (so later stages need not read it again).</summary>
    public ErrorScan? Scan { readonly get; init; }

    public readonly ReadOnlySpan<byte> Span => Buffer is null ? default : Buffer.AsSpan(0, Length);

    public void Dispose()
    {
        if (Buffer is { } rented)
        {
            Buffer = null;
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
