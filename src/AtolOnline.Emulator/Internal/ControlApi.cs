using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AtolOnline.Emulator.Internal;

/// <summary>The <c>/emulator/</c> control surface (JSON), documented in the project README.</summary>
internal sealed class ControlApi(Store store, FaultInjector faults, Action runDue)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/emulator/documents", Documents);
        app.MapGet("/emulator/documents/{uuid}", Document);
        app.MapGet("/emulator/accounts", Accounts);
        app.MapGet("/emulator/faults", Faults);
        app.MapPost("/emulator/faults", AddFaults);
        app.MapDelete("/emulator/faults", ClearFaults);
        app.MapGet("/emulator/clock", Clock);
        app.MapPost("/emulator/clock/advance", AdvanceClock);
        app.MapPost("/emulator/clock/set", SetClock);
        app.MapPost("/emulator/tokens/expire", ExpireTokens);
        app.MapGet("/emulator/requests", Requests);
        app.MapDelete("/emulator/requests", ClearRequests);
        app.MapGet("/emulator/stats", GetStats);
        app.MapGet("/emulator/registers", Registers);
        app.MapPost("/emulator/registers/{serial}", ChangeRegister);
        app.MapDelete("/emulator/registers/faults", ClearRegisterFaults);
        app.MapDelete("/emulator/registers/{serial}/faults", ClearRegisterFaults);
    }

    private Task Documents(HttpContext ctx)
    {
        runDue();
        string? group = ctx.Request.Query.TryGetValue("group_code", out var g) ? g.ToString() : null;
        var list = store.Snapshot().Where(d => group is null || d.GroupCode == group).ToArray();
        return Send(ctx, 200, w =>
        {
            w.WriteStartArray();
            foreach (var d in list)
            {
                WriteDocument(w, d, full: false);
            }

            w.WriteEndArray();
        });
    }

    private Task Document(HttpContext ctx)
    {
        runDue();
        string uuid = (string)ctx.Request.RouteValues["uuid"]!;
        var found = store.Find(uuid);
        if (found is null)
        {
            return Problem(ctx, 404, $"no document with uuid \"{uuid}\"");
        }

        var d = store.SnapshotOf(found);
        return Send(ctx, 200, w => WriteDocument(w, d, full: true));
    }

    // Passwords are never answered: a page that reaches this port must not learn them (the test accounts' passwords
    // are public in ATOL's documents; the README lists them).
    private Task Accounts(HttpContext ctx) => Send(ctx, 200, w =>
    {
        w.WriteStartArray();
        foreach (var a in store.Accounts)
        {
            w.WriteStartObject();
            w.WriteString("login", a.Login);
            w.WriteString("group_code", a.GroupCode);
            w.WriteString("protocol", AtolProtocolDescriptor.For(a.Protocol).PathSegment);
            w.WriteString("inn", a.Inn);
            w.WriteString("payment_address", a.PaymentAddress);
            w.WriteNumber("registers", store.RegisterCount(a.GroupCode));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    private Task Faults(HttpContext ctx) => Send(ctx, 200, w =>
    {
        w.WriteStartArray();
        foreach (var rule in faults.Rules)
        {
            WriteRule(w, rule);
        }

        w.WriteEndArray();
    });

    private async Task AddFaults(HttpContext ctx)
    {
        using var json = await ReadAsync(ctx).ConfigureAwait(false);
        if (json is null)
        {
            await Problem(ctx, 400, "the body must be JSON").ConfigureAwait(false);
            return;
        }

        var rules = new List<FaultRule>();
        try
        {
            if (json.RootElement.ValueKind == JsonValueKind.Array)
            {
                rules.AddRange(json.RootElement.EnumerateArray().Select(ParseRule));
            }
            else
            {
                rules.Add(ParseRule(json.RootElement));
            }

            foreach (var rule in rules)
            {
                faults.Add(rule);
            }
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            await Problem(ctx, 400, ex.Message).ConfigureAwait(false);
            return;
        }

        await Faults(ctx).ConfigureAwait(false);
    }

    private Task ClearFaults(HttpContext ctx)
    {
        FaultEndpoint? endpoint = null;
        if (ctx.Request.Query.TryGetValue("endpoint", out var e))
        {
            if (!TryEndpoint(e.ToString(), out var parsed))
            {
                return Problem(ctx, 400, $"unknown endpoint \"{e}\"");
            }

            endpoint = parsed;
        }

        faults.Clear(endpoint);
        return Faults(ctx);
    }

    private Task Clock(HttpContext ctx) => Send(ctx, 200, w =>
    {
        var now = store.Clock.GetUtcNow();
        w.WriteStartObject();
        w.WriteString("utc", now.ToString("O", CultureInfo.InvariantCulture));
        w.WriteString("timestamp", Wire.Timestamp(now, store.Offset));
        w.WriteEndObject();
    });

    private async Task AdvanceClock(HttpContext ctx)
    {
        using var json = await ReadAsync(ctx).ConfigureAwait(false);
        if (json is null || json.RootElement.ValueKind != JsonValueKind.Object
            || !json.RootElement.TryGetProperty("seconds", out var s) || s.ValueKind != JsonValueKind.Number)
        {
            await Problem(ctx, 400, "expected {\"seconds\": <number>}").ConfigureAwait(false);
            return;
        }

        store.Clock.Advance(TimeSpan.FromSeconds(s.GetDouble()));
        await Clock(ctx).ConfigureAwait(false);
    }

    private async Task SetClock(HttpContext ctx)
    {
        using var json = await ReadAsync(ctx).ConfigureAwait(false);
        if (json is null || json.RootElement.ValueKind != JsonValueKind.Object
            || !json.RootElement.TryGetProperty("utc", out var u) || u.ValueKind != JsonValueKind.String
            || !DateTimeOffset.TryParse(u.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            await Problem(ctx, 400, "expected {\"utc\": \"<ISO-8601 date and time>\"}").ConfigureAwait(false);
            return;
        }

        store.Clock.SetUtcNow(at);
        await Clock(ctx).ConfigureAwait(false);
    }

    private async Task ExpireTokens(HttpContext ctx)
    {
        string? login = null;
        if (ctx.Request.ContentLength is > 0 || ctx.Request.Headers.TransferEncoding.Count > 0)
        {
            using var json = await ReadAsync(ctx).ConfigureAwait(false);
            if (json?.RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("login", out var l) && l.ValueKind == JsonValueKind.String)
            {
                login = l.GetString();
            }
        }

        int n = store.ExpireTokens(login: login);
        await Send(ctx, 200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("expired", n);
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private Task Requests(HttpContext ctx)
    {
        string? group = ctx.Request.Query.TryGetValue("group_code", out var g) ? g.ToString() : null;
        var requests = store.Requests.Snapshot();
        return Send(ctx, 200, w => WriteRequests(w, requests, group));
    }

    private Task GetStats(HttpContext ctx)
    {
        runDue();
        var stats = Stats.Of(store);
        return Send(ctx, 200, w => Stats.Write(w, stats));
    }

    private Task Registers(HttpContext ctx)
    {
        runDue();
        string? group = ctx.Request.Query.TryGetValue("group_code", out var g) ? g.ToString() : null;
        var registers = store.Registers(group);
        return Send(ctx, 200, w =>
        {
            w.WriteStartArray();
            foreach (var r in registers)
            {
                WriteRegister(w, r);
            }

            w.WriteEndArray();
        });
    }

    private async Task ChangeRegister(HttpContext ctx)
    {
        string serial = (string)ctx.Request.RouteValues["serial"]!;
        using var json = await ReadAsync(ctx).ConfigureAwait(false);
        if (json is null)
        {
            await Problem(ctx, 400, "the body must be JSON").ConfigureAwait(false);
            return;
        }

        RegisterFaultChange change;
        try
        {
            change = RegisterFaultChange.Parse(json.RootElement);
        }
        catch (FormatException ex)
        {
            await Problem(ctx, 400, ex.Message).ConfigureAwait(false);
            return;
        }

        if (change.Problem() is { } problem)
        {
            await Problem(ctx, 400, problem).ConfigureAwait(false);
            return;
        }

        runDue();
        if (store.ChangeRegister(serial, change.Apply) is not { } register)
        {
            await Problem(ctx, 404, $"no register with serial number \"{serial}\"").ConfigureAwait(false);
            return;
        }

        await Send(ctx, 200, w => WriteRegister(w, register)).ConfigureAwait(false);
    }

    private Task ClearRegisterFaults(HttpContext ctx)
    {
        runDue();
        if (ctx.Request.RouteValues.TryGetValue("serial", out var value) && value is string serial)
        {
            if (store.ChangeRegister(serial, (r, now) => r.ClearFaults(now)) is not { } register)
            {
                return Problem(ctx, 404, $"no register with serial number \"{serial}\"");
            }

            return Send(ctx, 200, w => WriteRegister(w, register));
        }

        store.ClearRegisterFaults();
        return Registers(ctx);
    }

    private static void WriteRegister(Utf8JsonWriter w, EmulatedRegister r)
    {
        w.WriteStartObject();
        w.WriteString("serial_number", r.SerialNumber);
        w.WriteString("group_code", r.GroupCode);
        w.WriteString("device_code", r.DeviceCode);
        w.WriteBoolean("online", r.Online);
        if (r.CurrentDocumentUuid is { } uuid)
        {
            w.WriteString("current_document", uuid);
        }
        else
        {
            w.WriteNull("current_document");
        }

        w.WriteString("fiscal_storage_expiration", r.FiscalStorageExpiration.ToString("O", CultureInfo.InvariantCulture));
        w.WriteNumber("fiscal_storage_percentage_use", r.FiscalStoragePercentageUse);
        w.WriteNumber("unsent_docs", r.UnsentDocuments);
        if (r.OldestUnsentDocumentAt is { } oldest)
        {
            w.WriteString("first_unsent_doc_at", oldest.ToString("O", CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteNull("first_unsent_doc_at");
        }

        w.WriteNumber("network_error_code", r.NetworkErrorCode);
        w.WriteEndObject();
    }

    private Task ClearRequests(HttpContext ctx)
    {
        store.Requests.Clear();
        return Send(ctx, 200, w => WriteRequests(w, store.Requests.Snapshot(), null));
    }

    private static void WriteRequests(Utf8JsonWriter w, EmulatorRequests requests, string? group)
    {
        w.WriteStartObject();
        w.WritePropertyName("totals");
        w.WriteStartObject();
        w.WriteNumber("registrations", requests.Registrations);
        w.WriteNumber("accepted", requests.Accepted);
        w.WriteNumber("duplicates", requests.Duplicates);
        w.WriteNumber("without_external_id", requests.RegistrationsWithoutExternalId);
        w.WriteNumber("report_requests", requests.ReportRequests);
        w.WriteNumber("token_requests", requests.TokenRequests);
        w.WriteEndObject();
        w.WriteNumber("max_registrations_per_second", requests.MaxRegistrationsWithin(TimeSpan.FromSeconds(1)));
        w.WriteBoolean("times_truncated", requests.TimesTruncated);
        w.WriteStartArray("external_ids");
        foreach (var r in requests.ByExternalId.Where(r => group is null || r.GroupCode == group))
        {
            w.WriteStartObject();
            w.WriteString("group_code", r.GroupCode);
            w.WriteString("external_id", r.ExternalId);
            w.WriteNumber("registrations", r.Registrations);
            w.WriteNumber("accepted", r.Accepted);
            w.WriteNumber("duplicates", r.Duplicates);
            w.WriteNumber("refused", r.Refused);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("uuids");
        foreach (var r in requests.ByUuid.Where(r => group is null || r.GroupCode == group))
        {
            w.WriteStartObject();
            w.WriteString("group_code", r.GroupCode);
            w.WriteString("uuid", r.Uuid);
            w.WriteNumber("report_requests", r.ReportRequests);
            w.WriteStartArray("times");
            foreach (var t in r.Times)
            {
                w.WriteStringValue(t.ToString("O", CultureInfo.InvariantCulture));
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WritePropertyName("token_requests");
        w.WriteStartObject();
        foreach (var (login, count) in requests.TokenRequestsByLogin.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WriteNumber(login, count);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    // ------------------------------------------------------------------ helpers

    private static void WriteDocument(Utf8JsonWriter w, EmulatedDocument d, bool full)
    {
        w.WriteStartObject();
        w.WriteString("external_id", d.ExternalId);
        w.WriteString("uuid", d.Uuid);
        w.WriteString("status", d.Status switch { DocumentState.Wait => "wait", DocumentState.Done => "done", _ => "fail" });
        w.WriteString("operation", d.Operation);
        w.WriteString("group_code", d.GroupCode);
        w.WriteString("protocol", AtolProtocolDescriptor.For(d.Protocol).PathSegment);
        w.WriteString("registered_at", d.RegisteredAt.ToString("O", CultureInfo.InvariantCulture));
        if (d.ProcessedAt is { } processed)
        {
            w.WriteString("processed_at", processed.ToString("O", CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteNull("processed_at");
        }

        if (d.CallbackUrl is not null)
        {
            w.WriteString("callback_url", d.CallbackUrl);
        }
        else
        {
            w.WriteNull("callback_url");
        }

        if (d.ErrorCode is { } code)
        {
            w.WritePropertyName("error");
            w.WriteStartObject();
            w.WriteNumber("code", code);
            w.WriteString("type", d.ErrorType);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("error");
        }

        if (d.DeviceCode is not null)
        {
            w.WriteString("device_code", d.DeviceCode);
        }

        if (d.FiscalDocumentNumber is { } fd)
        {
            w.WriteNumber("fiscal_document_number", fd);
        }

        w.WriteNumber("callbacks", d.Callbacks.Count);
        if (full)
        {
            w.WritePropertyName("body");
            w.WriteRawValue(d.Body.Span, skipInputValidation: false);
            w.WritePropertyName("report");
            w.WriteRawValue(d.Report.Span, skipInputValidation: false);
        }

        w.WriteEndObject();
    }

    private static void WriteRule(Utf8JsonWriter w, FaultRule rule)
    {
        w.WriteStartObject();
        w.WriteString("endpoint", EndpointName(rule.Endpoint));
        if (rule.Sequence is { } sequence)
        {
            w.WriteStartArray("sequence");
            foreach (var step in sequence)
            {
                w.WriteStringValue(KindName(step));
            }

            w.WriteEndArray();
        }
        else
        {
            w.WriteString("kind", KindName(rule.Kind));
            w.WriteNumber("probability", rule.Probability);
            if (rule.MaxCount is { } max)
            {
                w.WriteNumber("max_count", max);
            }
        }

        w.WriteString("timing", rule.Timing == FaultTiming.AfterStore ? "after-store" : "before-store");
        w.WriteNumber("delay_ms", (long)rule.Delay.TotalMilliseconds);
        w.WriteEndObject();
    }

    internal static FaultRule ParseRule(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("a fault rule must be an object");
        }

        if (!e.TryGetProperty("endpoint", out var ep) || ep.ValueKind != JsonValueKind.String || !TryEndpoint(ep.GetString()!, out var endpoint))
        {
            throw new FormatException("endpoint: one of token, register, report, monitoring");
        }

        var rule = new FaultRule { Endpoint = endpoint };
        if (e.TryGetProperty("sequence", out var seq))
        {
            if (seq.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("sequence: an array of fault kinds");
            }

            rule = rule with { Sequence = seq.EnumerateArray().Select(x => Kind(x.GetString())).ToArray() };
        }
        else if (e.TryGetProperty("kind", out var kind))
        {
            rule = rule with { Kind = Kind(kind.ValueKind == JsonValueKind.Number ? kind.GetRawText() : kind.GetString()) };
        }
        else
        {
            throw new FormatException("kind or sequence is required");
        }

        if (e.TryGetProperty("probability", out var p))
        {
            rule = rule with { Probability = p.GetDouble() };
        }

        if (e.TryGetProperty("max_count", out var m))
        {
            rule = rule with { MaxCount = m.GetInt32() };
        }

        if (e.TryGetProperty("delay_ms", out var d))
        {
            rule = rule with { Delay = TimeSpan.FromMilliseconds(d.GetDouble()) };
        }

        if (e.TryGetProperty("timing", out var t))
        {
            rule = rule with
            {
                Timing = t.GetString() switch
                {
                    "before-store" => FaultTiming.BeforeStore,
                    "after-store" => FaultTiming.AfterStore,
                    var other => throw new FormatException($"timing: before-store or after-store, not \"{other}\""),
                },
            };
        }

        return rule;
    }

    internal static FaultKind Kind(string? name) => name switch
    {
        "none" => FaultKind.None,
        "500" => FaultKind.Status500,
        "502" => FaultKind.Status502,
        "503" => FaultKind.Status503,
        "delay" => FaultKind.Delay,
        "hang" => FaultKind.Hang,
        "drop" => FaultKind.Drop,
        "malformed" => FaultKind.Malformed,
        "expire-token" => FaultKind.ExpireToken,
        _ => throw new FormatException($"unknown fault kind \"{name}\" (500, 502, 503, delay, hang, drop, malformed, expire-token, none)"),
    };

    internal static string KindName(FaultKind kind) => kind switch
    {
        FaultKind.Status500 => "500",
        FaultKind.Status502 => "502",
        FaultKind.Status503 => "503",
        FaultKind.Delay => "delay",
        FaultKind.Hang => "hang",
        FaultKind.Drop => "drop",
        FaultKind.Malformed => "malformed",
        FaultKind.ExpireToken => "expire-token",
        _ => "none",
    };

    private static string EndpointName(FaultEndpoint endpoint) => endpoint switch
    {
        FaultEndpoint.Token => "token",
        FaultEndpoint.Register => "register",
        FaultEndpoint.Report => "report",
        _ => "monitoring",
    };

    internal static bool TryEndpoint(string name, out FaultEndpoint endpoint)
    {
        (bool ok, endpoint) = name switch
        {
            "token" => (true, FaultEndpoint.Token),
            "register" => (true, FaultEndpoint.Register),
            "report" => (true, FaultEndpoint.Report),
            "monitoring" => (true, FaultEndpoint.Monitoring),
            _ => (false, default),
        };
        return ok;
    }

    private static async Task<JsonDocument?> ReadAsync(HttpContext ctx)
    {
        try
        {
            return await JsonDocument.ParseAsync(ctx.Request.Body, default, ctx.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Task Problem(HttpContext ctx, int status, string message) => Send(ctx, status, w =>
    {
        w.WriteStartObject();
        w.WriteString("error", message);
        w.WriteEndObject();
    });

    private static async Task Send(HttpContext ctx, int status, Action<Utf8JsonWriter> write)
    {
        byte[] body = Wire.Json(write);
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = Wire.JsonContentType;
        ctx.Response.ContentLength = body.Length;
        await ctx.Response.Body.WriteAsync(body, ctx.RequestAborted).ConfigureAwait(false);
    }
}
