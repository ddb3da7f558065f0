using System.Globalization;
using AtolOnline.Batch;

namespace AtolOnline.Cli.Commands;

/// <summary>A progress bar on a terminal; plain lines (one per second at most) when output is redirected.</summary>
internal sealed class ProgressPrinter : IProgress<BatchProgress>
{
    private readonly long? _total;
    private readonly bool _terminal = !Console.IsErrorRedirected;
    private readonly Lock _gate = new();
    private TimeSpan? _lastLine;

    public ProgressPrinter(long? total)
    {
        _total = total;
    }

    public void Report(BatchProgress value)
    {
        lock (_gate)
        {
            string counts = string.Create(CultureInfo.InvariantCulture,
                $"{value.Completed}{(_total is { } t ? "/" + t : "")}  готово {value.Done}  отказ {value.Failed}  не отправлено {value.Invalid}  не завершено {value.Unresolved}  {value.PerSecond:F0} док/с{(value.Remaining is { } r ? $"  осталось {r.TotalSeconds:F0} с" : "")}");
            if (_terminal)
            {
                int width = 30;
                int filled = _total is > 0 ? (int)(width * Math.Min(1.0, value.Completed / (double)_total.Value)) : 0;
                Console.Error.Write("\r[" + new string('#', filled) + new string('.', width - filled) + "] " + counts + "   ");
            }
            else if (_lastLine is not { } last || value.Elapsed - last >= TimeSpan.FromSeconds(1) || (_total is { } total && value.Completed >= total))
            {
                _lastLine = value.Elapsed;
                Console.Error.WriteLine(counts);
            }
        }
    }

    public void Finish()
    {
        if (_terminal)
        {
            Console.Error.WriteLine();
        }
    }
}
