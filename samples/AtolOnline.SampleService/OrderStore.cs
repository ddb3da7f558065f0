using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace AtolOnline.SampleService;

/// <summary>
/// Orders in memory, each change appended to orders.jsonl and flushed to disk before it is acted on, so a restarted
/// service knows every order it accepted (and sends the ones not yet registered again, under the same external_id).
/// </summary>
internal sealed class OrderStore : IDisposable
{
    private readonly ConcurrentDictionary<string, OrderRecord> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _idByUuid = new(StringComparer.Ordinal);
    private readonly Lock _write = new();
    private readonly FileStream _file;

    public OrderStore(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "orders.jsonl");
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path))
            {
                // A line cut by a crash is the last one: the change it describes was never acted on.
                if (line.Length > 0 && line[^1] == '}' && TryRead(line) is { } record)
                {
                    Index(record);
                }
            }
        }

        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
    }

    public IEnumerable<OrderRecord> All => _byId.Values;

    public OrderRecord? Find(string id) => _byId.TryGetValue(id, out var record) ? record : null;

    public OrderRecord? FindByUuid(string uuid) => _idByUuid.TryGetValue(uuid, out var id) ? Find(id) : null;

    /// <summary>Appends the record and flushes it to disk, then makes it visible.</summary>
    public void Save(OrderRecord record)
    {
        var line = JsonSerializer.Serialize(record, SampleJson.Default.OrderRecord) + "\n";
        lock (_write)
        {
            _file.Write(Encoding.UTF8.GetBytes(line));
            _file.Flush(flushToDisk: true);
            Index(record);
        }
    }

    /// <summary>
    /// Changes an order atomically: <paramref name="change"/> gets the current record and returns the new one, or null to
    /// leave it (e.g. a late registration answer must not overwrite a result that arrived first).
    /// </summary>
    public OrderRecord? Update(string id, Func<OrderRecord, OrderRecord?> change)
    {
        lock (_write)
        {
            if (Find(id) is not { } current)
            {
                return null;
            }

            if (change(current) is not { } changed)
            {
                return current;
            }

            Save(changed);
            return changed;
        }
    }

    public void Dispose() => _file.Dispose();

    private void Index(OrderRecord record)
    {
        _byId[record.Id] = record;
        if (record.Uuid is { } uuid)
        {
            _idByUuid[uuid] = record.Id;
        }
    }

    private static OrderRecord? TryRead(string line)
    {
        try
        {
            return JsonSerializer.Deserialize(line, SampleJson.Default.OrderRecord);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
