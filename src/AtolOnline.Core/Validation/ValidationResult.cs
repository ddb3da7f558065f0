namespace AtolOnline.Validation;

/// <summary>The outcome of validating a document: every violation at once.</summary>
public sealed class ValidationResult
{
    private static readonly ValidationError[] None = [];

    internal ValidationResult(IReadOnlyList<ValidationError> violations)
    {
        Violations = violations;
        foreach (var v in violations)
        {
            if (v.Severity == ValidationSeverity.Error)
            {
                ErrorCount++;
            }
        }
    }

    /// <summary>The shared result for a document with nothing to report.</summary>
    public static ValidationResult Valid { get; } = new(None);

    /// <summary>True when there is no error (warnings may remain): the document may be sent.</summary>
    public bool IsValid => ErrorCount == 0;

    /// <summary>The number of violations with <see cref="ValidationSeverity.Error"/>.</summary>
    public int ErrorCount { get; }

    /// <summary>Every violation, errors and warnings, in document order.</summary>
    public IReadOnlyList<ValidationError> Violations { get; }

    /// <summary>Throws <see cref="AtolValidationException"/> when the result has errors.</summary>
    /// <exception cref="AtolValidationException">The document has at least one error.</exception>
    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw new AtolValidationException(this);
        }
    }
}
