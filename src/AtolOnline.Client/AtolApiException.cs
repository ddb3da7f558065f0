using System.Globalization;
using AtolOnline.Protocol;
using AtolOnline.Validation;

namespace AtolOnline;

/// <summary>
/// The one exception the client throws for a failed call to ATOL (apart from <see cref="AtolValidationException"/> for an
/// invalid document, which is never sent, and <see cref="OperationCanceledException"/> when the caller cancels).
/// It carries ATOL's error (type, code, text, error_id) when the answer had one, the HTTP status, and what to do
/// (<see cref="Action"/>). It never contains a token or a password.
/// </summary>
public sealed class AtolApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">A description (no secrets).</param>
    /// <param name="action">What the caller should do.</param>
    /// <param name="httpStatus">The HTTP status, when an answer arrived.</param>
    /// <param name="error">ATOL's error object, when the answer had one.</param>
    /// <param name="operation">The operation (<c>sell</c>, <c>getToken</c>, <c>report</c>, ...).</param>
    /// <param name="innerException">The cause.</param>
    public AtolApiException(string message, AtolErrorAction action, int? httpStatus = null, AtolError? error = null, string? operation = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Action = action;
        HttpStatus = httpStatus;
        Error = error;
        Operation = operation;
    }

    /// <summary>Creates the exception with a message.</summary>
    public AtolApiException()
        : this("ATOL Online call failed.", AtolErrorAction.Unknown)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AtolApiException(string message)
        : this(message, AtolErrorAction.Unknown)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public AtolApiException(string message, Exception innerException)
        : this(message, AtolErrorAction.Unknown, innerException: innerException)
    {
    }

    /// <summary>What to do: fix the document, check credentials, retry later (same external_id), or ask a human.</summary>
    public AtolErrorAction Action { get; }

    /// <summary>HTTP status of the last answer, when one arrived.</summary>
    public int? HttpStatus { get; }

    /// <summary>ATOL's error object, when the answer carried one.</summary>
    public AtolError? Error { get; }

    /// <summary>ATOL's error code (meaningful only with <see cref="Type"/>).</summary>
    public int? Code => Error?.Code;

    /// <summary>ATOL's error type.</summary>
    public AtolErrorType? Type => Error?.Type;

    /// <summary>ATOL's error text.</summary>
    public string? ErrorText => Error?.Text;

    /// <summary>ATOL's error_id (quote it to ATOL support).</summary>
    public string? ErrorId => Error?.ErrorId;

    /// <summary>The operation that failed.</summary>
    public string? Operation { get; }

    internal static AtolApiException FromError(string operation, int httpStatus, AtolError error)
    {
        var action = error.Action;
        string message = string.Format(
            CultureInfo.InvariantCulture,
            "ATOL Online {0} failed: HTTP {1}, {2}/{3}{4}: {5} (action: {6}{7})",
            operation,
            httpStatus,
            error.Type,
            error.Code,
            error.Info?.Name is { } name ? " " + name : "",
            error.Text,
            action,
            error.ErrorId is null ? "" : ", error_id " + error.ErrorId);
        return new AtolApiException(message, action, httpStatus, error, operation);
    }
}
