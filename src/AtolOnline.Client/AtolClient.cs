using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using AtolOnline.Internal;
using AtolOnline.Monitoring;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AtolOnline;

/// <summary>
/// The ATOL Online client over an <see cref="HttpClient"/> you give it (plain, or from <c>IHttpClientFactory</c>; its
/// <see cref="HttpClient.BaseAddress"/> is not used). Thread-safe: share one instance. Tokens are cached per host, login and
/// protocol for the whole process, so short-lived instances (typed clients) do not fetch new tokens. Redirects are never
/// followed: a 3xx answer fails with <see cref="AtolApiException"/> naming its target, and an answer the
/// <see cref="HttpClient"/> fetched by following a redirect itself is refused (give it a handler with
/// <c>AllowAutoRedirect = false</c>, as <c>AddAtolClient</c> does).
/// </summary>
public sealed class AtolClient : IAtolClient
{
    private const string Possystem = "possystem";
    private const string MonitoringKind = "monitoring";
    private const string HalJson = "application/hal+json";

    private readonly HttpClient _http;
    private readonly ILogger _logger;
    private readonly AtolProtocolVersion _version;
    private readonly string _login;
    private readonly string _password;
    private readonly string? _source;
    private readonly string _host;
    private readonly TimeSpan _attemptTimeout;
    private readonly AtolRetryPolicy _retry;
    private readonly AtolPollingPolicy _polling;
    private readonly int _maxResponseBytes;
    private readonly TimeProvider _time;
    private readonly Uri _tokenUri;
    private readonly Uri _monitoringTokenUri;
    private readonly string _reportPrefix;
    private readonly string _cashRegisters;
    private readonly Dictionary<string, Uri> _operationUris = new(StringComparer.Ordinal);
    private readonly TokenCache.Slot _token;
    private readonly TokenCache.Slot _monitoringToken;

    /// <summary>Creates a client.</summary>
    /// <param name="httpClient">The HTTP client (not disposed by this client).</param>
    /// <param name="options">Settings; validated and copied, later changes have no effect.</param>
    /// <param name="logger">Logger (none by default).</param>
    /// <exception cref="ArgumentException">The options are invalid (see <see cref="AtolClientOptions.Validate"/>).</exception>
    public AtolClient(HttpClient httpClient, AtolClientOptions options, ILogger<AtolClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _http = httpClient;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _version = options.ProtocolVersion;
        _login = options.Login;
        _password = options.Password;
        _source = options.Source;
        _attemptTimeout = options.AttemptTimeout;
        _retry = new AtolRetryPolicy { MaxAttempts = options.Retry.MaxAttempts, BaseDelay = options.Retry.BaseDelay, MaxDelay = options.Retry.MaxDelay, Jitter = options.Retry.Jitter };
        _polling = new AtolPollingPolicy { FirstDelay = options.Polling.FirstDelay, NextDelay = options.Polling.NextDelay, MaxDelay = options.Polling.MaxDelay, Deadline = options.Polling.Deadline };
        _maxResponseBytes = options.MaxResponseBytes;
        _time = options.TimeProvider;

        string root = options.BaseAddress.AbsoluteUri;
        if (!root.EndsWith('/'))
        {
            root += "/";
        }

        _host = options.BaseAddress.GetLeftPart(UriPartial.Authority);
        var protocol = AtolProtocolDescriptor.For(_version);
        string v = protocol.PathSegment;
        string group = Uri.EscapeDataString(options.GroupCode);
        _tokenUri = new Uri($"{root}possystem/{v}/getToken");
        _monitoringTokenUri = new Uri($"{root}api/auth/v1/gettoken");
        _reportPrefix = $"{root}possystem/{v}/{group}/report/";
        _cashRegisters = $"{root}api/kkt/v1/cash-registers";
        foreach (var operation in protocol.Operations)
        {
            _operationUris[operation.Name] = new Uri($"{root}possystem/{v}/{group}/{operation.Name}");
        }

        _token = TokenCache.Get(options.BaseAddress, _login, _password, v);
        _monitoringToken = TokenCache.Get(options.BaseAddress, _login, _password, MonitoringKind);
    }

    /// <inheritdoc/>
    public AtolProtocolVersion ProtocolVersion => _version;

