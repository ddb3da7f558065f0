using AtolOnline.Validation;
using AtolOnline.Json;

namespace AtolOnline.Core.Tests.SchemaDriven;

/// <summary>A request schema and the generated type that reads and validates it.</summary>
internal sealed record SchemaRoot(string Folder, string File, Func<byte[], ValidationResult> Validate, Func<byte[], byte[]> RoundTrip, Func<byte[], object> Parse)
{
    public static readonly SchemaRoot[] Requests =
    [
        Of<V5.ReceiptRequest>("v5", "receipt-request.schema.json"),
        Of<V5.CorrectionRequest>("v5", "correction-request.schema.json"),
        Of<V5.TokenRequest>("v5", "token-request.schema.json"),
        Of<V4.ReceiptRequest>("v4", "receipt-request.schema.json"),
        Of<V4.CorrectionRequest>("v4", "correction-request.schema.json"),
        Of<V4.TokenRequest>("v4", "token-request.schema.json"),
    ];

    /// <summary>The codes a JSON Schema can express (cross-field rule codes are not among them).</summary>
    public static readonly HashSet<string> SchemaCodes =
    [
        ValidationCodes.Required, ValidationCodes.MinLength, ValidationCodes.MaxLength, ValidationCodes.Pattern,
        ValidationCodes.Minimum, ValidationCodes.Maximum, ValidationCodes.ExclusiveMinimum, ValidationCodes.ExclusiveMaximum,
        ValidationCodes.MultipleOf, ValidationCodes.Enum, ValidationCodes.MinItems, ValidationCodes.MaxItems,
        ValidationCodes.MinProperties, ValidationCodes.MaxProperties, ValidationCodes.DependentRequired,
        ValidationCodes.UnknownProperty, ValidationCodes.Type,
    ];

    private static SchemaRoot Of<T>(string folder, string file)
        where T : class, IAtolJsonModel<T> =>
        new(folder, file,
            bytes => AtolJson.Validate<T>(bytes, out _),
            bytes => AtolJson.ToUtf8Bytes(AtolJson.Parse<T>(bytes)),
            bytes => AtolJson.Parse<T>(bytes));

    public override string ToString() => Folder + "/" + File;
}
