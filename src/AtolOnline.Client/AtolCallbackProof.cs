using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace AtolOnline;

/// <summary>
/// Proves that a callback came from whoever knows a document's callback URL. ATOL's callbacks carry no signature,
/// header or secret, so anyone who learns or guesses a uuid could POST a forged report. The batch therefore gives each
/// document its own callback URL whose last path segment is an HMAC of the document's external_id under a key only the
/// sender holds: the URL is known only to ATOL and to us, and a callback whose token verifies for its external_id was
/// sent to the URL we gave ATOL for that document. Use HTTPS so the URL cannot be read on the way. Thread-safe.
/// </summary>
public sealed partial class AtolCallbackProof
{
    /// <summary>The shortest key accepted, in bytes (the HMAC-SHA256 block strength).</summary>
    internal const int MinimumKeyLength = 32;

    /// <summary>Length of a token in characters: 16 bytes of the HMAC, base64url without padding.</summary>
    internal const int TokenLength = 22;

    /// <summary>ATOL's maximum length of <c>service.callback_url</c>.</summary>
    internal const int MaximumCallbackUrlLength = 256;

    private const int TruncatedHashBytes = 16;

    private readonly byte[] key;

    /// <summary>Creates a proof from a key of at least 32 bytes (copied).</summary>
    /// <param name="key">The secret key. Keep it for as long as callbacks of the documents sent with it can arrive.</param>
    /// <exception cref="ArgumentException">The key is shorter than 32 bytes.</exception>
    public AtolCallbackProof(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumKeyLength)
        {
            throw new ArgumentException($"The callback key must be at least {MinimumKeyLength} bytes; it has {key.Length}.", nameof(key));
        }

        this.key = key.ToArray();
    }

    /// <summary>Creates a proof with 32 cryptographically random bytes.</summary>
    /// <remarks>Callbacks verify only in the same process: a resumed batch needs a new key and falls back to polling for earlier documents.</remarks>
    public static AtolCallbackProof CreateRandom() => new(RandomNumberGenerator.GetBytes(MinimumKeyLength));

    /// <summary>The token of an external_id: HMAC-SHA256(key, UTF-8 external_id), first 16 bytes, base64url without padding (22 characters).</summary>
    /// <param name="externalId">The document's external_id.</param>
    /// <exception cref="ArgumentException">The external_id is null or empty.</exception>
    public string ComputeToken(string externalId)
    {
        ArgumentException.ThrowIfNullOrEmpty(externalId);
        Span<byte> token = stackalloc byte[TruncatedHashBytes];
        WriteTokenBytes(externalId, token);
        return Base64Url.EncodeToString(token);
    }

    /// <summary>
    /// The callback URL of a document: <paramref name="baseUrl"/> (a trailing slash dropped), "/" and the token, so the
    /// token is the last path segment.
    /// </summary>
    /// <param name="baseUrl">The receiver's public absolute http(s) address, without query or fragment.</param>
    /// <param name="externalId">The document's external_id.</param>
    /// <exception cref="ArgumentException">
    /// The base URL is not an absolute http(s) address, has a query or fragment, or the resulting URL does not fit
    /// ATOL's callback_url mask or its 256 characters (ATOL would then send no callback at all).
    /// </exception>
    public string CreateCallbackUrl(string baseUrl, string externalId)
    {
        ArgumentException.ThrowIfNullOrEmpty(baseUrl);
        if (baseUrl.AsSpan().IndexOfAny('?', '#') >= 0)
        {
            throw new ArgumentException("The callback base URL must have no query or fragment: the token is its last path segment.", nameof(baseUrl));
        }

        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("The callback base URL must be an absolute http or https address.", nameof(baseUrl));
        }

        var url = string.Concat(baseUrl.AsSpan().TrimEnd('/'), "/", ComputeToken(externalId));
        if (url.Length > MaximumCallbackUrlLength)
        {
            throw new ArgumentException(
                $"The callback URL would have {url.Length} characters; ATOL accepts at most {MaximumCallbackUrlLength} (with the {TokenLength}-character token).",
                nameof(baseUrl));
        }

        if (!CallbackUrlMask().IsMatch(url))
        {
            throw new ArgumentException(
                "The callback base URL does not fit ATOL's callback_url mask (ASCII host; path of letters, digits and - . ? , ' / \\ + & = % $ # _): ATOL would send no callback.",
                nameof(baseUrl));
        }

        return url;
    }

    /// <summary>Whether <paramref name="token"/> is the token of <paramref name="externalId"/> under this key, compared in constant time.</summary>
    /// <param name="externalId">The external_id the callback claims.</param>
    /// <param name="token">The last path segment the callback arrived on.</param>
    /// <returns>False for an empty external_id or a token of any other length or content.</returns>
    /// <exception cref="ArgumentNullException">The external_id is null.</exception>
    public bool Verify(string externalId, ReadOnlySpan<char> token)
    {
        ArgumentNullException.ThrowIfNull(externalId);
        if (externalId.Length == 0 || token.Length != TokenLength)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[TruncatedHashBytes];
        WriteTokenBytes(externalId, expected);
        Span<char> expectedChars = stackalloc char[TokenLength];
        Base64Url.EncodeToChars(expected, expectedChars);
        return CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(expectedChars), MemoryMarshal.AsBytes(token));
    }

    private void WriteTokenBytes(string externalId, Span<byte> destination)
    {
        var utf8 = Encoding.UTF8.GetBytes(externalId);
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, utf8, hash);
        hash[..destination.Length].CopyTo(destination);
    }

    // ATOL's callback_url mask (schemas/README.md). Written engine-independently, and so stricter where engines disagree:
    // the host takes ASCII letters and digits only (\w would admit any Unicode letter in .NET but not in ECMAScript), and
    // the port group keeps ATOL's literal "(0-9)" text, so a port passes only through the path class, as it does at ATOL.
    [GeneratedRegex(@"^https?://[0-9a-zA-Z]([-.0-9a-zA-Z_]*[0-9a-zA-Z])?(:(0-9)*)*/?[a-zA-Z0-9а-яА-Я\-.?,'/\\+&=%$#_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex CallbackUrlMask();
}
