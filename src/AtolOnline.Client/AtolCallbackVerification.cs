namespace AtolOnline;

/// <summary>A callback checked against the report fetched by its uuid with the client's own token (callbacks carry no signature).</summary>
/// <param name="Claimed">What the callback body said (untrusted).</param>
/// <param name="Confirmed">What ATOL answers for the same uuid: act on this one.</param>
/// <param name="IsConsistent">
/// True when the confirmed report agrees with the claim in every member that describes the document: uuid, external_id,
/// status, callback_url, group_code, daemon_code, device_code, warnings, the error (type, code, text) and every fiscal
/// field of the payload (fiscal_receipt_number, shift_number, receipt_datetime, total, fn_number, ecr_registration_number,
/// fiscal_document_number, fiscal_document_attribute, fns_site, ofd_inn, ofd_receipt_url, and in v5 marks_result). A
/// member present on one side only is a difference. Not compared: timestamp and error_id (not fiscal data; ATOL does not
/// document that a repeated report request answers the same values).
/// </param>
public sealed record AtolCallbackVerification(AtolReport Claimed, AtolReport Confirmed, bool IsConsistent)
{
    /// <summary>The JSON paths of the members that differ (e.g. <c>payload.fn_number</c>); empty when consistent.</summary>
    public IReadOnlyList<string> Differences { get; init; } = [];
}
