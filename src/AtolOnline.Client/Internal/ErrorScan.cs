using System.Text.Json;
using AtolOnline.Json;
using AtolOnline.Protocol;

namespace AtolOnline.Internal;

/// <summary>
/// One pass over an answer: is it well-formed JSON, and what are <c>error.type</c> and <c>error.code</c>? Allocates
/// nothing unless <c>strings</c> is asked for (then text and error_id are read too, for exceptions).
/// </summary>
internal readonly struct ErrorScan
{
    public bool WellFormed { get; init; }

    public bool HasError { get; init; }

    public AtolErrorType Type { get; init; }

    public int Code { get; init; }

    public string? Text { get; init; }

    public string? ErrorId { get; init; }

    public AtolError? ToError() => HasError ? new AtolError(Type, Code, Text, ErrorId) : null;

    public static ErrorScan Read(ReadOnlySpan<byte> json, bool strings = false)
    {
        var reader = new Utf8JsonReader(json, AtolJson.ReaderOptions);
        bool hasError = false;
        var type = AtolErrorType.Unknown;
        int code = 0;
        string? text = null, errorId = null;
        try
        {
            if (!reader.Read())
            {
                return default;
            }

            if (reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    bool isError = reader.ValueTextEquals("error"u8);
                    reader.Read();
                    if (isError && reader.TokenType == JsonTokenType.StartObject)
                    {
                        hasError = true;
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            if (reader.ValueTextEquals("code"u8))
                            {
                                reader.Read();
                                if (reader.TokenType == JsonTokenType.Number && !reader.TryGetInt32(out code))
                                {
                                    code = 0;
                                }
                                else if (reader.TokenType != JsonTokenType.Number)
                                {
                                    reader.Skip();
                                }
                            }
                            else if (reader.ValueTextEquals("type"u8))
                            {
                                reader.Read();
                                type = reader.TokenType == JsonTokenType.String ? ParseType(ref reader) : AtolErrorType.Unknown;
                                reader.Skip();
                            }
                            else if (strings && reader.ValueTextEquals("text"u8))
                            {
                                reader.Read();
                                text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                                reader.Skip();
                            }
                            else if (strings && reader.ValueTextEquals("error_id"u8))
                            {
                                reader.Read();
                                errorId = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                                reader.Skip();
                            }
                            else
                            {
                                reader.Read();
                                reader.Skip();
                            }
                        }
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Skip();
            }

            if (reader.Read())
            {
                return default;
            }
        }
        catch (JsonException)
        {
            return default;
        }
        catch (InvalidOperationException)
        {
            return default;
        }

        return new ErrorScan { WellFormed = true, HasError = hasError, Type = type, Code = code, Text = text, ErrorId = errorId };
    }

    private static AtolErrorType ParseType(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("system"u8) ? AtolErrorType.System
        : reader.ValueTextEquals("driver"u8) ? AtolErrorType.Driver
        : reader.ValueTextEquals("agent"u8) ? AtolErrorType.Agent
        : reader.ValueTextEquals("timeout"u8) ? AtolErrorType.Timeout
        : reader.ValueTextEquals("unknown"u8) ? AtolErrorType.UnknownError
        : reader.ValueTextEquals("none"u8) ? AtolErrorType.None
        : AtolErrorType.Unknown;
}
