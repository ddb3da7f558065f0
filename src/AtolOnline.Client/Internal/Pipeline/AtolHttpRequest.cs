namespace AtolOnline.Internal.Pipeline;

/// <summary>
/// One logical request as it goes through the pipeline. Stages pass a changed copy on (<c>with</c>): authentication sets
/// <see cref="Token"/>, retry sets <see cref="Attempt"/>. A struct, so that a registration allocates nothing for it.
/// </summary>
internal readonly struct AtolHttpRequest
{
    public AtolHttpRequest(string operation, AtolRequestKind kind, HttpMethod method, Uri uri, HttpContent? content = null, TokenSource? authentication = null, string? accept = null)
    {
        Operation = operation;
        Kind = kind;
        Method = method;
        Uri = uri;
        Content = content;
        Authentication = authentication;
        Accept = accept;
        Attempt = 1;
    }

    /// <summary>The operation name used in metrics, logs and messages (<c>sell</c>, <c>report</c>, <c>getToken</c>, ...).</summary>
    public string Operation { get; }

    public AtolRequestKind Kind { get; }

    public HttpMethod Method { get; }

    public Uri Uri { get; }

    /// <summary>The body, sent unchanged on every attempt (so a repeat carries the same external_id).</summary>
    public HttpContent? Content { get; }

    /// <summary>Where the token comes from; null for a request sent without one (a token request).</summary>
    public TokenSource? Authentication { get; }

    /// <summary>The Accept header, when the endpoint needs one.</summary>
    public string? Accept { get; }

    /// <summary>The token to send; set by the authentication stage.</summary>
    public string? Token { get; init; }

    /// <summary>The number of this attempt, from 1; the retry stage counts on from it.</summary>
    public int Attempt { get; init; }
}
