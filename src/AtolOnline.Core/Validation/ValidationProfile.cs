namespace AtolOnline.Validation;

/// <summary>Which set of rules a validation applies. Both come from the same schemas (see <c>schemas/README.md</c>).</summary>
public enum ValidationProfile
{
    /// <summary>
    /// The library's safe profile, used before sending: ATOL's rules plus the places where the schemas are deliberately
    /// stricter (annotated <c>x-service</c>), the cross-field rules, and warnings.
    /// </summary>
    Safe = 0,

    /// <summary>
    /// What ATOL's service itself refuses up front with error 32: its printed schema plus the refusals its documents
    /// name (buyer contact, vat18/vat118 in v4 sell and buy, calendar dates). Reports errors only. The emulator judges
    /// requests with it; a document it accepts may still fail later in the register.
    /// </summary>
    Service = 1,
}
