using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace AtolOnline.Batch;

/// <summary>
/// JSON Lines in and out: one request envelope per input line, one outcome per output line. An input line that
/// cannot be read becomes an <see cref="BatchOutcomeKind.Invalid"/> outcome with its line number; it never stops the batch.
/// </summary>
public static class BatchJsonLines
{
    /// <summary>Reads request envelopes, one per line (empty lines are skipped).</summary>
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

            BatchItem item;
            try
            {
                var document = AtolJson.Parse<TDocument>(Encoding.UTF8.GetBytes(line));
                item = string.IsNullOrEmpty(document.ExternalId)
                    ? BatchItem.Unreadable(lineNumber, "external_id is required in a batch")
                    : BatchItem.Create(operation, document, lineNumber);
            }
            catch (AtolJsonException ex)
            {
                item = BatchItem.Unreadable(lineNumber, ex.Message);
            }

            yield return item;
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

            if (outcome.WasDuplicate)
            {
                writer.WriteBoolean("duplicate", true);
            }

            if (outcome.Report is { } report)
            {
                WriteFiscalData(writer, report);
            }

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
    internal static void WriteFiscalData(Utf8JsonWriter writer, AtolReport report)
    {
        if (report.FnNumber is { } fn)
        {
            writer.WriteString("fn_number", fn);
        }

        if (report.FiscalDocumentNumber is { } fd)
        {
            writer.WriteNumber("fiscal_document_number", fd);
        }

        if (report.FiscalDocumentAttribute is { } fp)
        {
            writer.WriteNumber("fiscal_document_attribute", fp);
        }
    }
}
