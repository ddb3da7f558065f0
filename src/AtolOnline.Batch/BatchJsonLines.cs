using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using AtolOnline.Validation;
using AtolOnline.Json;
using AtolOnline.Protocol;
using AtolOnline.Batch.Internal;

namespace AtolOnline.Batch;

/// <summary>
/// JSON Lines in and out: one request envelope per input line, one outcome per output line. An input line that
/// cannot be read becomes an <see cref="BatchOutcomeKind.Invalid"/> outcome with its line number; it never stops the batch.
/// </summary>
public static class BatchJsonLines
{
    /// <summary>
    /// Longest input line accepted: 256 KiB. ATOL documents are small (a receipt of 100 items is about 40 KB); a longer
    /// line is an invalid outcome, skipped without being held in memory whole.
    /// </summary>
    public const int MaxLineBytes = 256 * 1024;

    /// <summary>
    /// Reads request envelopes from UTF-8 bytes, one per line (empty lines are skipped). A line that is not valid UTF-8
    /// or is longer than <see cref="MaxLineBytes"/> is an invalid outcome with its line number; nothing is replaced or guessed.
    /// </summary>
    public static async IAsyncEnumerable<BatchItem> ReadAsync<TDocument>(Stream input, AtolOperation<TDocument> operation, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TDocument : class, IAtolJsonModel<TDocument>, IAtolDocument
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(operation);
        var lines = new Utf8LineReader(input, MaxLineBytes);
        try
        {
            while (await lines.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (lines.TooLong)
                {
                    yield return BatchItem.Unreadable(lines.LineNumber, $"the line is longer than {MaxLineBytes / 1024} KiB (ATOL documents are far smaller); not sent");
                    continue;
                }

                var line = lines.Line;
                if (lines.LineNumber == 1 && line.Span.StartsWith("\uFEFF"u8))
                {
                    line = line[3..]; // a UTF-8 byte order mark
                }

                if (line.Span.Trim(" \t\r"u8).IsEmpty)
                {
                    continue;
                }

                yield return Parse(line.Span, lines.LineNumber, operation);
            }
        }
        finally
        {
            lines.Dispose();
        }
    }

    /// <summary>
    /// Reads request envelopes, one per line (empty lines are skipped). Prefer the <see cref="Stream"/> overload for
    /// files: a <see cref="TextReader"/> has already decoded the bytes, so invalid UTF-8 can no longer be seen.
    /// </summary>
    public static async IAsyncEnumerable<BatchItem> ReadAsync<TDocument>(TextReader input, AtolOperation<TDocument> operation, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TDocument : class, IAtolJsonModel<TDocument>, IAtolDocument
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(operation);
        long lineNumber = 0;
        while (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            yield return line.Length > MaxLineBytes
                ? BatchItem.Unreadable(lineNumber, $"the line is longer than {MaxLineBytes / 1024} KiB (ATOL documents are far smaller); not sent")
                : Parse(Encoding.UTF8.GetBytes(line), lineNumber, operation);
        }
    }

    /// <summary>Writes one outcome as a JSON line (no token or password is ever part of an outcome).</summary>
    public static void Write(BatchOutcome outcome, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        using (var writer = new Utf8JsonWriter(output, AtolJson.WriterOptions))
        {
            writer.WriteStartObject();
            if (outcome.LineNumber is { } line)
            {
                writer.WriteNumber("line", line);
            }

            writer.WriteString("external_id", outcome.ExternalId);
            writer.WriteString("operation", outcome.Operation);
            writer.WriteString("outcome", outcome.Kind switch
            {
                BatchOutcomeKind.Done => "done",
                BatchOutcomeKind.Failed => "failed",
                BatchOutcomeKind.Invalid => "invalid",
                _ => "unresolved",
            });
            if (outcome.Uuid is not null)
            {
                writer.WriteString("uuid", outcome.Uuid);
            }

            if (outcome.FromJournal)
            {
                writer.WriteBoolean("from_journal", true);
            }

            if (outcome.IsRepeat)
            {
                writer.WriteBoolean("repeat", true);
            }

            if (outcome.WasDuplicate)
            {
                writer.WriteBoolean("duplicate", true);
            }

            WriteFiscalData(writer, outcome.FiscalData ?? BatchFiscalData.From(outcome.Report));
            if (outcome.Action is { } action)
            {
                writer.WriteString("action", action.ToString());
            }

            if (outcome.Error is { } error)
            {
                writer.WriteString("error", error);
            }

            if (outcome.Violations is { Count: > 0 } violations)
            {
                writer.WriteStartArray("violations");
                foreach (var v in violations)
                {
                    writer.WriteStartObject();
                    writer.WriteString("path", v.Path);
                    writer.WriteString("code", v.Code);
                    writer.WriteString("severity", v.Severity == ValidationSeverity.Error ? "error" : "warning");
                    writer.WriteString("message", v.Message);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        output.Write("\n"u8);
    }

    /// <summary>The fiscal data of a final report, as outcomes and the journal record it.</summary>
    internal static void WriteFiscalData(Utf8JsonWriter writer, BatchFiscalData? fiscal)
    {
        if (fiscal is null)
        {
            return;
        }

        if (fiscal.FnNumber is { } fn)
        {
            writer.WriteString("fn_number", fn);
        }

        if (fiscal.FiscalDocumentNumber is { } fd)
        {
            writer.WriteNumber("fiscal_document_number", fd);
        }

        if (fiscal.FiscalDocumentAttribute is { } fp)
        {
            writer.WriteNumber("fiscal_document_attribute", fp);
        }

        if (fiscal.Total is { } total)
        {
            writer.WriteNumber("total", total);
        }
    }

    private static BatchItem Parse<TDocument>(ReadOnlySpan<byte> line, long lineNumber, AtolOperation<TDocument> operation)
        where TDocument : class, IAtolJsonModel<TDocument>, IAtolDocument
    {
        if (!System.Text.Unicode.Utf8.IsValid(line))
        {
            return BatchItem.Unreadable(lineNumber, $"invalid UTF-8 at byte {FirstInvalidByte(line)} of the line; not sent");
        }

        try
        {
            var document = AtolJson.Parse<TDocument>(line);
            return string.IsNullOrEmpty(document.ExternalId)
                ? BatchItem.Unreadable(lineNumber, "external_id is required in a batch")
                : BatchItem.Create(operation, document, lineNumber);
        }
        catch (AtolJsonException ex)
        {
            return BatchItem.Unreadable(lineNumber, ex.Message);
        }
    }

    private static int FirstInvalidByte(ReadOnlySpan<byte> line)
    {
        int at = 0;
        while (at < line.Length)
        {
            if (Rune.DecodeFromUtf8(line[at..], out _, out int consumed) != OperationStatus.Done)
            {
                return at;
            }

            at += consumed;
        }

        return at;
    }
}