    /// <summary>How many possystem tokens this process fetched for this client's host, login and protocol.</summary>
    public int TokenFetchCount => Volatile.Read(ref _token.Fetches);

    /// <inheritdoc/>
    public async Task<AtolRegistration> RegisterAsync<TDocument>(AtolOperation<TDocument> operation, TDocument document, CancellationToken cancellationToken = default)
        where TDocument : class, IAtolJsonModel<TDocument>, IAtolDocument
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(document);
        if (operation.ProtocolVersion != _version)
        {
            throw new InvalidOperationException($"The client is configured for protocol {_version}; {operation.Name} of {operation.ProtocolVersion} cannot be sent.");
        }

        ValidateDocument(document, operation.Name);
        cancellationToken.ThrowIfCancellationRequested();
        string externalId = document.ExternalId;
        using var activity = AtolDiagnostics.ActivitySource.StartActivity("atol.register", ActivityKind.Client);
        activity?.SetTag("atol.operation", operation.Name);
        activity?.SetTag("atol.external_id", externalId);
        var content = PooledJsonContent.Create(document);
        try
        {
            using var raw = await SendAsync(operation.Name, HttpMethod.Post, _operationUris[operation.Name], content, _token, null, cancellationToken).ConfigureAwait(false);
            var registration = ReadRegistration(raw, operation.Name, externalId);
            AtolDiagnostics.Registrations.Add(1, new("atol.operation", operation.Name), new("atol.duplicate", registration.IsDuplicate));
            activity?.SetTag("atol.uuid", registration.Uuid);
            return registration;
        }
        catch (Exception ex) when (Failed(ex, operation.Name, activity))
        {
            throw;
        }
        finally
        {
            content.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<AtolReport> GetReportAsync(string uuid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uuid);
        using var activity = AtolDiagnostics.ActivitySource.StartActivity("atol.report", ActivityKind.Client);
        activity?.SetTag("atol.uuid", uuid);
        try
        {
            AtolDiagnostics.ReportRequests.Add(1);
            var uri = new Uri(_reportPrefix + Uri.EscapeDataString(uuid));
            using var raw = await SendAsync("report", HttpMethod.Get, uri, null, _token, null, cancellationToken).ConfigureAwait(false);
            var report = ParseReport(raw.Span, raw, "report");
            if (raw.Status >= 400 || (report.Status == AtolDocumentStatus.Unknown && report.Error is not null))
            {
                throw report.Error is { } error
                    ? AtolApiException.FromError("report", raw.Status, error)
                    : new AtolApiException($"ATOL Online report failed: HTTP {raw.Status} without an error object.", ActionForStatus(raw.Status), raw.Status, null, "report");
            }

            return report;
        }
        catch (Exception ex) when (Failed(ex, "report", activity))
        {
            throw;
        }
    }

    /// <inheritdoc/>
    public async Task<AtolReport> WaitForReportAsync(string uuid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uuid);
        long start = _time.GetTimestamp();
        TimeSpan delay = _polling.FirstDelay;
        TimeSpan next = _polling.NextDelay;
        while (true)
        {
            TimeSpan remaining = _polling.Deadline - _time.GetElapsedTime(start);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(remaining < delay ? (remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero) : delay, _time, cancellationToken).ConfigureAwait(false);
            }

            var report = await GetReportAsync(uuid, cancellationToken).ConfigureAwait(false);
            if (report.IsFinal)
            {
                return report;
            }

            if (_time.GetElapsedTime(start) >= _polling.Deadline)
            {
                throw new TimeoutException(
                    $"ATOL Online report {uuid} still not final after {_polling.Deadline.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s; the document stays registered: poll again later.");
            }

