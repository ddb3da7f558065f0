using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AtolOnline.Internal;

/// <summary>The last result of a health check and when it was taken.</summary>
internal sealed class HealthCheckCache
{
    private readonly Lock _sync = new();
    private HealthCheckResult? _result;
    private DateTimeOffset _at;

    public bool TryGet(DateTimeOffset now, TimeSpan duration, out HealthCheckResult result)
    {
        lock (_sync)
        {
            if (_result is { } cached && now - _at < duration && now >= _at)
            {
                result = cached;
                return true;
            }
        }

        result = default;
        return false;
    }

    public void Set(DateTimeOffset now, HealthCheckResult result)
    {
        lock (_sync)
        {
            _result = result;
            _at = now;
        }
    }
}
