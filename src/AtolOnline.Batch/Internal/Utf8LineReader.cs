using System.Buffers;

namespace AtolOnline.Batch.Internal;

/// <summary>
/// Reads lines of bytes with a bounded buffer: a line longer than the limit is reported as too long and skipped
/// without being held whole. The last line may lack its line feed.
/// </summary>
internal sealed class Utf8LineReader(Stream stream, int maxLineBytes) : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(2 * maxLineBytes, 4096));
    private int _start;
    private int _end;
    private int _next;
    private bool _eof;

    public long LineNumber { get; private set; }

    public bool TooLong { get; private set; }

    /// <summary>The current line, without its line feed (valid until the next read).</summary>
    public ReadOnlyMemory<byte> Line { get; private set; }

    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        _start = _next;
        bool skipping = false;
        while (true)
        {
            int newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                LineNumber++;
                TooLong = skipping || newline > maxLineBytes;
                Line = TooLong ? ReadOnlyMemory<byte>.Empty : _buffer.AsMemory(_start, newline);
                _next = _start + newline + 1;
                return true;
            }

            if (_eof)
            {
                if (_start == _end && !skipping)
                {
                    _next = _start; // the buffer may have moved: a further read must start here, not past the end
                    return false;
                }

                LineNumber++;
                TooLong = skipping || _end - _start > maxLineBytes;
                Line = TooLong ? ReadOnlyMemory<byte>.Empty : _buffer.AsMemory(_start, _end - _start);
                _next = _end;
                return true;
            }

            if (_end - _start > maxLineBytes)
            {
                skipping = true;
                _start = _end; // drop what is read of an over-long line
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            int read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            _eof = read == 0;
            _end += read;
        }
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }
}
