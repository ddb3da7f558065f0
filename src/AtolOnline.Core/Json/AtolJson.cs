using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using AtolOnline.Validation;

namespace AtolOnline.Json;

/// <summary>Reading, writing and validating the generated documents as UTF-8 JSON.</summary>
public static class AtolJson
{
    /// <summary>
    /// Cyrillic and other non-ASCII text is written as UTF-8, not as <c>\u</c> escapes: the bodies go to an HTTP API,
    /// never into HTML, so the relaxed encoder is the right one.
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    /// <summary>Options for the generated serializer contexts (same encoder; not indented).</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = CreateOptions();

    /// <summary>Writes <paramref name="model"/> as UTF-8 JSON into <paramref name="output"/>.</summary>
    public static void Write<T>(T model, IBufferWriter<byte> output)
        where T : class, IAtolJsonModel<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        model.WriteTo(writer);
    }

    /// <summary>Writes <paramref name="model"/> as a new UTF-8 byte array.</summary>
    public static byte[] ToUtf8Bytes<T>(T model)
        where T : class, IAtolJsonModel<T>
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        Write(model, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes <paramref name="model"/> as a JSON string.</summary>
    public static string ToJsonString<T>(T model)
        where T : class, IAtolJsonModel<T> => System.Text.Encoding.UTF8.GetString(ToUtf8Bytes(model));

    /// <summary>Reads one document.</summary>
    /// <exception cref="AtolJsonException">The JSON is malformed or does not have the document's shape.</exception>
    public static T Parse<T>(ReadOnlySpan<byte> utf8Json)
        where T : class, IAtolJsonModel<T>
    {
        var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
        T value = Internal.JsonRead.Root<T>(ref reader, null);
        EnsureEnd(ref reader);
        return value;
    }

    /// <summary>
    /// Reads and validates a document in one pass: shape problems (unknown, missing or wrong-typed members) and rule
    /// violations are all reported. Only malformed JSON throws.
    /// </summary>
    /// <exception cref="AtolJsonException">The JSON is malformed.</exception>
    public static ValidationResult Validate<T>(ReadOnlySpan<byte> utf8Json, out T? document)
        where T : class, IAtolJsonModel<T> => Validate(utf8Json, out document, ValidationProfile.Safe, null);

    /// <summary>
    /// Reads and validates a document in one pass in <paramref name="profile"/>, for the URL
    /// <paramref name="operation"/> (<c>sell</c>, <c>buy_refund</c> ...; null: unknown, and rules that depend on it, such
    /// as vat18/vat118 in a v4 sell or buy, only warn). <see cref="ValidationProfile.Service"/> reports only what ATOL's
    /// service refuses up front (its printed schema: in v4 unknown members are skipped; a member given twice keeps its
    /// last value). Only malformed JSON throws.
    /// </summary>
    /// <exception cref="AtolJsonException">The JSON is malformed.</exception>
    public static ValidationResult Validate<T>(ReadOnlySpan<byte> utf8Json, out T? document, ValidationProfile profile, string? operation = null)
        where T : class, IAtolJsonModel<T>
    {
        var context = new ValidationContext { Profile = profile, Operation = operation };
        var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
        document = Internal.JsonRead.Root<T>(ref reader, context);
        EnsureEnd(ref reader);
        document.Validate(context);
        return context.ToResult();
    }

    /// <summary>Reader options: comments and trailing commas are refused (ATOL refuses them too); depth 64.</summary>
    public static JsonReaderOptions ReaderOptions { get; } = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 };

    private static void EnsureEnd(ref Utf8JsonReader reader)
    {
        try
        {
            if (reader.Read())
            {
                throw new AtolJsonException($"$: лишние данные после документа (байт {reader.TokenStartIndex})", "", "Syntax", reader.TokenStartIndex);
            }
        }
        catch (JsonException ex)
        {
            throw new AtolJsonException($"$: лишние данные после документа (байт {reader.BytesConsumed})", "", "Syntax", reader.BytesConsumed, ex);
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, TypeInfoResolver = JsonTypeInfoResolver.Combine() };
        options.MakeReadOnly();
        return options;
    }
}
