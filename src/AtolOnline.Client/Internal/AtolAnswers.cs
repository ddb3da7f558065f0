using System.Globalization;
using AtolOnline.Internal.Pipeline;
using AtolOnline.Json;

namespace AtolOnline.Internal;

/// <summary>Reading a buffered answer: parsing it, and turning an error answer into <see cref="AtolApiException"/>.</summary>
internal static class AtolAnswers
{
    /// <summary>What a caller should do after an answer with this HTTP status and no error object.</summary>
    public static AtolErrorAction ActionForStatus(int status) =>
        status >= 500 || status == 429 ? AtolErrorAction.Retry
        : status is 401 or 403 ? AtolErrorAction.CheckCredentials
        : AtolErrorAction.Unknown;

    /// <summary>Parses the answer; an unreadable one is an <see cref="AtolApiException"/> saying what it means for the document.</summary>
    public static T Parse<T>(in RawResponse raw, string operation, AtolRequestKind kind)
        where T : class, IAtolJsonModel<T>
    {
        try
        {
            return AtolJson.Parse<T>(raw.Span);
        }
        catch (AtolJsonException ex)
        {
            string tries = raw.Attempts == 1 ? "" : $" (last of {raw.Attempts.ToString(CultureInfo.InvariantCulture)} attempts)";
            string meaning = kind == AtolRequestKind.Registration
                ? " The document may or may not be registered; sending the same document again with the same external_id is safe (ATOL answers a repeat with the first uuid)."
                : "";
            throw new AtolApiException(
                $"ATOL Online {operation}: the answer (HTTP {raw.Status}){tries} could not be read: {ex.Message.TrimEnd('.')}.{meaning}",
                ActionForStatus(raw.Status) == AtolErrorAction.Retry ? AtolErrorAction.Retry : AtolErrorAction.Unknown,
                raw.Status,
                null,
                operation,
                ex);
        }
    }

    /// <summary>Throws the error of an HTTP 4xx/5xx answer (its error object when it has one, else its status).</summary>
    public static void ThrowIfError(in RawResponse raw, string operation)
    {
        if (raw.Status < 400)
        {
            return;
        }

        ThrowIfErrorObject(raw, operation);
        throw new AtolApiException($"ATOL Online {operation}: HTTP {raw.Status}.", ActionForStatus(raw.Status), raw.Status, null, operation);
    }

    /// <summary>Throws the error object of an HTTP 4xx/5xx answer, if it has one.</summary>
    public static void ThrowIfErrorObject(in RawResponse raw, string operation)
    {
        if (raw.Status < 400)
        {
            return;
        }

        var scan = ErrorScan.Read(raw.Span, strings: true);
        if (scan.HasError)
        {
            throw AtolApiException.FromError(operation, raw.Status, scan.ToError()!);
        }
    }
}
