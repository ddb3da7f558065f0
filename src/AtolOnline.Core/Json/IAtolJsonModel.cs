using System.Text.Json;
using AtolOnline.Validation;

namespace AtolOnline.Json;

/// <summary>Implemented by every generated record: JSON in and out without reflection, and validation.</summary>
/// <typeparam name="TSelf">The record type.</typeparam>
public interface IAtolJsonModel<TSelf>
    where TSelf : class, IAtolJsonModel<TSelf>
{
    /// <summary>Writes the record as a JSON object.</summary>
    void WriteTo(Utf8JsonWriter writer);

    /// <summary>Reads the object that starts at the reader's current token (<see cref="JsonTokenType.StartObject"/>).</summary>
    static abstract TSelf ReadObject(ref Utf8JsonReader reader, ValidationContext context);

    /// <summary>Validates the record with a per-thread context.</summary>
    ValidationResult Validate();

    /// <summary>
    /// Validates the record in <paramref name="profile"/> for the URL <paramref name="operation"/> (<c>sell</c>, ...;
    /// null: unknown, and rules that depend on it only warn) with a per-thread context.
    /// </summary>
    ValidationResult Validate(ValidationProfile profile, string? operation = null);

    /// <summary>Appends violations to <paramref name="context"/>.</summary>
    void Validate(ValidationContext context);
}
