namespace AtolOnline.Batch;

/// <summary>
/// The fiscal data of a fiscalized document, as the journal records it: enough to find the receipt in the fiscal
/// storage and at the OFD without asking ATOL again.
/// </summary>
/// <param name="FnNumber">Fiscal storage number (tag 1041).</param>
/// <param name="FiscalDocumentNumber">Fiscal document number (tag 1040).</param>
/// <param name="FiscalDocumentAttribute">Fiscal sign (tag 1077).</param>
/// <param name="Total">Total registered by the register (tag 1020).</param>
public sealed record BatchFiscalData(string? FnNumber, long? FiscalDocumentNumber, long? FiscalDocumentAttribute, decimal? Total)
{
    /// <summary>The fiscal data of <paramref name="report"/>, or null when it carries none.</summary>
    public static BatchFiscalData? From(AtolReport? report) =>
        report is null || (report.FnNumber is null && report.FiscalDocumentNumber is null && report.FiscalDocumentAttribute is null && report.Total is null)
            ? null
            : new BatchFiscalData(report.FnNumber, report.FiscalDocumentNumber, report.FiscalDocumentAttribute, report.Total);
}
