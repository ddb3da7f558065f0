using AtolOnline.Protocol;

namespace AtolOnline;

/// <summary>
/// Checks credentials without sending a document: gets a token (v5 first: a token means the group speaks v5, ATOL's error
/// 21 means v4), then asks for the report of a random uuid under the group, which ATOL answers "unknown uuid" (30) for
/// the right group and "group does not match the token" (20) for a wrong one. Nothing is registered.
/// </summary>
public static class AtolCredentialCheck
{
    /// <summary>Checks <paramref name="options"/>' login, password and group, and which protocol the group speaks.</summary>
    /// <param name="httpClient">The HTTP client to use (its handler should not follow redirects, as for <see cref="AtolClient"/>).</param>
    /// <param name="options">Host, credentials, group and the configured protocol; its retry and timeout settings apply.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The verdict; connection failures are a verdict (<see cref="AtolCredentialStatus.Unreachable"/>), not an exception.</returns>
    /// <exception cref="ArgumentException">The options are invalid (<see cref="AtolClientOptions.Validate"/>).</exception>
    public static async Task<AtolCredentialCheckResult> CheckAsync(HttpClient httpClient, AtolClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var configured = options.ProtocolVersion;

        // The order ATOL documents for choosing the protocol: v5 getToken first, error 21 sends the login to v4.
        var v5 = await ProbeAsync(httpClient, options, AtolProtocolVersion.V5, cancellationToken).ConfigureAwait(false);
        var found = v5.Kind == ProbeKind.OtherProtocol
            ? await ProbeAsync(httpClient, options, AtolProtocolVersion.V4, cancellationToken).ConfigureAwait(false)
            : v5;

        return found.Kind switch
        {
            ProbeKind.GroupRight when found.Version == configured =>
                new(AtolCredentialStatus.Valid, configured, found.Version, null, $"login, password and group are right; the group speaks {Name(found.Version)}"),
            ProbeKind.GroupRight =>
                new(AtolCredentialStatus.ProtocolMismatch, configured, found.Version, null,
                    $"login, password and group are right, but the group speaks {Name(found.Version)}, not {Name(configured)}: configure protocol {Name(found.Version)}"),
            ProbeKind.GroupWrong =>
                new(AtolCredentialStatus.WrongGroup, configured, found.Version, found.Error,
                    $"login and password are right ({Name(found.Version)}), but the group {options.GroupCode} does not belong to them (error {found.Error?.Code}): check the group code"),
            ProbeKind.CredentialsWrong =>
                new(AtolCredentialStatus.WrongLoginOrPassword, configured, null, found.Error, $"ATOL refused the login or password (error {found.Error?.Code}: {found.Error?.ErrorText})"),
            ProbeKind.Unreachable =>
                new(AtolCredentialStatus.Unreachable, configured, null, found.Error, "the service was not reached: " + found.Failure),
            // Both versions answered 21: not a state ATOL documents; say what came back rather than guess.
            _ => new(AtolCredentialStatus.Refused, configured, null, found.Error, "ATOL answered: " + (found.Error?.Message ?? found.Failure)),
        };
    }

    private enum ProbeKind
    {
        GroupRight,
        GroupWrong,
        CredentialsWrong,
        OtherProtocol,
        Unreachable,
        Refused,
    }

    private readonly record struct Probe(ProbeKind Kind, AtolProtocolVersion Version, AtolApiException? Error, string? Failure);

    private static async Task<Probe> ProbeAsync(HttpClient httpClient, AtolClientOptions options, AtolProtocolVersion version, CancellationToken cancellationToken)
    {
        var client = new AtolClient(httpClient, WithVersion(options, version));
        // A fresh random uuid: no document has it, so the answer can only be about the token and the group.
        string uuid = Guid.NewGuid().ToString();
        try
        {
            await client.GetReportAsync(uuid, cancellationToken).ConfigureAwait(false);
            return new(ProbeKind.GroupRight, version, null, null); // a report, however unlikely: the group is right
        }
        catch (AtolApiException ex) when (ex.Action == AtolErrorAction.Retry)
        {
            return new(ProbeKind.Unreachable, version, ex, ex.Message);
        }
        catch (AtolApiException ex) when (ex.Type == AtolErrorType.System)
        {
            bool token = string.Equals(ex.Operation, "getToken", StringComparison.Ordinal);
            return ex.Code switch
            {
                30 => new(ProbeKind.GroupRight, version, null, null),
                21 when token => new(ProbeKind.OtherProtocol, version, ex, ex.Message),
                // The token is right, the group belongs to another login or speaks the other protocol.
                20 or 21 => new(ProbeKind.GroupWrong, version, ex, ex.Message),
                12 or 14 => new(ProbeKind.CredentialsWrong, version, ex, ex.Message),
                _ => new(ProbeKind.Refused, version, ex, ex.Message),
            };
        }
        catch (AtolApiException ex)
        {
            return new(ProbeKind.Refused, version, ex, ex.Message);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
        {
            return new(ProbeKind.Unreachable, version, null, ex.Message);
        }
    }

    private static AtolClientOptions WithVersion(AtolClientOptions options, AtolProtocolVersion version) => new()
    {
        BaseAddress = options.BaseAddress,
        Login = options.Login,
        Password = options.Password,
        GroupCode = options.GroupCode,
        Source = options.Source,
        ProtocolVersion = version,
        AttemptTimeout = options.AttemptTimeout,
        Retry = options.Retry,
        Polling = options.Polling,
        MaxResponseBytes = options.MaxResponseBytes,
        TimeProvider = options.TimeProvider,
    };

    private static string Name(AtolProtocolVersion version) => version == AtolProtocolVersion.V4 ? "v4" : "v5";
}