            delay = next;
            next = next * 2 > _polling.MaxDelay ? _polling.MaxDelay : next * 2;
            if (delay > _polling.MaxDelay)
            {
                delay = _polling.MaxDelay;
            }
        }
    }

    /// <inheritdoc/>
    public AtolReport ParseCallback(ReadOnlySpan<byte> body) => ParseReport(body, default, "callback");

    /// <inheritdoc/>
    public async Task<AtolCallbackVerification> VerifyCallbackAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        var claimed = ParseCallback(body.Span);
        if (string.IsNullOrEmpty(claimed.Uuid))
        {
            throw new AtolJsonException("$.uuid: a callback without uuid cannot be verified", "uuid", ValidationCodes.Required, 0);
        }

        var confirmed = await GetReportAsync(claimed.Uuid, cancellationToken).ConfigureAwait(false);
        var differences = CallbackComparison.Differences(claimed, confirmed);
        bool consistent = differences.Count == 0;
        return new AtolCallbackVerification(claimed, confirmed, consistent) { Differences = differences };
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<CashRegister>> ListCashRegistersAsync(int? limit = null, int? offset = null, CancellationToken cancellationToken = default)
    {
        if (limit is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(limit));
        }

        if (offset is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(offset));
        }

        using var activity = AtolDiagnostics.ActivitySource.StartActivity("atol.monitoring", ActivityKind.Client);
        try
        {
            string query = (limit, offset) switch
            {
                (null, null) => "",
                (int l, null) => "?limit=" + l.ToString(CultureInfo.InvariantCulture),
                (null, int o) => "?offset=" + o.ToString(CultureInfo.InvariantCulture),
                (int l, int o) => "?limit=" + l.ToString(CultureInfo.InvariantCulture) + "&offset=" + o.ToString(CultureInfo.InvariantCulture),
            };
            using var raw = await SendAsync("cash-registers", HttpMethod.Get, new Uri(_cashRegisters + query), null, _monitoringToken, null, cancellationToken).ConfigureAwait(false);
            ThrowIfError(raw, "cash-registers");
            return ReadRegisters(raw);
        }
        catch (Exception ex) when (Failed(ex, "cash-registers", activity))
        {
            throw;
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<CashRegister> EnumerateCashRegistersAsync(int pageSize = 100, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        int offset = 0;
        while (true)
        {
            var page = await ListCashRegistersAsync(pageSize, offset, cancellationToken).ConfigureAwait(false);
            foreach (var register in page)
            {
                yield return register;
            }

            if (page.Count < pageSize)
            {
                yield break;
            }

            offset += page.Count;
        }
    }

    /// <inheritdoc/>
    public async Task<CashRegister?> GetCashRegisterAsync(string serialNumber, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serialNumber);
        using var activity = AtolDiagnostics.ActivitySource.StartActivity("atol.monitoring", ActivityKind.Client);
        try
        {
            var uri = new Uri(_cashRegisters + "/" + Uri.EscapeDataString(serialNumber));
            using var raw = await SendAsync("cash-register", HttpMethod.Get, uri, null, _monitoringToken, HalJson, cancellationToken).ConfigureAwait(false);
            if (raw.Status == (int)HttpStatusCode.NotFound)
            {
                return null;
            }

            ThrowIfError(raw, "cash-register");
            return ReadRegister(raw);
        }
        catch (Exception ex) when (Failed(ex, "cash-register", activity))
        {
            throw;
        }
    }

    private static AtolErrorAction ActionForStatus(int status) =>
        status >= 500 || status == 429 ? AtolErrorAction.Retry
        : status is 401 or 403 ? AtolErrorAction.CheckCredentials
        : AtolErrorAction.Unknown;

    private static void ValidateDocument<TDocument>(TDocument document, string operation)
        where TDocument : class, IAtolJsonModel<TDocument>
    {
        // The public seam of Core: a per-thread context, nothing allocated when the document is valid.
        ValidationContext.Run(document, ValidationProfile.Safe, operation).ThrowIfInvalid();
    }

    /// <summary>ATOL's wire name of an error type (the metric tag value).</summary>
    internal static string ErrorTypeTag(AtolErrorType type) => type switch
    {
        AtolErrorType.System => "system",
        AtolErrorType.Agent => "agent",
        AtolErrorType.Driver => "driver",
        AtolErrorType.Timeout => "timeout",
        _ => "unknown",
    };

        private bool Failed(Exception ex, string operation, Activity? activity)
    {
        if (ex is OperationCanceledException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "cancelled");
            return false;
        }

        if (ex is AtolApiException { Type: { } type, Code: { } code })
        {
            AtolDiagnostics.Failures.Add(1, new("atol.operation", operation), new("atol.error.type", ErrorTypeTag(type)), new("atol.error.code", code));
        }
        else
        {
            AtolDiagnostics.Failures.Add(1, new KeyValuePair<string, object?>("atol.operation", operation));
        }

        activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
        if (ex is AtolApiException api)
        {
            Log.Failed(_logger, operation, api.HttpStatus, api.Type, api.Code, api.Action);
        }

        return false;
    }

    private T Parse<T>(in RawResponse raw, string operation)
        where T : class, IAtolJsonModel<T>
    {
        try
        {
            return AtolJson.Parse<T>(raw.Span);
        }
        catch (AtolJsonException ex)
        {
            string tries = raw.Attempts == 1 ? "" : $" (last of {raw.Attempts.ToString(CultureInfo.InvariantCulture)} attempts)";
            string meaning = _operationUris.ContainsKey(operation)
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

    private AtolReport ParseReport(ReadOnlySpan<byte> body, in RawResponse raw, string operation)
    {
        if (raw.Buffer is null)
        {
            // A callback body: AtolJsonException is the documented failure.
            return AtolReport.Parse(_version, body);
        }

        if (raw.Status >= 400)
        {
            var scan = ErrorScan.Read(body, strings: true);
            if (scan.HasError)
            {
                throw AtolApiException.FromError(operation, raw.Status, scan.ToError()!);
            }
        }

        return _version == AtolProtocolVersion.V5
            ? new AtolReport(Parse<V5.ReportResponse>(raw, operation))
            : new AtolReport(Parse<V4.ReportResponse>(raw, operation));
    }

    private AtolRegistration ReadRegistration(in RawResponse raw, string operation, string externalId)
    {
        string? uuid;
        string timestamp;
        AtolDocumentStatus status;
        AtolError? error = null;
        if (_version == AtolProtocolVersion.V5)
        {
            var r = Parse<V5.RegisterResponse>(raw, operation);
            (uuid, timestamp) = (r.Uuid, r.Timestamp);
            status = AtolProtocolMapping.ToDocumentStatus(r.Status);
            if (r.Error is { } e)
            {
                error = new AtolError(AtolProtocolMapping.ToErrorType(e.Type), e.Code, e.Text, e.ErrorId);
            }
        }
        else
        {
            var r = Parse<V4.RegisterResponse>(raw, operation);
            (uuid, timestamp) = (r.Uuid, r.Timestamp);
            status = AtolProtocolMapping.ToDocumentStatus(r.Status);
            if (r.Error is { } e)
            {
                error = new AtolError(AtolProtocolMapping.ToErrorType(e.Type), e.Code, e.Text, e.ErrorId);
            }
        }

        if (error is null && !string.IsNullOrEmpty(uuid) && raw.Status < 400)
        {
            Log.Registered(_logger, operation, externalId, uuid, raw.Attempts);
            return new AtolRegistration(uuid, status, timestamp, externalId, operation, false, raw.Attempts);
        }

        if (error is { Type: AtolErrorType.System, Code: AtolErrors.DuplicateExternalId })
        {
            if (string.IsNullOrEmpty(uuid))
            {
                // Decision 6 (schemas/DECISIONS.md): registered, uuid unknown; never resend under a new id.
                throw new AtolApiException(
                    $"ATOL Online {operation}: external_id {externalId} is already registered (33) but the answer has no uuid; do not resend under a new external_id.",
                    AtolErrorAction.Unknown, raw.Status, error, operation);
            }

            Log.Duplicate(_logger, operation, externalId, uuid);
            return new AtolRegistration(uuid, status == AtolDocumentStatus.Unknown ? AtolDocumentStatus.Wait : status, timestamp, externalId, operation, true, raw.Attempts);
        }

        if (error is not null)
        {
            throw AtolApiException.FromError(operation, raw.Status, error);
        }

        throw new AtolApiException($"ATOL Online {operation}: HTTP {raw.Status} without uuid or error.", ActionForStatus(raw.Status), raw.Status, null, operation);
    }

    private static void ThrowIfError(in RawResponse raw, string operation)
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

        throw new AtolApiException($"ATOL Online {operation}: HTTP {raw.Status}.", ActionForStatus(raw.Status), raw.Status, null, operation);
    }

    private static List<CashRegister> ReadRegisters(in RawResponse raw)
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

    private static CashRegister ReadRegister(in RawResponse raw)
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

    /// <summary>
    /// Sends one logical request: attempts with backoff on transient failures (no answer, timeout, 5xx, 429, an unreadable
    /// answer), and one token refresh and repeat on system/10 or system/11. The same content is sent on every attempt.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<RawResponse> SendAsync(
        string operation, HttpMethod method, Uri uri, HttpContent? content, TokenCache.Slot? tokenSlot, string? accept, CancellationToken cancellationToken)
    {
        bool reauthenticated = false;
        for (int attempt = 1; ; attempt++)
        {
            string? token = null;
            if (tokenSlot is not null)
            {
                token = tokenSlot.Token ?? await RefreshTokenAsync(tokenSlot, null, cancellationToken).ConfigureAwait(false);
            }

            string reason = string.Empty; // set on every path that uses it; initialized so that Stryker's mutants compile
            TimeSpan? retryAfter = null;
            Exception? failure = null;
            try
            {
                var raw = await SendOnceAsync(operation, method, uri, content, token, accept, attempt, cancellationToken).ConfigureAwait(false);
                int status = raw.Status;
                if (status >= 500 || status == 429)
                {
                    if (attempt >= _retry.MaxAttempts)
                    {
                        var lastError = ErrorScan.Read(raw.Span, strings: true).ToError();
                        raw.Dispose();
                        throw GaveUp(operation, attempt, status, lastError, null, null);
                    }

                    retryAfter = raw.RetryAfter;
                    raw.Dispose();
                    reason = "HTTP " + status.ToString(CultureInfo.InvariantCulture);
                }
                else
                {
                    var scan = ErrorScan.Read(raw.Span);
                    if (!scan.WellFormed)
                    {
                        if (attempt >= _retry.MaxAttempts)
                        {
                            return raw; // the parser reports it as AtolApiException
                        }

                        raw.Dispose();
                        reason = "unreadable answer";
                    }
                    else if (tokenSlot is not null && scan.HasError && scan.Type == AtolErrorType.System
                        && scan.Code is AtolErrors.ExpiredToken or AtolErrors.MissingToken && !reauthenticated)
                    {
                        reauthenticated = true;
                        raw.Dispose();
                        Log.TokenRejected(_logger, operation, scan.Type, scan.Code);
                        await RefreshTokenAsync(tokenSlot, token, cancellationToken).ConfigureAwait(false);
                        attempt--;
                        continue;
                    }
                    else
                    {
                        return raw;
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException ex)
            {
                failure = ex;
                reason = "timeout";
            }
            catch (HttpRequestException ex)
            {
                failure = ex;
                reason = "connection failure";
            }
            catch (IOException ex)
            {
                failure = ex;
                reason = "connection failure";
            }

            if (failure is not null && attempt >= _retry.MaxAttempts)
            {
                throw GaveUp(operation, attempt, null, null, reason, failure);
            }

            var delay = RetryDelay(attempt, retryAfter);
            AtolDiagnostics.Retries.Add(1, new KeyValuePair<string, object?>("atol.operation", operation));
            Log.Retrying(_logger, operation, attempt, reason, (long)delay.TotalMilliseconds);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The delay before the next attempt: the server's <c>Retry-After</c> when it sent one (seconds or an HTTP date, read on
    /// the client's clock), capped at <see cref="AtolRetryPolicy.MaxDelay"/>; otherwise the policy's doubling delay.
    /// </summary>
    private TimeSpan RetryDelay(int failedAttempt, TimeSpan? retryAfter)
    {
        if (retryAfter is null)
        {
            return _retry.DelayFor(failedAttempt);
        }

        var after = retryAfter.Value; // not a pattern designation, so that Stryker's mutants of the test compile
        return after < TimeSpan.Zero ? TimeSpan.Zero : after > _retry.MaxDelay ? _retry.MaxDelay : after;
    }

    /// <summary>
    /// The exception after the last attempt failed transiently: what happened, how often, and what it means for the
    /// document. A registration whose answer never arrived may or may not be stored by ATOL; sending it again with the same
    /// external_id is safe because ATOL answers a repeated external_id with the uuid of the first registration (error 33).
    /// </summary>
    private AtolApiException GaveUp(string operation, int attempts, int? status, AtolError? error, string? failure, Exception? inner)
    {
        string tries = attempts.ToString(CultureInfo.InvariantCulture) + (attempts == 1 ? " attempt" : " attempts");
        string what = status switch
        {
            429 => $"the service kept refusing the request rate (HTTP 429, {tries})",
            int s => $"the service was unavailable (HTTP {s.ToString(CultureInfo.InvariantCulture)}, {tries})",
            null when failure == "timeout" && _attemptTimeout != Timeout.InfiniteTimeSpan =>
                $"the service did not answer within the attempt timeout ({_attemptTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s, {tries})",
            null when failure == "timeout" => $"the service did not answer in time ({tries})",
            null => $"the service could not be reached ({failure}: {inner?.Message}; {tries})",
        };
        if (error is not null)
        {
            what += $"; its last error was {error.Type}/{error.Code.ToString(CultureInfo.InvariantCulture)}{(error.Info?.Name is { } name ? " " + name : "")}: {error.Text}";
        }

        string meaning = _operationUris.ContainsKey(operation)
            ? "The document may or may not be registered. Sending the same document again is safe: with the same external_id ATOL answers a repeat with the uuid of the first registration (error 33), it does not register it twice."
            : operation switch
            {
                "report" => "Ask for the report again later; the document stays registered.",
                "getToken" or "gettoken" => "No token was obtained, so nothing was sent with it; try again later.",
                _ => "Try again later.",
            };
        return new AtolApiException($"ATOL Online {operation}: {what}. {meaning}", AtolErrorAction.Retry, status, error, operation, inner);
    }

    /// <summary>
    /// Refuses a redirect: a 3xx answer is an error naming its target (never followed), and an answer that an
    /// <see cref="HttpClient"/> fetched from another address after following a redirect itself is not read (the login,
    /// password or token may have gone there).
    /// </summary>
    private static void RefuseRedirect(string operation, Uri sent, HttpResponseMessage response)
    {
        int status = (int)response.StatusCode;
        if (status is >= 300 and < 400)
        {
            string target = response.Headers.Location is { } location
                ? (location.IsAbsoluteUri ? location : new Uri(sent, location)).AbsoluteUri
                : "(no Location header)";
            throw new AtolApiException(
                $"ATOL Online {operation}: HTTP {status.ToString(CultureInfo.InvariantCulture)} redirect to {target} was not followed: the client never follows redirects, so the login, password and token go to {sent.GetLeftPart(UriPartial.Authority)} only. Check BaseAddress: it must be the service's own address.",
                AtolErrorAction.Unknown, status, null, operation);
        }

        if (response.RequestMessage?.RequestUri is { } answered && answered != sent)
        {
            string from = sent.GetLeftPart(UriPartial.Authority);
            string to = answered.IsAbsoluteUri ? answered.GetLeftPart(UriPartial.Authority) : answered.ToString();
            string risk = string.Equals(from, to, StringComparison.OrdinalIgnoreCase)
                ? "Its answer is not used."
                : $"The request, with the token or the login and password, may have reached {to}: its answer is not used; consider changing the password.";
            throw new AtolApiException(
                $"ATOL Online {operation}: the HttpClient followed a redirect from {sent.AbsoluteUri} to {answered} by itself. {risk} Turn redirects off in its handler (SocketsHttpHandler.AllowAutoRedirect = false).",
                AtolErrorAction.Unknown, status, null, operation);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<RawResponse> SendOnceAsync(
        string operation, HttpMethod method, Uri uri, HttpContent? content, string? token, string? accept, int attempt, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Token", token);
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        AttemptTimeout? timeout = null;
        var token2 = cancellationToken;
        if (_attemptTimeout != Timeout.InfiniteTimeSpan)
        {
            timeout = AttemptTimeout.Start(_attemptTimeout, cancellationToken);
            token2 = timeout.Token;
        }

        var tag = new KeyValuePair<string, object?>("atol.operation", operation);
        AtolDiagnostics.Requests.Add(1, tag);
        long start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token2).ConfigureAwait(false);
            RefuseRedirect(operation, uri, response);
            int status = (int)response.StatusCode;
            long? length = response.Content.Headers.ContentLength;
            if (length > _maxResponseBytes)
            {
                throw TooLarge(operation, status);
            }

            byte[] buffer = ArrayPool<byte>.Shared.Rent(length is > 0 ? (int)length.Value : 4096);
            int total = 0;
            try
            {
                var stream = await response.Content.ReadAsStreamAsync(token2).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    while (true)
                    {
                        if (total == buffer.Length)
                        {
                            if (total > _maxResponseBytes)
                            {
                                throw TooLarge(operation, status);
                            }

                            var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, _maxResponseBytes + 1));
                            buffer.AsSpan(0, total).CopyTo(bigger);
                            ArrayPool<byte>.Shared.Return(buffer);
                            buffer = bigger;
                        }

                        int read = await stream.ReadAsync(buffer.AsMemory(total), token2).ConfigureAwait(false);
                        if (read == 0)
                        {
                            break;
                        }

                        total += read;
                        if (total > _maxResponseBytes)
                        {
                            throw TooLarge(operation, status);
                        }
                    }
                }
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }

            TimeSpan? retryAfter = null;
            if ((status == 429 || status >= 500) && response.Headers.RetryAfter is { } ra)
            {
                retryAfter = ra.Delta ?? (ra.Date is { } date ? date - _time.GetUtcNow() : null);
            }

            return new RawResponse(buffer, total, status, attempt, retryAfter);
        }
        finally
        {
            timeout?.Return();
            AtolDiagnostics.Duration.Record(Stopwatch.GetElapsedTime(start).TotalSeconds, tag);
        }
    }

    private AtolApiException TooLarge(string operation, int status) =>
        new($"ATOL Online {operation}: the answer (HTTP {status}) is larger than MaxResponseBytes ({_maxResponseBytes.ToString(CultureInfo.InvariantCulture)}).",
            AtolErrorAction.Unknown, status, null, operation);

    private async Task<string> RefreshTokenAsync(TokenCache.Slot slot, string? stale, CancellationToken cancellationToken)
    {
        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            string? current = slot.Token;
            if (current is not null && !string.Equals(current, stale, StringComparison.Ordinal))
            {
                return current;
            }

            bool monitoring = ReferenceEquals(slot, _monitoringToken);
            using var activity = AtolDiagnostics.ActivitySource.StartActivity("atol.token", ActivityKind.Client);
            var content = _version == AtolProtocolVersion.V4 && !monitoring
                ? PooledJsonContent.Create(new V4.TokenRequest { Login = _login, Password = _password, Source = _source })
                : PooledJsonContent.Create(new V5.TokenRequest { Login = _login, Pass = _password, Source = monitoring ? null : _source });
            try
            {
                string operation = monitoring ? "gettoken" : "getToken";
                using var raw = await SendAsync(operation, HttpMethod.Post, monitoring ? _monitoringTokenUri : _tokenUri, content, null, null, cancellationToken).ConfigureAwait(false);
                var answer = Parse<V5.TokenResponse>(raw, operation);
                if (answer.Error is { } e)
                {
                    throw AtolApiException.FromError(operation, raw.Status, new AtolError(AtolProtocolMapping.ToErrorType(e.Type), e.Code, e.Text, e.ErrorId));
                }

                if (string.IsNullOrEmpty(answer.Token) || raw.Status >= 400)
                {
                    throw new AtolApiException($"ATOL Online {operation}: HTTP {raw.Status} without a token.", ActionForStatus(raw.Status), raw.Status, null, operation);
                }

                slot.Set(answer.Token);
                Log.TokenFetched(_logger, _login, _host, monitoring ? MonitoringKind : Possystem);
                return answer.Token;
            }
            finally
            {
                content.Release();
            }
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>An answer body in a pooled buffer; disposing returns the buffer.</summary>
    private struct RawResponse(byte[] buffer, int length, int status, int attempts, TimeSpan? retryAfter) : IDisposable
    {
        public byte[]? Buffer { get; private set; } = buffer;

        public readonly int Length { get; } = length;

        public readonly int Status { get; } = status;

        public readonly int Attempts { get; } = attempts;

        public readonly TimeSpan? RetryAfter { get; } = retryAfter;

        public readonly ReadOnlySpan<byte> Span => Buffer is null ? default : Buffer.AsSpan(0, Length);

        public void Dispose()
        {
            if (Buffer is { } buffer)
            {
                Buffer = null;
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
