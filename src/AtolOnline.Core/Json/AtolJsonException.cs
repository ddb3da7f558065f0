using AtolOnline.Validation;

namespace AtolOnline.Json;

/// <summary>
/// The one exception thrown when JSON (a request, a response or a callback body) cannot be read: malformed JSON,
/// a wrong type, a missing or unknown member. Names the JSON path and the byte position.
/// </summary>
public sealed class AtolJsonException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AtolJsonException(string message, string path, string code, long bytePosition, Exception? inner = null)
        : base(message, inner)
    {
        Path = path;
        Code = code;
        BytePosition = bytePosition;
    }

    /// <summary>The JSON path of the offending value (empty at the root).</summary>
    public string Path { get; }

    /// <summary>The rule code (<see cref="ValidationCodes"/>), or <c>Syntax</c> for malformed JSON.</summary>
    public string Code { get; }

    /// <summary>Offset in bytes from the start of the input.</summary>
    public long BytePosition { get; }
}
