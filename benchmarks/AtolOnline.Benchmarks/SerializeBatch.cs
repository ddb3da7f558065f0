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
/// <see cref="Count"/> different v5 sell requests of 10 items each, written as one JSON array into one
/// <see cref="IBufferWriter{T}"/> that is reset (not reallocated) per call. Time per document = Mean / Count.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PerDocumentConfig))]
public class SerializeBatch
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1024 * 1024);
    private ReceiptRequest[] _documents = null!;
    private NsReceiptRequest[] _newtonsoftDocuments = null!;
    private Utf8JsonWriter _writer = null!;
    private StreamWriter _text = null!;

    /// <summary>Number of documents per call.</summary>
    [Params(1000, 10000)]
    public int Count { get; set; }

    /// <summary>Builds the documents and their Newtonsoft twins, and checks that all methods write the same JSON.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _documents = [.. Enumerable.Range(0, Count).Select(i => SampleDocuments.Sell(seed: 1000 + i, itemCount: 10))];
        _newtonsoftDocuments = [.. _documents.Select(NsMapper.Map)];
        _writer = new Utf8JsonWriter(_buffer, AtolJson.WriterOptions);
        _text = new StreamWriter(new BufferWriterStream(_buffer), Fixtures.Utf8NoBom, bufferSize: 16 * 1024);
        Equivalence.Check(
            $"{nameof(SerializeBatch)}({Count})",
            (nameof(Generated), Output(Generated)),
            (nameof(StjReflection), Output(StjReflection)),
            (nameof(Newtonsoft), Output(Newtonsoft)));
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
        _writer.WriteStartArray();
        var documents = _documents;
        for (int i = 0; i < documents.Length; i++)
        {
            documents[i].WriteTo(_writer);
        }

        _writer.WriteEndArray();
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    /// <summary>System.Text.Json, reflection metadata over the same records.</summary>
    [Benchmark]
    public int StjReflection()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartArray();
        var documents = _documents;
        for (int i = 0; i < documents.Length; i++)
        {
            JsonSerializer.Serialize(_writer, documents[i], Fixtures.StjReflectionOptions);
        }

        _writer.WriteEndArray();
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
            json.WriteStartArray();
            var documents = _newtonsoftDocuments;
            for (int i = 0; i < documents.Length; i++)
            {
                Fixtures.NewtonsoftSerializer.Serialize(json, documents[i]);
            }

            json.WriteEndArray();
        }

        _text.Flush();
        return _buffer.WrittenCount;
    }

    private byte[] Output(Func<int> method)
    {
        method();
        return _buffer.WrittenSpan.ToArray();
    }
}
