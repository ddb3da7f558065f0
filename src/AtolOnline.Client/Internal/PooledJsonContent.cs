using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AtolOnline.Json;

namespace AtolOnline.Internal;

/// <summary>
/// A request body written straight into an <see cref="ArrayPool{T}"/> buffer and sent from it. The content can be sent any
/// number of times (every retry sends the same bytes, hence the same external_id); disposing it through a request message
/// does nothing, the owner calls <see cref="Release"/> after the last attempt to return the buffer to the pool.
/// </summary>
internal sealed class PooledJsonContent : HttpContent, IBufferWriter<byte>
{
    private static readonly MediaTypeHeaderValue JsonType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private byte[] _buffer;
    private int _length;

    private PooledJsonContent(int initialSize)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(initialSize);
        Headers.ContentType = JsonType;
    }

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>Writes <paramref name="model"/> into a new pooled content (synchronously: the generated writer is the fast path).</summary>
    public static PooledJsonContent Create<T>(T model)
        where T : class, IAtolJsonModel<T>
    {
        var content = new PooledJsonContent(4096);
        try
        {
            var writer = t_writer;
            if (writer is null)
            {
                writer = new Utf8JsonWriter(content, AtolJson.WriterOptions);
                t_writer = writer;
            }
            else
            {
                writer.Reset(content);
            }

            model.WriteTo(writer);
            writer.Flush();
            writer.Reset(NullBufferWriter.Instance);
            return content;
        }
        catch
        {
            content.Release();
            throw;
        }
    }

    /// <summary>Returns the buffer to the pool; the content must not be sent afterwards.</summary>
    public void Release()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Advance(int count) => _length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_length);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(_buffer.AsMemory(0, _length)).AsTask();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken).AsTask();

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.Write(_buffer, 0, _length);

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }

#pragma warning disable CA2215 // The buffer outlives each request message: it is released by the owner after the last attempt.
    protected override void Dispose(bool disposing)
    {
    }
#pragma warning restore CA2215

    private void Ensure(int sizeHint)
    {
        if (sizeHint < 1)
        {
            sizeHint = 256;
        }

        if (_buffer.Length - _length >= sizeHint)
        {
            return;
        }

        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + sizeHint));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    private sealed class NullBufferWriter : IBufferWriter<byte>
    {
        public static readonly NullBufferWriter Instance = new();

        public void Advance(int count)
        {
        }

        public Memory<byte> GetMemory(int sizeHint = 0) => Array.Empty<byte>();

        public Span<byte> GetSpan(int sizeHint = 0) => [];
    }
}
