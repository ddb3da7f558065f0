using System.Globalization;
using System.Text.Json;
using AtolOnline.V5;
using AtolOnline.Json;
using AtolOnline.Protocol;

namespace AtolOnline.SampleService;

/// <summary>Takes orders, fiscalizes them through the client and applies their results (callback or polling).</summary>
internal sealed class OrderService(
    IAtolRegistrationClient client, OrderStore store, AtolCallbackInbox inbox, AtolCallbackProof proof, SampleSettings settings,
    TimeProvider time, ILogger<OrderService> logger)
{
    public async Task PlaceAsync(HttpContext context)
    {
        OrderRequest? order;
        try
        {
            order = await JsonSerializer.DeserializeAsync(context.Request.Body, SampleJson.Default.OrderRequest, context.RequestAborted);
        }
        catch (JsonException ex)
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, new InvalidOrder("the body is not an order: " + ex.Message, []));
            return;
        }

        if (order is null || string.IsNullOrWhiteSpace(order.Id) || order.Lines is not { Count: > 0 })
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, new InvalidOrder("an order needs an id and at least one line", []));
            return;
        }

        if (store.Find(order.Id) is { } known)
        {
            // The same order again: nothing is sent twice; the caller reads where it stands.
            await WriteAsync(context, StatusCodes.Status200OK, known);
            return;
        }

        var receipt = BuildReceipt(order);
        var validation = receipt.Validate();
        if (!validation.IsValid)
        {
            var problems = validation.Violations.Select(static v => new Problem(v.Path, v.Message)).ToArray();
            await WriteAsync(context, StatusCodes.Status422UnprocessableEntity, new InvalidOrder("the order does not make a valid receipt; nothing was sent", problems));
            return;
        }

        var record = new OrderRecord { Id = order.Id, ExternalId = receipt.ExternalId, State = "accepted", ReceiptJson = AtolJson.ToJsonString(receipt) };
        store.Save(record);
        record = await SendAsync(record, context.RequestAborted);
        await WriteAsync(context, record.State == "accepted" ? StatusCodes.Status502BadGateway : StatusCodes.Status202Accepted, record);
    }

    public async Task GetAsync(HttpContext context)
    {
        var id = (string?)context.Request.RouteValues["id"];
        if (id is null || store.Find(id) is not { } record)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await WriteAsync(context, StatusCodes.Status200OK, record);
    }

    /// <summary>The callback handler: applies a trusted final report to its order.</summary>
    public ValueTask<AtolCallbackDisposition> ApplyAsync(AtolReport report, CancellationToken cancellationToken)
    {
        if (report.Uuid is null || store.FindByUuid(report.Uuid) is not { } record)
        {
            return ValueTask.FromResult(AtolCallbackDisposition.UnknownDocument);
        }

        Apply(record, report);
        return ValueTask.FromResult(AtolCallbackDisposition.Applied);
    }

    /// <summary>
    /// Sends what was accepted but not registered (a crash or an unavailable ATOL), and polls registered orders whose
    /// callback has not come within <see cref="SampleSettings.PollAfter"/> (ATOL advises polling after 300 s).
    /// </summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var record in store.All.ToArray())
        {
            try
            {
                if (record.State == "accepted")
                {
                    await SendAsync(record, cancellationToken);
                }
                else if (record.State == "registered" && record.Uuid is { } uuid && now - record.SentAt >= settings.PollAfter)
                {
                    var report = await client.GetReportAsync(uuid, cancellationToken);
                    if (report.IsFinal)
                    {
                        Apply(record, report);
                    }
                }
            }
            catch (AtolApiException ex)
            {
                SampleLog.AtolRefused(logger, record.Id, ex.Code, ex.Action);
            }
            catch (HttpRequestException ex)
            {
                SampleLog.AtolUnreachable(logger, record.Id, ex.Message);
            }
        }
    }

    private async Task<OrderRecord> SendAsync(OrderRecord record, CancellationToken cancellationToken)
    {
        var receipt = AtolJson.Parse<ReceiptRequest>(System.Text.Encoding.UTF8.GetBytes(record.ReceiptJson));
        var sentAt = time.GetUtcNow();
        try
        {
            var registration = await client.SellAsync(receipt, cancellationToken: cancellationToken);
            record = store.Update(record.Id, current => current.State == "accepted"
                ? current with { State = "registered", Uuid = registration.Uuid, SentAt = sentAt }
                : null)!;
            inbox.DocumentRegistered(registration.Uuid, sentAt);
            return record;
        }
        catch (AtolApiException ex) when (ex.Action == AtolErrorAction.FixDocument)
        {
            return store.Update(record.Id, current => current.State == "accepted" ? current with { State = "rejected", Error = ex.Message } : null)!;
        }
        catch (Exception ex) when (ex is AtolApiException or HttpRequestException or TimeoutException)
        {
            // Left accepted: sent again (same external_id) by the catch-up loop.
            SampleLog.NotRegistered(logger, record.Id, ex.GetType().Name);
            return record;
        }
    }

    private void Apply(OrderRecord record, AtolReport report)
    {
        store.Update(record.Id, current => current.State is "done" or "fail" ? null : current with
        {
            State = report.Status == AtolDocumentStatus.Done ? "done" : "fail",
            FnNumber = report.FnNumber,
            FiscalDocumentNumber = report.FiscalDocumentNumber,
            FiscalDocumentAttribute = report.FiscalDocumentAttribute,
            Total = report.Total,
            Error = report.Error is { } e ? $"{e.Type} {e.Code.ToString(CultureInfo.InvariantCulture)}: {e.Text}" : null,
        });
    }

    private ReceiptRequest BuildReceipt(OrderRequest order)
    {
        var items = order.Lines.Select(static line => new Item
        {
            Name = line.Name,
            Price = line.Price,
            Quantity = line.Quantity,
            Measure = MeasureUnit.Piece,
            Sum = decimal.Round(line.Price * line.Quantity, 2, MidpointRounding.AwayFromZero),
            PaymentMethod = PaymentMethod.FullPayment,
            PaymentObject = PaymentObject.Commodity,
            Vat = new ItemVat { Type = VatType.None },
        }).ToArray();
        decimal total = items.Sum(static i => i.Sum);
        string externalId = "order-" + order.Id;
        return new ReceiptRequest
        {
            ExternalId = externalId,
            Timestamp = AtolTime.Now(time),
            Service = new Service { CallbackUrl = proof.CreateCallbackUrl(settings.CallbackBaseUrl, externalId) },
            Receipt = new Receipt
            {
                Client = new Buyer { Email = order.Email },
                Company = new Company { Email = settings.CompanyEmail, Sno = TaxationSystem.Osn, Inn = settings.CompanyInn, PaymentAddress = settings.PaymentAddress },
                Items = items,
                Payments = [new Payment { Type = PaymentType.Cashless, Sum = total }],
                Total = total,
            },
        };
    }

    private static async Task WriteAsync<T>(HttpContext context, int status, T value)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)SampleJson.Default.GetTypeInfo(typeof(T))!, context.RequestAborted);
    }
}
