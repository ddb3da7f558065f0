using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;

namespace AtolOnline.Batch;

/// <summary>
/// An append-only JSON Lines journal. Every state change is one line; a change is acknowledged only after its line
/// is written and flushed to the storage device (fsync): concurrent changes are committed together, so durability
/// costs one flush per group, not per document. A torn last line (a crash mid-write) is ignored and cut off when the
/// journal is opened again. The format is described in the README ("The journal").
/// </summary>
public sealed class FileBatchJournal : IBatchJournal
{
    private static readonly JsonEncodedText TimeName = JsonEncodedText.Encode("time");
    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("external_id");
    private static readonly JsonEncodedText OperationName = JsonEncodedText.Encode("operation");
    private static readonly JsonEncodedText StateName = JsonEncodedText.Encode("state");
    private static readonly JsonEncodedText UuidName = JsonEncodedText.Encode("uuid");

    private readonly FileStream _file;
    private readonly Dictionary<string, JournalRecord> _previous;
    private readonly Channel<(byte[] Line, TaskCompletionSource Done)> _queue = Channel.CreateUnbounded<(byte[], TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private readonly TimeProvider _time;

    private FileBatchJournal(FileStream file, Dictionary<string, JournalRecord> previous, TimeProvider time)
    {
        _file = file;
        _previous = previous;
        _time = time;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Path of the journal file.</summary>
    public string Path => _file.Name;

    /// <summary>Number of external_ids an earlier run recorded.</summary>
    public int PreviousCount => _previous.Count;

    /// <summary>Opens (or creates) the journal at <paramref name="path"/>, reading what earlier runs recorded.</summary>
    public static async Task<FileBatchJournal> OpenAsync(string path, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1, FileOptions.Asynchronous);
        try
        {
            var previous = new Dictionary<string, JournalRecord>(StringComparer.Ordinal);
            long validLength = await ReadAsync(file, previous, cancellationToken).ConfigureAwait(false);
            if (validLength != file.Length)
            {
                file.SetLength(validLength); // cut a torn last line so that the next line starts clean
            }

            file.Position = validLength;
            return new FileBatchJournal(file, previous, timeProvider ?? TimeProvider.System);
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Reads a journal file without opening it for writing (for audits and tests).</summary>
    public static async Task<IReadOnlyDictionary<string, JournalRecord>> ReadStatesAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096, FileOptions.Asynchronous);
        var states = new Dictionary<string, JournalRecord>(StringComparer.Ordinal);
        await ReadAsync(file, states, cancellationToken).ConfigureAwait(false);
        return states;
    }

    /// <inheritdoc/>
    public bool TryGetPrevious(string externalId, out JournalRecord record) => _previous.TryGetValue(externalId, out record);

    /// <inheritdoc/>
    public ValueTask RecordPendingAsync(string externalId, string operation, CancellationToken cancellationToken) =>
        AppendAsync(externalId, operation, JournalState.Pending, null, null, null, cancellationToken);

    /// <inheritdoc/>
    public ValueTask RecordSentAsync(string externalId, string operation, string uuid, CancellationToken cancellationToken) =>
        AppendAsync(externalId, operation, JournalState.Sent, uuid, null, null, cancellationToken);

    /// <inheritdoc/>
    public ValueTask RecordFinalAsync(string externalId, string operation, string? uuid, JournalState state, AtolReport? report, string? failure, CancellationToken cancellationToken)
    {
        if (state is not (JournalState.Done or JournalState.Failed))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "A final state is Done or Failed.");
        }

        return AppendAsync(externalId, operation, state, uuid, report, failure, cancellationToken);
    }

    /// <summary>Flushes what is queued and closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        await _file.DisposeAsync().ConfigureAwait(false);
    }

    private async ValueTask AppendAsync(string externalId, string operation, JournalState state, string? uuid, AtolReport? report, string? error, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, AtolJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString(TimeName, _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            writer.WriteString(IdName, externalId);
            writer.WriteString(OperationName, operation);
            writer.WriteString(StateName, Wire(state));
            if (uuid is not null)
            {
                writer.WriteString(UuidName, uuid);
            }

            if (report is not null)
            {
                BatchJsonLines.WriteFiscalData(writer, report);
                if (report.Total is { } total)
                {
                    writer.WriteNumber("total", total);
                }

                if (report.Error is { } e)
                {
                    writer.WriteString("error_type", e.Type.ToString());
                    writer.WriteNumber("error_code", e.Code);
                    if (e.Text is not null)
                    {
                        writer.WriteString("error_text", e.Text);
                    }
                }
            }

            if (error is not null)
            {
                writer.WriteString("error", error);
            }

            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite((buffer.WrittenSpan.ToArray(), done)), this);

        // The write itself is not cancelled half-way: once queued, the line lands and is flushed.
        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var group = new List<TaskCompletionSource>();
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            group.Clear();
            try
            {
                while (reader.TryRead(out var entry))
                {
                    await _file.WriteAsync(entry.Line).ConfigureAwait(false);
                    group.Add(entry.Done);
                }

                // Group commit: one flush to the device acknowledges every line written above.
                _file.Flush(flushToDisk: true);
                foreach (var done in group)
                {
                    done.TrySetResult();
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                foreach (var done in group)
                {
                    done.TrySetException(ex);
                }
            }
        }
    }

    private static async Task<long> ReadAsync(FileStream file, Dictionary<string, JournalRecord> states, CancellationToken cancellationToken)
    {
        file.Position = 0;
        byte[] content = new byte[file.Length];
        await file.ReadExactlyAsync(content, cancellationToken).ConfigureAwait(false);
        long valid = 0;
        int start = 0;
        while (start < content.Length)
        {
            int newline = Array.IndexOf(content, (byte)'\n', start);
            if (newline < 0)
            {
                break; // torn last line: written without its line feed
            }

            if (!TryParseLine(content.AsSpan(start, newline - start), states))
            {
                break; // a damaged line can only be the torn end; nothing after it is trusted
            }

            start = newline + 1;
            valid = start;
        }

        return valid;
    }

    private static bool TryParseLine(ReadOnlySpan<byte> line, Dictionary<string, JournalRecord> states)
    {
        string? id = null, operation = null, uuid = null;
        JournalState? state = null;
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals(IdName.EncodedUtf8Bytes))
                {
                    reader.Read();
                    id = reader.GetString();
                }
                else if (reader.ValueTextEquals(OperationName.EncodedUtf8Bytes))
                {
                    reader.Read();
                    operation = reader.GetString();
                }
                else if (reader.ValueTextEquals(UuidName.EncodedUtf8Bytes))
                {
                    reader.Read();
                    uuid = reader.GetString();
                }
                else if (reader.ValueTextEquals(StateName.EncodedUtf8Bytes))
                {
                    reader.Read();
                    state = Parse(reader.GetString());
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || id is null || state is null)
            {
                return false;
            }
        }
        catch (JsonException)
        {
            return false;
        }

        // A later line wins; a uuid once known is kept (a Done line always carries it, but be safe).
        states.TryGetValue(id, out var earlier);
        states[id] = new JournalRecord(state.Value, operation ?? earlier.Operation ?? "", uuid ?? earlier.Uuid);
        return true;
    }

    private static string Wire(JournalState state) => state switch
    {
        JournalState.Pending => "pending",
        JournalState.Sent => "sent",
        JournalState.Done => "done",
        _ => "failed",
    };

    private static JournalState? Parse(string? wire) => wire switch
    {
        "pending" => JournalState.Pending,
        "sent" => JournalState.Sent,
        "done" => JournalState.Done,
        "failed" => JournalState.Failed,
        _ => null,
    };
}
