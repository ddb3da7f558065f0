namespace AtolOnline.Internal;

/// <summary>
/// Compares a callback body with the report fetched for its uuid, member by member. ATOL POSTs the report packet itself
/// to callback_url, so every member that describes the document must be equal; a member present on one side only is a
/// difference too (a forged callback must not pass by leaving a field out).
/// </summary>
internal static class CallbackComparison
{
    /// <summary>
    /// The JSON paths of the members that differ. Not compared: <c>timestamp</c> (its meaning is unstated in ATOL's documents,
    /// see schemas/v5/report-response.schema.json) and <c>error.error_id</c> (ATOL's id of one error instance; whether a repeated
    /// report request answers the same id is undocumented). Neither is fiscal data, and a mismatch there would flag genuine
    /// callbacks.
    /// </summary>
    public static List<string> Differences(AtolReport claimed, AtolReport confirmed)
    {
        var differences = new List<string>();
        if (claimed.V5 is { } c5 && confirmed.V5 is { } r5)
        {
            Compare(differences, c5, r5);
        }
        else if (claimed.V4 is { } c4 && confirmed.V4 is { } r4)
        {
            Compare(differences, c4, r4);
        }
        else
        {
            differences.Add("$");
        }

        return differences;
    }

    private static void Compare(List<string> d, V5.ReportResponse c, V5.ReportResponse r)
    {
        Check(d, "uuid", c.Uuid, r.Uuid);
        Check(d, "external_id", c.ExternalId, r.ExternalId);
        Check(d, "status", c.Status, r.Status);
        Check(d, "callback_url", c.CallbackUrl, r.CallbackUrl);
        Check(d, "group_code", c.GroupCode, r.GroupCode);
        Check(d, "daemon_code", c.DaemonCode, r.DaemonCode);
        Check(d, "device_code", c.DeviceCode, r.DeviceCode);
        Check(d, "warnings.callback_url", c.Warnings?.CallbackUrl, r.Warnings?.CallbackUrl);
        CheckError(d, c.Error is { } ce ? (AtolProtocolMapping.ToErrorType(ce.Type), ce.Code, ce.Text) : null, r.Error is { } re ? (AtolProtocolMapping.ToErrorType(re.Type), re.Code, re.Text) : null);
        Check(d, "payload", c.Payload is null, r.Payload is null);
        if (c.Payload is { } cp && r.Payload is { } rp)
        {
            Check(d, "payload.fiscal_receipt_number", cp.FiscalReceiptNumber, rp.FiscalReceiptNumber);
            Check(d, "payload.shift_number", cp.ShiftNumber, rp.ShiftNumber);
            Check(d, "payload.receipt_datetime", cp.ReceiptDatetime, rp.ReceiptDatetime);
            Check(d, "payload.total", cp.Total, rp.Total);
            Check(d, "payload.fn_number", cp.FnNumber, rp.FnNumber);
            Check(d, "payload.ecr_registration_number", cp.EcrRegistrationNumber, rp.EcrRegistrationNumber);
            Check(d, "payload.fiscal_document_number", cp.FiscalDocumentNumber, rp.FiscalDocumentNumber);
            Check(d, "payload.fiscal_document_attribute", cp.FiscalDocumentAttribute, rp.FiscalDocumentAttribute);
            Check(d, "payload.fns_site", cp.FnsSite, rp.FnsSite);
            Check(d, "payload.ofd_inn", cp.OfdInn, rp.OfdInn);
            Check(d, "payload.ofd_receipt_url", cp.OfdReceiptUrl, rp.OfdReceiptUrl);
            CheckMarks(d, cp.MarksResult, rp.MarksResult);
        }
    }

    private static void Compare(List<string> d, V4.ReportResponse c, V4.ReportResponse r)
    {
        Check(d, "uuid", c.Uuid, r.Uuid);
        Check(d, "external_id", c.ExternalId, r.ExternalId);
        Check(d, "status", c.Status, r.Status);
        Check(d, "callback_url", c.CallbackUrl, r.CallbackUrl);
        Check(d, "group_code", c.GroupCode, r.GroupCode);
        Check(d, "daemon_code", c.DaemonCode, r.DaemonCode);
        Check(d, "device_code", c.DeviceCode, r.DeviceCode);
        Check(d, "warnings.callback_url", c.Warnings?.CallbackUrl, r.Warnings?.CallbackUrl);
        CheckError(d, c.Error is { } ce ? (AtolProtocolMapping.ToErrorType(ce.Type), ce.Code, ce.Text) : null, r.Error is { } re ? (AtolProtocolMapping.ToErrorType(re.Type), re.Code, re.Text) : null);
        Check(d, "payload", c.Payload is null, r.Payload is null);
        if (c.Payload is { } cp && r.Payload is { } rp)
        {
            Check(d, "payload.fiscal_receipt_number", cp.FiscalReceiptNumber, rp.FiscalReceiptNumber);
            Check(d, "payload.shift_number", cp.ShiftNumber, rp.ShiftNumber);
            Check(d, "payload.receipt_datetime", cp.ReceiptDatetime, rp.ReceiptDatetime);
            Check(d, "payload.total", cp.Total, rp.Total);
            Check(d, "payload.fn_number", cp.FnNumber, rp.FnNumber);
            Check(d, "payload.ecr_registration_number", cp.EcrRegistrationNumber, rp.EcrRegistrationNumber);
            Check(d, "payload.fiscal_document_number", cp.FiscalDocumentNumber, rp.FiscalDocumentNumber);
            Check(d, "payload.fiscal_document_attribute", cp.FiscalDocumentAttribute, rp.FiscalDocumentAttribute);
            Check(d, "payload.fns_site", cp.FnsSite, rp.FnsSite);
            Check(d, "payload.ofd_inn", cp.OfdInn, rp.OfdInn);
            Check(d, "payload.ofd_receipt_url", cp.OfdReceiptUrl, rp.OfdReceiptUrl);
        }
    }

    private static void CheckError(List<string> d, (AtolErrorType Type, int Code, string? Text)? claimed, (AtolErrorType Type, int Code, string? Text)? confirmed)
    {
        Check(d, "error", claimed is null, confirmed is null);
        if (claimed is { } c && confirmed is { } r)
        {
            Check(d, "error.type", c.Type, r.Type);
            Check(d, "error.code", c.Code, r.Code);
            Check(d, "error.text", c.Text, r.Text);
        }
    }

    private static void CheckMarks(List<string> d, IReadOnlyList<V5.MarkResult>? claimed, IReadOnlyList<V5.MarkResult>? confirmed)
    {
        if ((claimed?.Count ?? -1) != (confirmed?.Count ?? -1))
        {
            d.Add("payload.marks_result");
            return;
        }

        for (int i = 0; i < (claimed?.Count ?? 0); i++)
        {
            var c = claimed![i];
            var r = confirmed![i];
            if (c.Position != r.Position || !string.Equals(c.MarkCode, r.MarkCode, StringComparison.Ordinal) || c.Result != r.Result)
            {
                d.Add("payload.marks_result[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]");
            }
        }
    }

    private static void Check(List<string> d, string path, string? claimed, string? confirmed)
    {
        if (!string.Equals(claimed, confirmed, StringComparison.Ordinal))
        {
            d.Add(path);
        }
    }

    private static void Check<T>(List<string> d, string path, T claimed, T confirmed)
    {
        if (!EqualityComparer<T>.Default.Equals(claimed, confirmed))
        {
            d.Add(path);
        }
    }
}
