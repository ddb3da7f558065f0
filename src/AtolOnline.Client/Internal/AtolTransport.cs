using AtolOnline.Internal.Pipeline;
using Microsoft.Extensions.Logging;

namespace AtolOnline.Internal;

/// <summary>
/// What the registration client and the monitoring client of one configuration share: the pipeline over the
/// <see cref="HttpClient"/>, the base address and the credentials the token sources are keyed and built with.
/// </summary>
internal sealed class AtolTransport
{
    private readonly Uri _baseAddress;
    private readonly string _login;
    private readonly string _password;
    private readonly string _host;

    /// <param name="http">The HTTP client (not disposed).</param>
    /// <param name="options">Validated options; read now, later changes have no effect.</param>
    /// <param name="logger">The logger.</param>
    public AtolTransport(HttpClient http, AtolClientOptions options, ILogger logger)
    {
        _baseAddress = options.BaseAddress;
        _login = options.Login;
        _password = options.Password;
        _host = options.BaseAddress.GetLeftPart(UriPartial.Authority);
        string root = options.BaseAddress.AbsoluteUri;
        Root = root.EndsWith('/') ? root : root + "/";
        Logger = logger;
        Pipeline = new AtolHttpPipeline(http, options, logger);
    }

    /// <summary>The base address, ending with a slash.</summary>
    public string Root { get; }

    public ILogger Logger { get; }

    public AtolHttpPipeline Pipeline { get; }

    /// <summary>The token source of <paramref name="kind"/> for this host and login, over this pipeline.</summary>
    /// <param name="kind">The cache key's kind: the possystem path segment (<c>v4</c>, <c>v5</c>) or <c>monitoring</c>.</param>
    /// <param name="logKind">What the token is for, as logged.</param>
    /// <param name="operation">The operation name of the token request.</param>
    /// <param name="uri">The token endpoint.</param>
    /// <param name="createRequest">Writes the token request body.</param>
    public TokenSource CreateTokenSource(string kind, string logKind, string operation, Uri uri, Func<PooledJsonContent> createRequest) =>
        new(TokenCache.Get(_baseAddress, _login, _password, kind), Pipeline, operation, uri, createRequest, logKind, _login, _host, Logger);

    /// <summary>Writes a monitoring token request (the monitoring API takes v5's shape, without source).</summary>
    public PooledJsonContent CreateMonitoringTokenRequest() => PooledJsonContent.Create(new V5.TokenRequest { Login = _login, Pass = _password, Source = null });
}
