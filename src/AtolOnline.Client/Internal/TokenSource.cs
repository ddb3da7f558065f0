using System.Diagnostics;
using AtolOnline.Internal.Pipeline;
using Microsoft.Extensions.Logging;
using AtolOnline.Protocol;

namespace AtolOnline.Internal;

/// <summary>
/// The tokens of one kind (possystem v4, possystem v5 or monitoring) for one host and login: the process-wide cached token
/// and its refresh, one at a time, sent through the client's pipeline without a token.
/// </summary>
internal sealed class TokenSource
{
    private readonly TokenCache.Slot _slot;
    private readonly IAtolPipelineStage _pipeline;
    private readonly string _operation;
    private readonly Uri _uri;
    private readonly Func<PooledJsonContent> _createRequest;
    private readonly string _kind;
    private readonly string _login;
    private readonly string _host;
    private readonly ILogger _logger;

    /// <param name="slot">The process-wide cache entry.</param>
    /// <param name="pipeline">The pipeline the token request goes through.</param>
    /// <param name="operation">The operation name of the token request (<c>getToken</c>, <c>gettoken</c>).</param>
    /// <param name="uri">The token endpoint.</param>
    /// <param name="createRequest">Writes the token request body (its shape depends on the API and version).</param>
    /// <param name="kind">What the token is for, as logged.</param>
    /// <param name="login">The login, as logged (never the password).</param>
    /// <param name="host">The host, as logged.</param>
    /// <param name="logger">The logger.</param>
    public TokenSource(TokenCache.Slot slot, IAtolPipelineStage pipeline, string operation, Uri uri, Func<PooledJsonContent> createRequest, string kind, string login, string host, ILogger logger)
    {
        _slot = slot;
        _pipeline = pipeline;
        _operation = operation;
        _uri = uri;
        _createRequest = createRequest;
        _kind = kind;
        _login = login;
        _host = host;
        _logger = logger;
    }

    /// <summary>The cached token, or null when none was fetched yet.</summary>
    public string? Current => _slot.Token;

    /// <summary>How many tokens this process fetched for this key.</summary>
    public int FetchCount => Volatile.Read(ref _slot.Fetches);

    /// <summary>
    /// Fetches a new token unless another call already replaced <paramref name="stale"/> (then that token is returned).
    /// </summary>
    /// <param name="stale">The token ATOL rejected, or null when there was none.</param>
    /// <param name="cancellationToken">Cancels the wait and the request.</param>
    public async Task<string> RefreshAsync(string? stale, CancellationToken cancellationToken)
    {
        await _slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            string? current = _slot.Token;
            if (current is not null && !string.Equals(current, stale, StringComparison.Ordinal))
            {
                return current;
            }

            using var activity = AtolDiagnostics.ActivitySource.StartActivity("atol.token", ActivityKind.Client);
            var content = _createRequest();
            try
            {
                using var raw = await _pipeline.SendAsync(new AtolHttpRequest(_operation, AtolRequestKind.Token, HttpMethod.Post, _uri, content), cancellationToken).ConfigureAwait(false);
                var answer = AtolAnswers.Parse<V5.TokenResponse>(raw, _operation, AtolRequestKind.Token);
                if (answer.Error is { } e)
                {
                    throw AtolApiException.FromError(_operation, raw.Status, new AtolError(AtolProtocolMapping.ToErrorType(e.Type), e.Code, e.Text, e.ErrorId));
                }

                if (string.IsNullOrEmpty(answer.Token) || raw.Status >= 400)
                {
                    throw new AtolApiException($"ATOL Online {_operation}: HTTP {raw.Status} without a token.", AtolAnswers.ActionForStatus(raw.Status), raw.Status, null, _operation);
                }

                _slot.Set(answer.Token);
                Log.TokenFetched(_logger, _login, _host, _kind);
                return answer.Token;
            }
            finally
            {
                content.Release();
            }
        }
        finally
        {
            _slot.Gate.Release();
        }
    }
}
