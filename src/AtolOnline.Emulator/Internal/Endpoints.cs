using System.Buffers;
using System.Globalization;
using AtolOnline.Monitoring;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace AtolOnline.Emulator.Internal;

/// <summary>The protocol endpoints: possystem v4/v5 and the monitoring API, with fault injection around each.</summary>
internal sealed class Endpoints(Store store, FaultInjector faults, EmulatorOptions options, Action runDue, CancellationToken stopping)
{

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapMethods("/possystem/{version}/getToken", ["GET", "POST"], ctx => Serve(ctx, FaultEndpoint.Token, GetTokenAsync));
        app.MapGet("/possystem/{version}/{group}/report/{uuid}", ctx => Serve(ctx, FaultEndpoint.Report, ReportAsync));
        app.MapPost("/possystem/{version}/{group}/{operation}", ctx => Serve(ctx, FaultEndpoint.Register, RegisterAsync));
        app.MapMethods("/api/auth/v1/gettoken", ["GET", "POST"], ctx => Serve(ctx, FaultEndpoint.Monitoring, MonitoringTokenAsync));
        app.MapGet("/api/kkt/v1/cash-registers", ctx => Serve(ctx, FaultEndpoint.Monitoring, CashRegistersAsync));
        app.MapGet("/api/kkt/v1/cash-registers/{serial}", ctx => Serve(ctx, FaultEndpoint.Monitoring, CashRegisterAsync));
    }

    // ------------------------------------------------------------------ fault pipeline

    private async Task Serve(HttpContext ctx, FaultEndpoint endpoint, Func<HttpContext, FaultDecision?, Task<Reply>> handle)
    {
        var fault = faults.Next(endpoint);
        if (fault is { } f)
        {
            bool afterStore = endpoint == FaultEndpoint.Register && f.Timing == FaultTiming.AfterStore;
            switch (f.Kind)
            {
                case FaultKind.Delay:
                    using (var linked = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, stopping))
                    {
                        try
                        {
                            await Task.Delay(f.Delay, linked.Token).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException)
                        {
                            ctx.Abort();
                            return;
                        }
                    }

                    fault = null;
                    break;
                case FaultKind.ExpireToken:
                    if (RequestToken(ctx) is { Length: > 0 } token)
                    {
                        store.ExpireTokens(token);
                    }

                    break;
                case FaultKind.Malformed:
                    break;
                default:
                    if (!afterStore)
                    {
                        await ApplyAsync(ctx, f.Kind, null).ConfigureAwait(false);
                        return;
                    }

                    break;
            }
        }

        var reply = await handle(ctx, fault).ConfigureAwait(false);
        if (fault is { Kind: not FaultKind.ExpireToken } g)
        {
            await ApplyAsync(ctx, g.Kind, reply).ConfigureAwait(false);
        }
        else
        {
            await WriteAsync(ctx, reply).ConfigureAwait(false);
        }
    }

    private async Task ApplyAsync(HttpContext ctx, FaultKind kind, Reply? reply)
    {
        switch (kind)
        {
            case FaultKind.Status500:
                await WriteAsync(ctx, ServerError()).ConfigureAwait(false);
                break;
            case FaultKind.Status502:
            case FaultKind.Status503:
                await WriteAsync(ctx, Wire.ProxyPage(kind == FaultKind.Status502 ? 502 : 503)).ConfigureAwait(false);
                break;
            case FaultKind.Hang:
                using (var linked = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, stopping))
                {
                    try
                    {
                        await Task.Delay(Timeout.Infinite, linked.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        // the client gave up, or the emulator stops
                    }
                }

                ctx.Abort();
                break;
            case FaultKind.Drop:
            {
                var r = reply ?? ServerError();
                ctx.Response.StatusCode = r.Status;
                ctx.Response.ContentType = r.ContentType;
                ctx.Response.ContentLength = r.Body.Length;
                await ctx.Response.Body.WriteAsync(r.Body.AsMemory(0, r.Body.Length / 2), ctx.RequestAborted).ConfigureAwait(false);
                await ctx.Response.Body.FlushAsync(ctx.RequestAborted).ConfigureAwait(false);
                ctx.Abort();
                break;
            }

            case FaultKind.Malformed:
            {
                var r = reply ?? ServerError();
                int cut = Math.Max(1, r.Body.Length / 2);
                await WriteAsync(ctx, r with { Body = r.Body[..cut] }).ConfigureAwait(false);
                break;
            }

            default:
                await WriteAsync(ctx, reply ?? ServerError()).ConfigureAwait(false);
                break;
        }
    }

    private static async Task WriteAsync(HttpContext ctx, Reply reply)
    {
        ctx.Response.StatusCode = reply.Status;
        if (reply.RetryAfterSeconds is { } retryAfter)
        {
            ctx.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        }

        ctx.Response.ContentType = reply.ContentType;
        ctx.Response.ContentLength = reply.Body.Length;
        await ctx.Response.Body.WriteAsync(reply.Body, ctx.RequestAborted).ConfigureAwait(false);
    }

    // ------------------------------------------------------------------ possystem

    private async Task<Reply> GetTokenAsync(HttpContext ctx, FaultDecision? fault)
    {
        if (Version(ctx) is not { } protocol)
        {
            return NotFound();
        }

        string login, password;
        if (HttpMethods.IsGet(ctx.Request.Method))
        {
            login = ctx.Request.Query["login"].ToString();
            password = ctx.Request.Query["pass"].ToString();
            string? source = ctx.Request.Query.TryGetValue("source", out var s) ? s.ToString() : null;
            var result = protocol == AtolProtocolVersion.V4
                ? new V4.TokenRequest { Login = login, Password = password, Source = source }.Validate(ValidationProfile.Service)
                : new V5.TokenRequest { Login = login, Pass = password, Source = source }.Validate(ValidationProfile.Service);
            if (!result.IsValid)
            {
                return Error(400, 32, Wire.TextInvalidTokenRequest(Wire.FieldList(result.Violations)), "fail");
            }
        }
        else
        {
            var (body, problem) = await ReadJsonBodyAsync(ctx).ConfigureAwait(false);
            if (problem is { } p)
            {
                return p;
            }

            try
            {
                if (protocol == AtolProtocolVersion.V4)
                {
                    var result = AtolJson.Validate<V4.TokenRequest>(body.Span, out var request, ValidationProfile.Service);
                    if (!result.IsValid || request is null)
                    {
                        return Error(400, 32, Wire.TextInvalidTokenRequest(Wire.FieldList(result.Violations)), "fail");
                    }

                    (login, password) = (request.Login, request.Password);
                }
                else
                {
                    var result = AtolJson.Validate<V5.TokenRequest>(body.Span, out var request, ValidationProfile.Service);
                    if (!result.IsValid || request is null)
                    {
                        return Error(400, 32, Wire.TextInvalidTokenRequest(Wire.FieldList(result.Violations)), "fail");
                    }

                    (login, password) = (request.Login, request.Pass);
                }
            }
            catch (AtolJsonException)
            {
                return Error(400, 40, Wire.TextBadRequest);
            }
        }

        var account = store.AccountByLogin(login);
        if (account is null || !string.Equals(account.Password, password, StringComparison.Ordinal))
        {
            return Error(401, 12, Wire.TextWrongLogin);
        }

        if (account.Protocol != protocol)
        {
            return Error(401, 21, Wire.TextProtocol);
        }

        var token = store.IssueToken(account, protocol == AtolProtocolVersion.V4 ? TokenScope.V4 : TokenScope.V5, fault?.Kind == FaultKind.ExpireToken);
        return TokenReply(token);
    }

    private async Task<Reply> RegisterAsync(HttpContext ctx, FaultDecision? fault)
    {
        if (Version(ctx) is not { } protocol)
        {
            return NotFound();
        }

        if (ContentTypeProblem(ctx) is { } ct)
        {
            return ct;
        }

        if (Authorize(ctx, protocol, out var account) is { } denied)
        {
            return denied;
        }

        string operation = (string)ctx.Request.RouteValues["operation"]!;
        // The operations served are the ones the library's protocol descriptor lists (one list for client, emulator and CLI).
        if (AtolProtocolDescriptor.For(protocol).FindOperation(operation) is not { } known)
        {
            return Error(400, 31, Wire.TextOperation(operation));
        }

        var (body, problem) = await ReadJsonBodyAsync(ctx, checkContentType: false).ConfigureAwait(false);
        if (problem is { } p)
        {
            return p;
        }

        bool correction = known.DocumentKind == AtolDocumentKind.Correction;
        ValidationResult result;
        Func<DocumentFacts>? readFacts;
        bool callbackValid;
        // The service profile is what ATOL's service refuses up front with 32 (src/AtolOnline.Emulator/README.md,
        // "What is accepted"); StrictValidation judges with the library's safe profile instead, every rule included.
        var profile = options.StrictValidation ? ValidationProfile.Safe : ValidationProfile.Service;
        try
        {
            (result, readFacts, callbackValid) = (protocol, correction) switch
            {
                (AtolProtocolVersion.V4, false) => Check<V4.ReceiptRequest>(body, profile, operation, DocumentFacts.From, r => r.Service?.Validate() ?? ValidationResult.Valid),
                (AtolProtocolVersion.V4, true) => Check<V4.CorrectionRequest>(body, profile, operation, DocumentFacts.From, r => r.Service?.Validate() ?? ValidationResult.Valid),
                (_, false) => Check<V5.ReceiptRequest>(body, profile, operation, DocumentFacts.From, null),
                _ => Check<V5.CorrectionRequest>(body, profile, operation, DocumentFacts.From, null),
            };
        }
        catch (AtolJsonException)
        {
            return Error(400, 40, Wire.TextBadRequest);
        }

        // V4DOC p.17: on v4 a callback_url that fails the mask does not refuse the document; the report carries a warning.
        var errors = result.Violations.Where(v => v.Severity == ValidationSeverity.Error).ToList();
        if (protocol == AtolProtocolVersion.V4 && errors.RemoveAll(v => v.Path == "service.callback_url" && v.Code == ValidationCodes.Pattern) > 0)
        {
            callbackValid = false;
        }

        if (errors.Count > 0 || readFacts is null)
        {
            return Error(400, 32, Wire.TextInvalidReceipt(Wire.FieldList(errors)), "fail");
        }

        var facts = readFacts();

        var (document, created) = store.Register(account!, operation, body.ToArray(), facts, callbackValid);
        if (!created)
        {
            return Error(400, 33, Wire.TextDuplicate(facts.ExternalId, account!.GroupCode), "wait", document.Uuid);
        }

        return new Reply(200, Wire.Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("uuid", document.Uuid);
            w.WriteString("status", "wait");
            w.WriteNull("error");
            w.WriteString("timestamp", Wire.Timestamp(document.RegisteredAt, store.Offset));
            w.WriteEndObject();
        }));
    }

    /// <summary>
    /// Reads and judges a body for <paramref name="operation"/>; the facts are read lazily, only once the document is
    /// known to be whole. <paramref name="callbackMask"/> (v4) checks <c>service.callback_url</c> against the mask: a
    /// v4 service accepts a URL outside it and only skips the callback.
    /// </summary>
    private static (ValidationResult, Func<DocumentFacts>?, bool CallbackValid) Check<T>(
        ReadOnlyMemory<byte> body, ValidationProfile profile, string operation, Func<T, DocumentFacts> facts, Func<T, ValidationResult>? callbackMask)
        where T : class, IAtolJsonModel<T>
    {
        var result = AtolJson.Validate<T>(body.Span, out var document, profile, operation);
        bool callbackValid = document is null || callbackMask is null
            || !callbackMask(document).Violations.Any(v => v.Code == ValidationCodes.Pattern && v.Path == "callback_url");
        return (result, document is null ? null : () => facts(document), callbackValid);
    }

    private Task<Reply> ReportAsync(HttpContext ctx, FaultDecision? fault)
    {
        if (Version(ctx) is not { } protocol)
        {
            return Task.FromResult(NotFound());
        }

        if (Authorize(ctx, protocol, out var account) is { } denied)
        {
            return Task.FromResult(denied);
        }

        // ATOL allows one report request per second per register of the group (V4DOC p.41) but documents no answer
        // to more (UNCERTAIN). By default the emulator answers them normally and only counts them (GET /emulator/stats),
        // so a test sees a client that exceeds the limit; with EnforceReportLimit it answers as a rate-limiting gateway
        // would: HTTP 429 with Retry-After (our choice; src/AtolOnline.Emulator/README.md, "Registers").
        if (options.EnforceReportLimit && store.Requests.ReportsInCurrentSecond(account!.GroupCode) > store.RegisterCount(account.GroupCode))
        {
            store.Requests.ReportRefused(account.GroupCode);
            return Task.FromResult(Wire.ProxyPage(429) with { RetryAfterSeconds = 1 });
        }

        runDue();
        string uuid = (string)ctx.Request.RouteValues["uuid"]!;
        var document = store.Find(uuid);
        if (document is null || document.Account != account)
        {
            return Task.FromResult(Error(400, 30, Wire.TextMissingUuid(uuid), "fail"));
        }

        return Task.FromResult(new Reply(200, store.ReportOf(document)));
    }

    /// <summary>Token, protocol and group checks of register and report, in that order.</summary>
    private Reply? Authorize(HttpContext ctx, AtolProtocolVersion protocol, out EmulatorAccount? account)
    {
        account = null;
        var token = RequestToken(ctx) is { Length: > 0 } t ? store.FindToken(t) : null;
        if (token is null || token.Scope == TokenScope.Monitoring)
        {
            return Error(401, 10, Wire.TextMissingToken);
        }

        if (store.IsExpired(token))
        {
            return Error(401, 11, Wire.TextExpiredToken);
        }

        string group = (string)ctx.Request.RouteValues["group"]!;
        var target = store.AccountByGroup(group);
        if (target is not null && target.Protocol != protocol)
        {
            return Error(401, 21, Wire.TextProtocol);
        }

        if (target is null || !ReferenceEquals(target, token.Account))
        {
            return Error(401, 20, Wire.TextGroupMismatch);
        }

        account = target;
        return null;
    }

    // ------------------------------------------------------------------ monitoring (shapes inferred from one library, AX: decision 26, schemas/DECISIONS.md)

    private async Task<Reply> MonitoringTokenAsync(HttpContext ctx, FaultDecision? fault)
    {
        if (HttpMethods.IsGet(ctx.Request.Method))
        {
            return Error(400, 40, Wire.TextBadRequest);
        }

        var (body, problem) = await ReadJsonBodyAsync(ctx).ConfigureAwait(false);
        if (problem is { } p)
        {
            return p;
        }

        V5.TokenRequest? request;
        try
        {
            var result = AtolJson.Validate(body.Span, out request, ValidationProfile.Service);
            if (!result.IsValid || request is null)
            {
                return Error(400, 32, Wire.TextInvalidTokenRequest(Wire.FieldList(result.Violations)), "fail");
            }
        }
        catch (AtolJsonException)
        {
            return Error(400, 40, Wire.TextBadRequest);
        }

        var account = store.AccountByLogin(request.Login);
        if (account is null || !string.Equals(account.Password, request.Pass, StringComparison.Ordinal))
        {
            return Error(401, 12, Wire.TextWrongLogin);
        }

        return TokenReply(store.IssueToken(account, TokenScope.Monitoring, fault?.Kind == FaultKind.ExpireToken));
    }

    private Task<Reply> CashRegistersAsync(HttpContext ctx, FaultDecision? fault)
    {
        if (MonitoringAuthorize(ctx, out var account) is { } denied)
        {
            return Task.FromResult(denied);
        }

        if (!TryQueryInt(ctx, "limit", 100, 1, 1000, out int limit) || !TryQueryInt(ctx, "offset", 0, 0, int.MaxValue, out int offset))
        {
            return Task.FromResult(Error(400, 40, Wire.TextBadRequest));
        }

        runDue();
        var page = store.CashRegisters(account!.GroupCode).Skip(offset).Take(limit).ToArray();
        return Task.FromResult(new Reply(200, Wire.Json(w =>
        {
            w.WriteStartArray();
            foreach (var register in page)
            {
                register.WriteTo(w);
            }

            w.WriteEndArray();
        })));
    }

    private Task<Reply> CashRegisterAsync(HttpContext ctx, FaultDecision? fault)
    {
        if (MonitoringAuthorize(ctx, out var account) is { } denied)
        {
            return Task.FromResult(denied);
        }

        runDue();
        string serial = (string)ctx.Request.RouteValues["serial"]!;
        var register = store.CashRegisters(account!.GroupCode).FirstOrDefault(r => r.SerialNumber == serial);
        if (register is null)
        {
            return Task.FromResult(Error(404, 40, Wire.TextBadRequest));
        }

        return Task.FromResult(new Reply(200, Wire.Json(w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("data");
            register.WriteTo(w);
            w.WriteEndObject();
        }), "application/hal+json"));
    }

    private Reply? MonitoringAuthorize(HttpContext ctx, out EmulatorAccount? account)
    {
        account = null;
        var token = RequestToken(ctx) is { Length: > 0 } t ? store.FindToken(t) : null;
        if (token is null || token.Scope != TokenScope.Monitoring)
        {
            return Error(401, 10, Wire.TextMissingToken);
        }

        if (store.IsExpired(token))
        {
            return Error(401, 11, Wire.TextExpiredToken);
        }

        account = token.Account;
        return null;
    }

    private static bool TryQueryInt(HttpContext ctx, string name, int fallback, int min, int max, out int value)
    {
        value = fallback;
        if (!ctx.Request.Query.TryGetValue(name, out var raw))
        {
            return true;
        }

        return int.TryParse(raw.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }

    // ------------------------------------------------------------------ shared

    private static string? RequestToken(HttpContext ctx)
    {
        if (ctx.Request.Headers.TryGetValue("Token", out var header) && header.Count > 0 && !string.IsNullOrEmpty(header[0]))
        {
            return header[0];
        }

        return ctx.Request.Query.TryGetValue("token", out var query) ? query.ToString() : null;
    }

    private static AtolProtocolVersion? Version(HttpContext ctx) =>
        AtolProtocolDescriptor.FromPathSegment(ctx.Request.RouteValues["version"] as string)?.Version;

    private Reply? ContentTypeProblem(HttpContext ctx)
    {
        string raw = ctx.Request.ContentType ?? "";
        if (MediaTypeHeaderValue.TryParse(raw, out var media)
            && media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            && (!media.Charset.HasValue || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || media.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        return Error(415, 41, Wire.TextMediaType(raw));
    }

    /// <summary>Reads the whole body, refusing a wrong content type (41) or a body over the size limit (40, HTTP 413).</summary>
    private async Task<(ReadOnlyMemory<byte> Body, Reply? Problem)> ReadJsonBodyAsync(HttpContext ctx, bool checkContentType = true)
    {
        if (checkContentType && ContentTypeProblem(ctx) is { } ct)
        {
            return (default, ct);
        }

        int limit = options.MaxRequestBodySize;
        if (ctx.Request.ContentLength is { } declared && declared > limit)
        {
            await DrainAsync(ctx).ConfigureAwait(false);
            return (default, Error(413, 40, Wire.TextBadRequest));
        }

        var buffer = new ArrayBufferWriter<byte>(Math.Min(limit, 16 * 1024) + 1);
        var stream = ctx.Request.Body;
        while (true)
        {
            var memory = buffer.GetMemory(8192);
            int read = await stream.ReadAsync(memory, ctx.RequestAborted).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                await DrainAsync(ctx).ConfigureAwait(false);
                return (default, Error(413, 40, Wire.TextBadRequest));
            }
        }

        return (buffer.WrittenMemory, null);
    }

    // Read and discard the rest (up to 64 MiB) so the client sees the answer instead of a reset connection.
    private static async Task DrainAsync(HttpContext ctx)
    {
        byte[] scratch = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            long total = 0;
            int read;
            while (total < 64L * 1024 * 1024 && (read = await ctx.Request.Body.ReadAsync(scratch, ctx.RequestAborted).ConfigureAwait(false)) > 0)
            {
                total += read;
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or BadHttpRequestException)
        {
            // the client went away; the answer will not be read anyway
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private Reply TokenReply(TokenInfo token) => new(200, Wire.Json(w =>
    {
        w.WriteStartObject();
        w.WriteNull("error");
        w.WriteString("token", token.Token);
        w.WriteString("timestamp", store.Now());
        w.WriteEndObject();
    }));

    private Reply Error(int http, int code, string text, string? status = null, string? uuid = null) =>
        Wire.Error(http, code, text, store.NewErrorId(), store.Now(), status, uuid);

    private Reply ServerError() => Error(500, 50, Wire.TextServer);

    private Reply NotFound() => Error(404, 40, Wire.TextBadRequest);
}
