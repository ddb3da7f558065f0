using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using AtolOnline.Benchmarks.Baselines;
using AtolOnline.Json;

namespace AtolOnline.Benchmarks.Infrastructure;

/// <summary>Serializer set-ups shared by the benchmarks, built once per process.</summary>
public static class Fixtures
{
    /// <summary>
    /// System.Text.Json with reflection over the same generated records: reflection resolver, snake_case names, the same
    /// relaxed encoder as <see cref="AtolJson.WriterOptions"/>, nulls omitted, and converters for the string enums.
    /// </summary>
    public static JsonSerializerOptions StjReflectionOptions { get; } = CreateStjOptions();

    /// <summary>Newtonsoft.Json set up as peer libraries do: nulls omitted, string enums through converters.</summary>
    public static Newtonsoft.Json.JsonSerializer NewtonsoftSerializer { get; } = Newtonsoft.Json.JsonSerializer.Create(new Newtonsoft.Json.JsonSerializerSettings
    {
        NullValueHandling = Newtonsoft.Json.NullValueHandling.Ignore,
        Formatting = Newtonsoft.Json.Formatting.None,
        Converters = [.. WireEnums.Newtonsoft()],
    });

    /// <summary>UTF-8 without a byte order mark, for Newtonsoft's <see cref="StreamWriter"/>.</summary>
    public static Encoding Utf8NoBom { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private static JsonSerializerOptions CreateStjOptions()
    {
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        foreach (var converter in WireEnums.Stj())
        {
            options.Converters.Add(converter);
        }

        options.MakeReadOnly();
        return options;
    }
}

/// <summary>Checks in GlobalSetup that every method of a benchmark produces the same JSON, up to formatting.</summary>
public static class Equivalence
{
    /// <summary>
    /// Throws when any output differs semantically from the first one: byte-identical outputs pass at once, the others
    /// are compared with <see cref="JsonElement.DeepEquals"/> (numbers compare by value, so Newtonsoft's 5.0 equals 5).
    /// </summary>
    public static void Check(string benchmark, params (string Method, byte[] Json)[] outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var (firstMethod, firstJson) = outputs[0];
        using var expected = JsonDocument.Parse(firstJson);
        foreach (var (method, json) in outputs.Skip(1))
        {
            if (json.AsSpan().SequenceEqual(firstJson))
            {
                continue;
            }

            using var actual = JsonDocument.Parse(json);
            if (!JsonElement.DeepEquals(expected.RootElement, actual.RootElement))
            {
                throw new InvalidOperationException(
                    $"{benchmark}: {method} does not produce the same JSON as {firstMethod}.\n{firstMethod}: {Head(firstJson)}\n{method}: {Head(json)}");
            }
        }
    }

    private static string Head(byte[] json)
    {
        string text = Encoding.UTF8.GetString(json);
        return text.Length <= 2000 ? text : text[..2000] + "...";
    }
}

/// <summary>A write-only <see cref="Stream"/> over an <see cref="IBufferWriter{T}"/> (how Newtonsoft reaches the same buffer).</summary>
public sealed class BufferWriterStream(IBufferWriter<byte> output) : Stream
{
    /// <inheritdoc/>
    public override bool CanRead => false;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => true;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<byte> buffer) => output.Write(buffer);
}
