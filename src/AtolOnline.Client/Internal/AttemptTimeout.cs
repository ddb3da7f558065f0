using System.Collections.Concurrent;

namespace AtolOnline.Internal;

/// <summary>
/// The per-attempt timeout: a pooled <see cref="CancellationTokenSource"/> (its timer is reused through
/// <see cref="CancellationTokenSource.TryReset"/>) cancelled after the timeout or when the caller's token is cancelled.
/// </summary>
internal sealed class AttemptTimeout : IDisposable
{
    private static readonly ConcurrentQueue<AttemptTimeout> Pool = new();
    private const int MaxPooled = 64;

    private CancellationTokenSource _source = new();
    private CancellationTokenRegistration _link;

    public CancellationToken Token => _source.Token;

    public static AttemptTimeout Start(TimeSpan timeout, CancellationToken callerToken)
    {
        if (!Pool.TryDequeue(out var item))
        {
            item = new AttemptTimeout();
        }

        item._source.CancelAfter(timeout);
        if (callerToken.CanBeCanceled)
        {
            item._link = callerToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), item._source);
        }

        return item;
    }

    public void Dispose()
    {
        _link.Dispose();
        _source.Dispose();
    }

    public void Return()
    {
        _link.Dispose();
        _link = default;
        if (_source.TryReset() && Pool.Count < MaxPooled)
        {
            Pool.Enqueue(this);
        }
        else
        {
            _source.Dispose();
            _source = new CancellationTokenSource();
            if (Pool.Count < MaxPooled)
            {
                Pool.Enqueue(this);
            }
        }
    }
}
