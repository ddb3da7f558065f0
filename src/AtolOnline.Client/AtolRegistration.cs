using AtolOnline.Protocol;

namespace AtolOnline;

/// <summary>The answer to a registration: ATOL accepted the document (or already had it).</summary>
/// <param name="Uuid">The uuid ATOL assigned; use it to fetch the report.</param>
/// <param name="Status">The status ATOL answered (normally <see cref="AtolDocumentStatus.Wait"/>).</param>
/// <param name="Timestamp">ATOL's <c>timestamp</c> as sent (<c>dd.MM.yyyy HH:mm:ss</c>, ATOL states no time zone; Moscow time in practice).</param>
/// <param name="ExternalId">The external_id that was sent.</param>
/// <param name="Operation">The operation (<c>sell</c>, <c>buy_refund_correction</c>, ...).</param>
/// <param name="IsDuplicate">
/// True when ATOL answered error 33 (the external_id was already registered, possibly by an earlier attempt whose answer was
/// lost): <see cref="Uuid"/> is then the uuid of the document registered first.
/// </param>
/// <param name="Attempts">HTTP attempts made for the registration (1 when nothing had to be repeated).</param>
public sealed record AtolRegistration(
    string Uuid, AtolDocumentStatus Status, string Timestamp, string ExternalId, string Operation, bool IsDuplicate, int Attempts);
