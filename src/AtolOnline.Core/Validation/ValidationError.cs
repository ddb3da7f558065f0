namespace AtolOnline.Validation;

/// <summary>One violation of a rule, reported at a JSON path as ATOL names it (<c>receipt.items[3].price</c>).</summary>
/// <param name="Path">The JSON path of the offending value (empty for the document itself).</param>
/// <param name="Code">A stable rule code: one of <see cref="ValidationCodes"/> or the name of a cross-field rule.</param>
/// <param name="FfdTag">The FFD tag of the field, where it has one.</param>
/// <param name="Severity">Whether the document must not be sent (<see cref="ValidationSeverity.Error"/>).</param>
/// <param name="Message">A clear message in Russian.</param>
public sealed record ValidationError(string Path, string Code, int? FfdTag, ValidationSeverity Severity, string Message)
{
    /// <summary><c>PATH  CODE  TAG  MESSAGE</c>, as the command-line tool prints it.</summary>
    public override string ToString() =>
        (Path.Length == 0 ? "$" : Path) + "  " + Code + "  " + (FfdTag?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-") + "  " + Message;
}
