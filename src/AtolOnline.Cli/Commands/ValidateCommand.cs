using System.CommandLine;
using System.Text;
using System.Text.Json;
using AtolOnline.Validation;
using AtolOnline.Json;

namespace AtolOnline.Cli.Commands;

/// <summary><c>atol validate FILE... [--protocol v4|v5] [--operation OP] [--format text|json]</c>.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("FILE") { Description = "Request envelopes (external_id, timestamp, service, receipt or correction).", Arity = ArgumentArity.OneOrMore };
        var protocol = new Option<string>("--protocol") { Description = "Protocol version: v4 (FFD 1.05) or v5 (FFD 1.2).", DefaultValueFactory = _ => "v5" };
        protocol.AcceptOnlyFromAmong("v4", "v5");
        var format = new Option<string>("--format") { Description = "Output: text (one line per violation) or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var operation = new Option<string?>("--operation")
        {
            Description = "The operation the files are for (sell, sell_refund, buy, buy_refund, *_correction). Rules that depend on it "
                + "(vat18/vat118 in a v4 sell or buy) are errors with it and warnings without it.",
        };
        operation.AcceptOnlyFromAmong([.. Operations.Names]);
        var command = new Command("validate", "Validate ATOL request files and print every violation. Exit 0 valid, 1 invalid, 2 unreadable.")
        {
            files, protocol, operation, format,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(operation) is { } op && result.GetValue(protocol) == "v4" && op.EndsWith("refund_correction", StringComparison.Ordinal))
            {
                result.AddError($"операции {op} нет в протоколе v4");
            }
        });
        command.SetAction(parse => Run(parse.GetValue(files)!, parse.GetValue(protocol)!, parse.GetValue(operation), parse.GetValue(format)!));
        return command;
    }

    private static int Run(FileInfo[] files, string protocol, string? operation, string format)
    {
        int exit = 0;
        var json = format == "json" ? new Utf8JsonWriter(Console.OpenStandardOutput(), new JsonWriterOptions { Encoder = AtolJson.WriterOptions.Encoder, Indented = true }) : null;
        json?.WriteStartArray();
        foreach (var file in files)
        {
            byte[] bytes;
            try
            {
                bytes = ReadLimited(file.FullName);
            }
            catch (InvalidDataException ex)
            {
                Console.Error.WriteLine($"atol: {file.Name}: {ex.Message}");
                exit = 2;
                continue;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"atol: {file.Name}: не удалось прочитать файл: {ex.Message}");
                exit = 2;
                continue;
            }

            ValidationResult result;
            try
            {
                result = DocumentValidation.Validate(bytes, protocol, operation);
            }
            catch (AtolJsonException ex)
            {
                Console.Error.WriteLine($"atol: {file.Name}: {ex.Message}");
                exit = 2;
                continue;
            }

            if (!result.IsValid && exit == 0)
            {
                exit = 1;
            }

            foreach (var v in result.Violations)
            {
                if (json is null)
                {
                    Console.WriteLine((files.Length > 1 ? file.Name + ": " : "") + v);
                }
                else
                {
                    json.WriteStartObject();
                    json.WriteString("file", file.Name);
                    json.WriteString("path", v.Path);
                    json.WriteString("code", v.Code);
                    if (v.FfdTag is { } tag)
                    {
                        json.WriteNumber("tag", tag);
                    }
                    else
                    {
                        json.WriteNull("tag");
                    }

                    json.WriteString("severity", v.Severity == ValidationSeverity.Error ? "error" : "warning");
                    json.WriteString("message", v.Message);
                    json.WriteEndObject();
                }
            }

            if (json is null && result.Violations.Count == 0)
            {
                Console.WriteLine($"{file.Name}: документ корректен");
            }
        }

        if (json is not null)
        {
            json.WriteEndArray();
            json.Flush();
            json.Dispose();
            Console.WriteLine();
        }

        return exit;
    }

    /// <summary>Largest document file accepted: 1 MiB (ATOL documents are small: a receipt of 100 items, indented, is about 60 KB).</summary>
    internal const int MaxFileBytes = 1024 * 1024;

    /// <summary>
    /// Reads at most <see cref="MaxFileBytes"/>: a larger regular file is refused by its length without reading it, and
    /// a device or pipe (no length, e.g. /dev/zero) is refused after one byte more than the limit.
    /// </summary>
    private static byte[] ReadLimited(string path)
    {
        if (Directory.Exists(path))
        {
            throw new InvalidDataException("это каталог, а не файл");
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        if (stream.CanSeek && stream.Length > MaxFileBytes)
        {
            throw new InvalidDataException($"файл больше {MaxFileBytes / 1024} КиБ ({stream.Length} байт): документы ATOL намного меньше; не прочитан");
        }

        var buffer = new byte[MaxFileBytes + 1];
        int total = 0, read;
        while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
        }

        return total > MaxFileBytes
            ? throw new InvalidDataException($"больше {MaxFileBytes / 1024} КиБ: документы ATOL намного меньше; чтение остановлено")
            : buffer[..total];
    }
}

/// <summary>Picks the document type from the root key (<c>receipt</c> or <c>correction</c>) and the protocol.</summary>
internal static class DocumentValidation
{
    /// <summary>Validates in the safe profile; <paramref name="operation"/> null: operation-dependent rules only warn.</summary>
    public static ValidationResult Validate(byte[] bytes, string protocol, string? operation = null)
    {
        bool correction = HasRootKey(bytes, "correction"u8);
        return (protocol, correction) switch
        {
            ("v4", false) => AtolJson.Validate<V4.ReceiptRequest>(bytes, out _, ValidationProfile.Safe, operation),
            ("v4", true) => AtolJson.Validate<V4.CorrectionRequest>(bytes, out _, ValidationProfile.Safe, operation),
            (_, false) => AtolJson.Validate<V5.ReceiptRequest>(bytes, out _, ValidationProfile.Safe, operation),
            (_, true) => AtolJson.Validate<V5.CorrectionRequest>(bytes, out _, ValidationProfile.Safe, operation),
        };
    }

    private static bool HasRootKey(byte[] bytes, ReadOnlySpan<byte> key)
    {
        var reader = new Utf8JsonReader(bytes, AtolJson.ReaderOptions);
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(key))
                {
                    return true;
                }
            }
        }
        catch (JsonException)
        {
            // Malformed JSON is reported, with its position, by the validation that follows.
        }

        return false;
    }
}
