namespace AtolOnline.Validation;

/// <summary>Thrown when a document with validation errors is about to be sent; nothing was sent.</summary>
public sealed class AtolValidationException : Exception
{
    /// <summary>Creates the exception for <paramref name="result"/>.</summary>
    public AtolValidationException(ValidationResult result)
        : base(Describe(result))
    {
        Result = result;
    }

    /// <summary>Every violation found.</summary>
    public ValidationResult Result { get; }

    private static string Describe(ValidationResult result)
    {
        var first = result.Violations.FirstOrDefault(v => v.Severity == ValidationSeverity.Error);
        return $"Документ не прошёл проверку: ошибок {result.ErrorCount}" + (first is null ? "." : $"; первая: {first}");
    }
}
