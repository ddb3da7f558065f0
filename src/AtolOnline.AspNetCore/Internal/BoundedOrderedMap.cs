using System.Diagnostics.CodeAnalysis;

namespace AtolOnline.Internal;

/// <summary>A dictionary that forgets its oldest entries beyond a capacity (memory stays bounded). Not thread-safe.</summary>
internal sealed class BoundedOrderedMap<TValue>(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<KeyValuePair<string, TValue>>> _nodes = new(StringComparer.Ordinal);
    private readonly LinkedList<KeyValuePair<string, TValue>> _order = new();

    public int Count => _nodes.Count;

    public bool ContainsKey(string key) => _nodes.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TValue value)
    {
        if (_nodes.TryGetValue(key, out var node))
        {
            value = node.Value.Value;
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Sets the value (a key set again becomes the newest); returns the entry forgotten to make room, if any.</summary>
    public KeyValuePair<string, TValue>? Set(string key, TValue value)
    {
        if (_nodes.Remove(key, out var existing))
        {
            _order.Remove(existing);
        }

        _nodes[key] = _order.AddLast(new KeyValuePair<string, TValue>(key, value));
        if (_nodes.Count <= capacity)
        {
            return null;
        }

        var oldest = _order.First!;
        _order.RemoveFirst();
        _nodes.Remove(oldest.Value.Key);
        return oldest.Value;
    }

    public bool Remove(string key, [MaybeNullWhen(false)] out TValue value)
    {
        if (_nodes.Remove(key, out var node))
        {
            _order.Remove(node);
            value = node.Value.Value;
            return true;
        }

        value = default;
        return false;
    }
}
