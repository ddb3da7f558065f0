using System.Buffers;
using System.Text.Json;
using AtolOnline.Benchmarks.Baselines;
using AtolOnline.Benchmarks.Infrastructure;
using AtolOnline.Emulator;
using AtolOnline.V5;
using BenchmarkDotNet.Attributes;
using AtolOnline.Json;

namespace AtolOnline.Benchmarks;

/// <summary>
/// A v5 sell request with 100 items (Cyrillic names, agents with suppliers, marking codes) written as UTF-8 into a
/// reused buffer: the buffer and the <see cref="Utf8JsonWriter"/> (or Newtonsoft's <see cref="StreamWriter"/>) are
/// created once and reset per call, so the allocations shown are the serializer's own.
/// </summary>
[MemoryDiagnoser]
public class SerializeLargeReceipt
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256 * 1024);
    private ReceiptRequest _document = null!;
    private NsReceiptRequest _newtonsoftDocument = null!;
    private Utf8JsonWriter _writer = null!;
    private StreamWriter _text = null!;

    /// <summary>Builds the document and its Newtonsoft twin, and checks that all methods write the same JSON.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _document = SampleDocuments.Sell(seed: 7, itemCount: 100);
        _newtonsoftDocument = NsMapper.Map(_document);
        _writer = new Utf8JsonWriter(_buffer, AtolJson.WriterOptions);
        _text = new StreamWriter(new BufferWriterStream(_buffer), Fixtures.Utf8NoBom, bufferSize: 16 * 1024);
        Equivalence.Check(
            nameof(SerializeLargeReceipt),
            (nameof(Generated), Output(Generated)),
            (nameof(StjReflection), Output(StjReflection)),
            (nameof(Newtonsoft), Output(Newtonsoft)),
            (nameof(HandWritten), Output(HandWritten)));
    }

    /// <summary>Releases the writers.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _writer.Dispose();
        _text.Dispose();
    }

    /// <summary>Ours: the generated <c>WriteTo</c>.</summary>
    [Benchmark(Baseline = true)]
    public int Generated()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _document.WriteTo(_writer);
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    /// <summary>System.Text.Json, reflection metadata over the same records.</summary>
    [Benchmark]
    public int StjReflection()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        JsonSerializer.Serialize(_writer, _document, Fixtures.StjReflectionOptions);
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    /// <summary>Newtonsoft.Json over the plain twin classes, into the same buffer.</summary>
    [Benchmark]
    public int Newtonsoft()
    {
        _buffer.ResetWrittenCount();
        using (var json = new global::Newtonsoft.Json.JsonTextWriter(_text) { CloseOutput = false })
        {
            Fixtures.NewtonsoftSerializer.Serialize(json, _newtonsoftDocument);
        }

        _text.Flush();
        return _buffer.WrittenCount;
    }

    /// <summary>The practical limit: a hand-written writer with pre-encoded names.</summary>
    [Benchmark]
    public int HandWritten()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        HandWrittenWriter.Write(_writer, _document);
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    private byte[] Output(Func<int> method)
    {
        method();
        return _buffer.WrittenSpan.ToArray();
    }
}
