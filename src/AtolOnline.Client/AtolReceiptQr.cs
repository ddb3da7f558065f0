using System.Globalization;
using AtolOnline.Protocol;

namespace AtolOnline;

/// <summary>
/// The string printed as a QR code on every Russian receipt and read by the tax service's receipt-check app:
/// <c>t=YYYYMMDDTHHMM&amp;s=SUM&amp;fn=FN&amp;i=FD&amp;fp=FPD&amp;n=KIND</c> (receipt time, total with two decimals, fiscal
/// drive number, fiscal document number, fiscal sign, settlement sign 1-4). Built from a final report, so a shop can
/// show or send the buyer the receipt's tax-service data after payment.
/// </summary>
public static class AtolReceiptQr
{
    /// <summary>The QR string of a done report of a document sent by <paramref name="operation"/>.</summary>
    /// <param name="report">The report (status done, with its fiscal data).</param>
    /// <param name="operation">The operation the document was sent with: it gives the settlement sign (sell 1, sell_refund 2, buy 3, buy_refund 4; a correction its own sign).</param>
    /// <returns>The QR string.</returns>
    /// <exception cref="InvalidOperationException">The report is not done or lacks a fiscal field the string needs.</exception>
    /// <exception cref="ArgumentException">The operation belongs to the other protocol version.</exception>
    public static string FromReport(AtolReport report, AtolOperation operation)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(operation);
        if (operation.ProtocolVersion != report.ProtocolVersion)
        {
            throw new ArgumentException($"The operation {operation.Name} is of {operation.ProtocolVersion}, the report of {report.ProtocolVersion}.", nameof(operation));
        }

        if (report.Status != AtolDocumentStatus.Done)
        {
            throw new InvalidOperationException($"The report of {report.Uuid} is {report.Status.ToString().ToLowerInvariant()}, not done: a receipt QR exists only for a registered receipt.");
        }

        DateTimeOffset? time = report.V5?.Payload?.ReceiptDatetime ?? report.V4?.Payload?.ReceiptDatetime;
        // receipt_datetime is the register's local time (read with ATOL's offset); the QR carries that same wall-clock
        // time, so the offset is dropped, not converted.
        if (time is not { } receiptAt)
        {
            throw new InvalidOperationException($"The report of {report.Uuid} has no readable receipt_datetime.");
        }

        DateTime receiptTime = receiptAt.DateTime;
        return Build(
            receiptTime,
            report.Total ?? throw Missing(report, "total"),
            report.FnNumber ?? throw Missing(report, "fn_number"),
            report.FiscalDocumentNumber ?? throw Missing(report, "fiscal_document_number"),
            report.FiscalDocumentAttribute ?? throw Missing(report, "fiscal_document_attribute"),
            operation.SettlementSign);
    }

    /// <summary>The QR string from its parts.</summary>
    /// <param name="receiptTime">Date and time of the receipt as printed (the register's local time); seconds are dropped.</param>
    /// <param name="total">The receipt total in roubles (tag 1020).</param>
    /// <param name="fnNumber">Fiscal drive number (tag 1041), digits.</param>
    /// <param name="fiscalDocumentNumber">Fiscal document number (tag 1040).</param>
    /// <param name="fiscalDocumentAttribute">Fiscal sign of the document (tag 1077).</param>
    /// <param name="sign">Settlement sign (tag 1054).</param>
    /// <returns>The QR string.</returns>
    /// <exception cref="ArgumentException">A part is out of range: a negative amount or number, a fiscal drive number that is not digits, an unknown sign.</exception>
    public static string Build(DateTime receiptTime, decimal total, string fnNumber, long fiscalDocumentNumber, long fiscalDocumentAttribute, AtolSettlementSign sign)
    {
        ArgumentException.ThrowIfNullOrEmpty(fnNumber);
        foreach (char c in fnNumber)
        {
            if (!char.IsAsciiDigit(c))
            {
                throw new ArgumentException("The fiscal drive number must be digits.", nameof(fnNumber));
            }
        }

        ArgumentOutOfRangeException.ThrowIfNegative(total);
        ArgumentOutOfRangeException.ThrowIfNegative(fiscalDocumentNumber);
        ArgumentOutOfRangeException.ThrowIfNegative(fiscalDocumentAttribute);
        if (sign is not (AtolSettlementSign.Income or AtolSettlementSign.IncomeReturn or AtolSettlementSign.Expense or AtolSettlementSign.ExpenseReturn))
        {
            throw new ArgumentOutOfRangeException(nameof(sign), sign, "Not a settlement sign.");
        }

        var culture = CultureInfo.InvariantCulture;
        return string.Create(culture,
            $"t={receiptTime:yyyyMMdd'T'HHmm}&s={total:0.00}&fn={fnNumber}&i={fiscalDocumentNumber}&fp={fiscalDocumentAttribute}&n={(int)sign}");
    }

    private static InvalidOperationException Missing(AtolReport report, string member) =>
        new($"The report of {report.Uuid} has no {member}: a receipt QR needs it.");
}
