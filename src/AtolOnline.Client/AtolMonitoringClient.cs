using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using AtolOnline.Internal;
using AtolOnline.Internal.Pipeline;
using AtolOnline.Monitoring;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AtolOnline;

/// <summary>
/// The ATOL Online monitoring API client (cash registers and their state) over an <see cref="HttpClient"/> you give it.
/// Thread-safe: share one instance. It takes the same options as <see cref="AtolClient"/> (only the base address,
/// login, password and transport settings matter), uses the same transport (retries, attempt timeout, size cap, no
/// redirects) and the same process-wide monitoring token as every client of the same host and login;
/// <see cref="AtolClient"/> delegates its monitoring calls to one.
/// </summary>
public sealed class AtolMonitoringClient : IAtolMonitoringClient
{
    private const string HalJson = "application/hal+json";

    private readonly AtolTransport _transport;
    private readonly TokenSource _token;
    private readonly string _cashRegisters;

    /// <summary>Creates a monitoring client.</summary>
    /// <param name="httpClient">The HTTP client (not disposed by this client).</param>
    /// <param name="options">Settings; validated and copied, later changes have no effect.</param>
    /// <param name="logger">Logger (none by default).</param>
    /// <exception cref="ArgumentException">The options are invalid (see <see cref="AtolClientOptions.Validate"/>).</exception>
    public AtolMonitoringClient(HttpClient httpClient, AtolClientOptions options, ILogger<AtolMonitoringClient>? logger = null)
        : this(CreateTransport(httpClient, options, logger))
    {
    }

    internal AtolMonitoringClient(AtolTransport transport)
    {
        _transport = transport;
        _cashRegisters = $"{transport.Root}api/kkt/v1/cash-registers";
        _token = transport.CreateTokenSource("monitoring", "monitoring", "gettoken", new Uri($"{transport.Root}api/auth/v1/gettoken"), transport.CreateMonitoringTokenRequest);
    }

    /// <summary>How many monitoring tokens this process fetched for this client's host and login.</summary>
    public int TokenFetchCount => _token.FetchCount;

    /// <inheritdoc/>
    public async Task<IReadOnlyList<CashRegister>> ListCashRegistersAsync(int? limit = null, int? offset = null, CancellationToken cancellationToken = default)
    {
        if (limit is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(limit));
        }

        if (offset is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(offset));
        }

        using var activity = AtolDiagnostics.ActivitySource.StartActivity("atol.monitoring", ActivityKind.Client);
        try
        {
            string query = (limit, offset) switch
            {
                (null, null) => "",
                (int l, null) => "?limit=" + l.ToString(CultureInfo.InvariantCulture),
                (null, int o) => "?offset=" + o.ToString(CultureInfo.InvariantCulture),
                (int l, int o) => "?limit=" + l.ToString(CultureInfo.InvariantCulture) + "&offset=" + o.ToString(CultureInfo.InvariantCulture),
            };
            var request = new AtolHttpRequest("cash-registers", AtolRequestKind.Monitoring, HttpMethod.Get, new Uri(_cashRegisters + query), null, _token);
            using var raw = await _transport.Pipeline.SendAsync(request, cancellationToken).ConfigureAwait(false);
            AtolAnswers.ThrowIfError(raw, "cash-registers");
            return CashRegisterReader.ReadList(raw);
        }
        catch (Exception ex) when (OperationTelemetry.Failed(ex, "cash-registers", activity, _transport.Logger))
        {
            throw;
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<CashRegister> EnumerateCashRegistersAsync(int pageSize = 100, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        int offset = 0;
        while (true)
        {
            var page = await ListCashRegistersAsync(pageSize, offset, cancellationToken).ConfigureAwait(false);
            foreach (var register in page)
            {
                yield return register;
            }

            if (page.Count < pageSize)
            {
                yield break;
            }

            offset += page.Count;
        }
    }

    /// <inheritdoc/>
    public async Task<CashRegister?> GetCashRegisterAsync(string serialNumber, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serialNumber);
        using var activity = AtolDiagnostics.ActivitySource.StartActivity("atol.monitoring", ActivityKind.Client);
        try
        {
            var uri = new Uri(_cashRegisters + "/" + Uri.EscapeDataString(serialNumber));
            using var raw = await _transport.Pipeline.SendAsync(new AtolHttpRequest("cash-register", AtolRequestKind.Monitoring, HttpMethod.Get, uri, null, _token, HalJson), cancellationToken).ConfigureAwait(false);
            if (raw.Status == (int)HttpStatusCode.NotFound)
            {
                return null;
            }

            AtolAnswers.ThrowIfError(raw, "cash-register");
            return CashRegisterReader.ReadOne(raw);
        }
        catch (Exception ex) when (OperationTelemetry.Failed(ex, "cash-register", activity, _transport.Logger))
        {
            throw;
        }
    }

    private static AtolTransport CreateTransport(HttpClient httpClient, AtolClientOptions options, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new AtolTransport(httpClient, options, logger ?? NullLogger.Instance);
    }
}
