using AtolOnline.Monitoring;

namespace AtolOnline;

/// <summary>The monitoring API of the account (cash registers and their state). Thread-safe.</summary>
public interface IAtolMonitoringClient
{
    /// <summary>Lists one page of the cash registers of the account (monitoring API, <c>GET api/kkt/v1/cash-registers</c>).</summary>
    /// <param name="limit">Page size (null: the service default).</param>
    /// <param name="offset">Records to skip (null: 0).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<CashRegister>> ListCashRegistersAsync(int? limit = null, int? offset = null, CancellationToken cancellationToken = default);

    /// <summary>Enumerates every cash register of the account, page by page.</summary>
    /// <param name="pageSize">Records per request.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    IAsyncEnumerable<CashRegister> EnumerateCashRegistersAsync(int pageSize = 100, CancellationToken cancellationToken = default);

    /// <summary>Gets one cash register by its factory serial number; null when the service does not know it (HTTP 404).</summary>
    /// <param name="serialNumber">The serial number.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<CashRegister?> GetCashRegisterAsync(string serialNumber, CancellationToken cancellationToken = default);
}
