namespace AtolOnline.Emulator;

/// <summary>The registration requests the emulator received for one external_id of one group.</summary>
/// <param name="GroupCode">The group code in the request's URL.</param>
/// <param name="ExternalId">The <c>external_id</c> of the request body.</param>
/// <param name="Registrations">
/// Every registration request that named this external_id, whatever its answer: accepted, answered 33, refused
/// (invalid, wrong token, body too large) or cut by a fault.
/// </param>
/// <param name="Accepted">Requests that stored a new document (answered with a new uuid, or stored and then cut by an after-store fault).</param>
/// <param name="Duplicates">Requests answered 33 because the external_id was already stored.</param>
public sealed record ExternalIdRequests(string GroupCode, string ExternalId, int Registrations, int Accepted, int Duplicates)
{
    /// <summary>Requests that neither stored a document nor were answered 33 (refused, or failed by a fault before storing).</summary>
    public int Refused => Math.Max(0, Registrations - Accepted - Duplicates);
}
