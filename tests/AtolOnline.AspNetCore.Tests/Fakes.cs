using System.Runtime.CompilerServices;
using AtolOnline.Monitoring;

namespace AtolOnline.AspNetCoreTests;

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>A monitoring API answering the registers the test sets (or failing as the test says), counting its calls.</summary>
internal sealed class FakeMonitoringClient : IAtolMonitoringClient
{
    public List<CashRegister> Registers { get; } = [];

    public Exception? Failure { get; set; }

    public int Calls { get; private set; }

    public Task<IReadOnlyList<CashRegister>> ListCashRegistersAsync(int? limit = null, int? offset = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("the health check enumerates");

    public async IAsyncEnumerable<CashRegister> EnumerateCashRegistersAsync(int pageSize = 100, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Calls++;
        await Task.Yield();
        if (Failure is not null)
        {
            throw Failure;
        }

        foreach (var register in Registers)
        {
            yield return register;
        }
    }

    public Task<CashRegister?> GetCashRegisterAsync(string serialNumber, CancellationToken cancellationToken = default) =>
        Task.FromResult(Registers.Find(r => r.SerialNumber == serialNumber));
}
