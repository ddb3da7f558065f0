namespace AtolOnline.Validation;

/// <summary>
/// The stable rule codes of schema rules. Cross-field rules use their own names (see <c>schemas/README.md</c>).
/// </summary>
public static class ValidationCodes
{
    /// <summary>A required member is missing.</summary>
    public const string Required = nameof(Required);

    /// <summary>A string is shorter than allowed (characters).</summary>
    public const string MinLength = nameof(MinLength);

    /// <summary>A string is longer than allowed (characters).</summary>
    public const string MaxLength = nameof(MaxLength);

    /// <summary>A string does not match its pattern.</summary>
    public const string Pattern = nameof(Pattern);

    /// <summary>A string is not in its format (Base64).</summary>
    public const string Format = nameof(Format);

    /// <summary>A number is below its minimum.</summary>
    public const string Minimum = nameof(Minimum);

    /// <summary>A number is above its maximum.</summary>
    public const string Maximum = nameof(Maximum);

    /// <summary>A number is not above its exclusive minimum.</summary>
    public const string ExclusiveMinimum = nameof(ExclusiveMinimum);

    /// <summary>A number is not below its exclusive maximum.</summary>
    public const string ExclusiveMaximum = nameof(ExclusiveMaximum);

    /// <summary>A number has more decimal places than allowed.</summary>
    public const string MultipleOf = nameof(MultipleOf);

    /// <summary>A value is not one of the allowed values.</summary>
    public const string Enum = nameof(Enum);

    /// <summary>An array has too few elements.</summary>
    public const string MinItems = nameof(MinItems);

    /// <summary>An array has too many elements.</summary>
    public const string MaxItems = nameof(MaxItems);

    /// <summary>An object has too few members.</summary>
    public const string MinProperties = nameof(MinProperties);

    /// <summary>An object has too many members.</summary>
    public const string MaxProperties = nameof(MaxProperties);

    /// <summary>A member required by the presence of another is missing.</summary>
    public const string DependentRequired = nameof(DependentRequired);

    /// <summary>
    /// A member the protocol does not know (requests only). An error in v5, which ATOL refuses; a warning in v4, whose
    /// service ignores unknown members (a typo, or a field of v5?).
    /// </summary>
    public const string UnknownProperty = nameof(UnknownProperty);

    /// <summary>
    /// A member given twice in one JSON object (requests only, safe profile). Which of the two values a reader keeps
    /// differs between JSON libraries, so the document is ambiguous.
    /// </summary>
    public const string DuplicateProperty = nameof(DuplicateProperty);

    /// <summary>A value of the wrong JSON type.</summary>
    public const string Type = nameof(Type);
}
