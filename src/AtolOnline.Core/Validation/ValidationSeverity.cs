namespace AtolOnline.Validation;

/// <summary>How serious a violation is.</summary>
public enum ValidationSeverity
{
    /// <summary>ATOL would refuse the document: it must not be sent.</summary>
    Error = 0,

    /// <summary>
    /// ATOL's register (not its schema) decides and the outcome is uncertain: the document may be sent, but look at it.
    /// </summary>
    Warning = 1,
}
