using AtolOnline.Json;
using AtolOnline.Protocol;

namespace AtolOnline.Batch.PostgreSql;

/// <summary>A client whose registrations wait for this worker's share of the group's rate.</summary>
internal sealed class PacedClient(IAtolRegistrationClient inner, RatePacer pacer) : IAtolRegistrationClient
{
    public AtolProtocolVersion ProtocolVersion => inner.ProtocolVersion;

    public async Task<AtolRegistration> RegisterAsync<TDocument>(AtolOperation<TDocument> operation, TDocument document, CancellationToken cancellationToken = default)
        where TDocument : class, IAtolJsonModel<TDocument>, IAtolDocument
    {
        await pacer.WaitAsync(cancellationToken).ConfigureAwait(false);
        return await inner.RegisterAsync(operation, document, cancellationToken).ConfigureAwait(false);
    }

    public Task<AtolReport> GetReportAsync(string uuid, CancellationToken cancellationToken = default) => inner.GetReportAsync(uuid, cancellationToken);

    public Task<AtolReport> WaitForReportAsync(string uuid, CancellationToken cancellationToken = default) => inner.WaitForReportAsync(uuid, cancellationToken);
}
