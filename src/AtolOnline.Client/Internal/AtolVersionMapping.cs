using AtolOnline.Internal.Pipeline;
using Microsoft.Extensions.Logging;
using AtolOnline.Protocol;

namespace AtolOnline.Internal;

/// <summary>
/// What differs between protocol versions for the client, in one place: the URLs (from <see cref="AtolProtocolDescriptor"/>),
/// the token request's shape, and the registration and report answers' shapes (mapped with <see cref="AtolProtocolMapping"/>).
/// A new version is a new branch here and a new descriptor in Core; the transport does not change.
/// </summary>
internal sealed class AtolVersionMapping
{
    private readonly Dictionary<string, Uri> _operationUris = new(StringComparer.Ordinal);
    private readonly string _reportPrefix;
    private readonly string _login;
    private readonly string _password;
    private readonly string? _source;
    private readonly ILogger _logger;

    /// <param name="version">The protocol version.</param>
    /// <param name="root">The base address, ending with a slash.</param>
    /// <param name="groupCode">The group code (escaped here).</param>
    /// <param name="login">The login for token requests.</param>
    /// <param name="password">The password for token requests (never logged).</param>
    /// <param name="source">The source for token requests, if any.</param>
    /// <param name="logger">The logger.</param>
    public AtolVersionMapping(AtolProtocolVersion version, string root, string groupCode, string login, string password, string? source, ILogger logger)
    {
        var protocol = AtolProtocolDescriptor.For(version);
        Version = version;
        PathSegment = protocol.PathSegment;
        _login = login;
        _password = password;
        _source = source;
        _logger = logger;
        string group = Uri.EscapeDataString(groupCode);
        TokenUri = new Uri($"{root}possystem/{PathSegment}/getToken");
        _reportPrefix = $"{root}possystem/{PathSegment}/{group}/report/";
        foreach (var operation in protocol.Operations)
        {
            _operationUris[operation.Name] = new Uri($"{root}possystem/{PathSegment}/{group}/{operation.Name}");
        }
    }

    public AtolProtocolVersion Version { get; }

    /// <summary>The URL segment after <c>possystem/</c>; also names the version's token in the token cache.</summary>
    public string PathSegment { get; }

    /// <summary>The operation name of a possystem token request.</summary>
    public static string TokenOperation => "getToken";

    public Uri TokenUri { get; }

    /// <summary>The URL of a registration operation of this version.</summary>
    public Uri OperationUri(string operation) => _operationUris[operation];

    /// <summary>The URL of the report of <paramref name="uuid"/>.</summary>
    public Uri ReportUri(string uuid) => new(_reportPrefix + Uri.EscapeDataString(uuid));

    /// <summary>The token request body: v4 names the password <c>password</c>, v5 names it <c>pass</c>.</summary>
    public PooledJsonContent CreateTokenRequest() => Version == AtolProtocolVersion.V4
        ? PooledJsonContent.Create(new V4.TokenRequest { Login = _login, Password = _password, Source = _source })
        : PooledJsonContent.Create(new V5.TokenRequest { Login = _login, Pass = _password, Source = _source });

    /// <summary>Reads a callback body (not trusted).</summary>
    public AtolReport ParseCallback(ReadOnlySpan<byte> body) => AtolReport.Parse(Version, body);

    /// <summary>Reads a report answer; an error answer (or a report with an error and no status) throws.</summary>
    public AtolReport ReadReport(in RawResponse raw, string operation)
    {
        AtolAnswers.ThrowIfErrorObject(raw, operation);
        var report = Version == AtolProtocolVersion.V5
            ? new AtolReport(AtolAnswers.Parse<V5.ReportResponse>(raw, operation, AtolRequestKind.Report))
            : new AtolReport(AtolAnswers.Parse<V4.ReportResponse>(raw, operation, AtolRequestKind.Report));
        if (raw.Status >= 400 || (report.Status == AtolDocumentStatus.Unknown && report.Error is not null))
        {
            throw report.Error is { } error
                ? AtolApiException.FromError(operation, raw.Status, error)
                : new AtolApiException($"ATOL Online {operation} failed: HTTP {raw.Status} without an error object.", AtolAnswers.ActionForStatus(raw.Status), raw.Status, null, operation);
        }

        return report;
    }

    /// <summary>
    /// Reads a registration answer: accepted, or a duplicate external_id (33) answered with the first registration's uuid;
    /// any other error throws.
    /// </summary>
    public AtolRegistration ReadRegistration(in RawResponse raw, string operation, string externalId)
    {
        string? uuid;
        string timestamp;
        AtolDocumentStatus status;
        AtolError? error = null;
        if (Version == AtolProtocolVersion.V5)
        {
            var r = AtolAnswers.Parse<V5.RegisterResponse>(raw, operation, AtolRequestKind.Registration);
            (uuid, timestamp) = (r.Uuid, r.Timestamp);
            status = AtolProtocolMapping.ToDocumentStatus(r.Status);
            if (r.Error is { } e)
            {
                error = new AtolError(AtolProtocolMapping.ToErrorType(e.Type), e.Code, e.Text, e.ErrorId);
            }
        }
        else
        {
            var r = AtolAnswers.Parse<V4.RegisterResponse>(raw, operation, AtolRequestKind.Registration);
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

        throw new AtolApiException($"ATOL Online {operation}: HTTP {raw.Status} without uuid or error.", AtolAnswers.ActionForStatus(raw.Status), raw.Status, null, operation);
    }
}
