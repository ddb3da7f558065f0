using System.Text.Json;
using System.Text.Json.Serialization;
using AtolOnline.V5;

namespace AtolOnline.Benchmarks.Baselines;

/// <summary>Parses a wire value of an enum (the shape of the generated <c>XxxWire.TryParse</c>).</summary>
public delegate bool WireParser<T>(string? wire, out T value);

/// <summary>
/// The enums of v5 whose wire values are JSON strings. Neither serializer can infer them from the enum member names
/// (<c>MarkProcessingMode.Zero</c> is <c>"0"</c>), so a user of either one writes converters like these, delegating to
/// the generated <c>XxxWire</c> maps. Integer enums (measure, payment_object, payment type) need nothing.
/// </summary>
public static class WireEnums
{
    /// <summary>System.Text.Json converters for every string-valued v5 enum.</summary>
    public static IEnumerable<JsonConverter> Stj()
    {
        yield return new StjWireEnumConverter<AgentType>(AgentTypeWire.ToWire, AgentTypeWire.TryParse);
        yield return new StjWireEnumConverter<DocumentCode>(DocumentCodeWire.ToWire, DocumentCodeWire.TryParse);
        yield return new StjWireEnumConverter<DocumentStatus>(DocumentStatusWire.ToWire, DocumentStatusWire.TryParse);
        yield return new StjWireEnumConverter<ErrorType>(ErrorTypeWire.ToWire, ErrorTypeWire.TryParse);
        yield return new StjWireEnumConverter<FederalId>(FederalIdWire.ToWire, FederalIdWire.TryParse);
        yield return new StjWireEnumConverter<MarkProcessingMode>(MarkProcessingModeWire.ToWire, MarkProcessingModeWire.TryParse);
        yield return new StjWireEnumConverter<OperatingCheckPropsName>(OperatingCheckPropsNameWire.ToWire, OperatingCheckPropsNameWire.TryParse);
        yield return new StjWireEnumConverter<PaymentMethod>(PaymentMethodWire.ToWire, PaymentMethodWire.TryParse);
        yield return new StjWireEnumConverter<TaxationSystem>(TaxationSystemWire.ToWire, TaxationSystemWire.TryParse);
        yield return new StjWireEnumConverter<VatType>(VatTypeWire.ToWire, VatTypeWire.TryParse);
    }

    /// <summary>Newtonsoft.Json converters for every string-valued v5 enum.</summary>
    public static IEnumerable<Newtonsoft.Json.JsonConverter> Newtonsoft()
    {
        yield return new NsWireEnumConverter<AgentType>(AgentTypeWire.ToWire, AgentTypeWire.TryParse);
        yield return new NsWireEnumConverter<DocumentCode>(DocumentCodeWire.ToWire, DocumentCodeWire.TryParse);
        yield return new NsWireEnumConverter<DocumentStatus>(DocumentStatusWire.ToWire, DocumentStatusWire.TryParse);
        yield return new NsWireEnumConverter<ErrorType>(ErrorTypeWire.ToWire, ErrorTypeWire.TryParse);
        yield return new NsWireEnumConverter<FederalId>(FederalIdWire.ToWire, FederalIdWire.TryParse);
        yield return new NsWireEnumConverter<MarkProcessingMode>(MarkProcessingModeWire.ToWire, MarkProcessingModeWire.TryParse);
        yield return new NsWireEnumConverter<OperatingCheckPropsName>(OperatingCheckPropsNameWire.ToWire, OperatingCheckPropsNameWire.TryParse);
        yield return new NsWireEnumConverter<PaymentMethod>(PaymentMethodWire.ToWire, PaymentMethodWire.TryParse);
        yield return new NsWireEnumConverter<TaxationSystem>(TaxationSystemWire.ToWire, TaxationSystemWire.TryParse);
        yield return new NsWireEnumConverter<VatType>(VatTypeWire.ToWire, VatTypeWire.TryParse);
    }
}

/// <summary>A string enum for System.Text.Json (STJ wraps it for <c>T?</c> itself).</summary>
public sealed class StjWireEnumConverter<T>(Func<T, string> toWire, WireParser<T> parse) : JsonConverter<T>
    where T : struct, Enum
{
    /// <inheritdoc/>
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        parse(reader.GetString(), out T value) ? value : throw new JsonException($"Unknown {typeof(T).Name} value");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(toWire(value));
    }
}

/// <summary>A string enum for Newtonsoft.Json (handles <c>T</c> and <c>T?</c>).</summary>
public sealed class NsWireEnumConverter<T>(Func<T, string> toWire, WireParser<T> parse) : Newtonsoft.Json.JsonConverter
    where T : struct, Enum
{
    /// <inheritdoc/>
    public override bool CanConvert(Type objectType) => objectType == typeof(T) || objectType == typeof(T?);

    /// <inheritdoc/>
    public override object? ReadJson(Newtonsoft.Json.JsonReader reader, Type objectType, object? existingValue, Newtonsoft.Json.JsonSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.TokenType == Newtonsoft.Json.JsonToken.Null)
        {
            return null;
        }

        return parse(reader.Value as string, out T value) ? value : throw new Newtonsoft.Json.JsonSerializationException($"Unknown {typeof(T).Name} value");
    }

    /// <inheritdoc/>
    public override void WriteJson(Newtonsoft.Json.JsonWriter writer, object? value, Newtonsoft.Json.JsonSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is T t)
        {
            writer.WriteValue(toWire(t));
        }
        else
        {
            writer.WriteNull();
        }
    }
}
