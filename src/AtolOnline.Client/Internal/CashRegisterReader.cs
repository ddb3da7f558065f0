using System.Text.Json;
using AtolOnline.Internal.Pipeline;
using AtolOnline.Monitoring;
using AtolOnline.Json;

namespace AtolOnline.Internal;

/// <summary>Reads the monitoring API's answers: a JSON array of registers, or one register in a HAL <c>data</c> object.</summary>
internal static class CashRegisterReader
{
    public static List<CashRegister> ReadList(in RawResponse raw)
    {
        var list = new List<CashRegister>();
        try
        {
            var reader = new Utf8JsonReader(raw.Span, AtolJson.ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                throw new AtolApiException("ATOL Online cash-registers: the answer is not a JSON array.", AtolErrorAction.Unknown, raw.Status, null, "cash-registers");
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                list.Add(CashRegister.ReadFrom(ref reader));
            }
        }
        catch (Exception ex) when (ex is JsonException or AtolJsonException)
        {
            throw new AtolApiException($"ATOL Online cash-registers: the answer could not be read: {ex.Message}", AtolErrorAction.Unknown, raw.Status, null, "cash-registers", ex);
        }

        return list;
    }

    public static CashRegister ReadOne(in RawResponse raw)
    {
        try
        {
            var reader = new Utf8JsonReader(raw.Span, AtolJson.ReaderOptions);
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    bool data = reader.ValueTextEquals("data"u8);
                    reader.Read();
                    if (data && reader.TokenType == JsonTokenType.StartObject)
                    {
                        return CashRegister.ReadFrom(ref reader);
                    }

                    reader.Skip();
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or AtolJsonException)
        {
            throw new AtolApiException($"ATOL Online cash-register: the answer could not be read: {ex.Message}", AtolErrorAction.Unknown, raw.Status, null, "cash-register", ex);
        }

        throw new AtolApiException("ATOL Online cash-register: the answer has no data object.", AtolErrorAction.Unknown, raw.Status, null, "cash-register");
    }
}
