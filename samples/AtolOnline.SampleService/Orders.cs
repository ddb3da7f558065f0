using System.Text.Json;
using System.Text.Json.Serialization;

namespace AtolOnline.SampleService;

/// <summary>An order as the shop posts it.</summary>
internal sealed record OrderRequest(string Id, string Email, IReadOnlyList<OrderLine> Lines);

/// <summary>One line of an order.</summary>
internal sealed record OrderLine(string Name, decimal Price, decimal Quantity);

/// <summary>The durable record of an order (one JSON line per change in orders.jsonl; the last line of an id wins).</summary>
internal sealed record OrderRecord
{
    public required string Id { get; init; }

    public required string ExternalId { get; init; }

    /// <summary>accepted (validated, maybe sent), registered (ATOL answered a uuid), done, fail, rejected (ATOL refused it).</summary>
    public required string State { get; init; }

    /// <summary>The receipt as sent (the same bytes are sent again after a crash: the same external_id, so ATOL registers it once).</summary>
    public required string ReceiptJson { get; init; }

    public string? Uuid { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    public string? FnNumber { get; init; }

    public long? FiscalDocumentNumber { get; init; }

    public long? FiscalDocumentAttribute { get; init; }

    public decimal? Total { get; init; }

    public string? Error { get; init; }
}

/// <summary>A violation of the receipt built from an order.</summary>
internal sealed record Problem(string Path, string Message);

/// <summary>The answer to an order that does not make a valid receipt.</summary>
internal sealed record InvalidOrder(string Error, IReadOnlyList<Problem> Problems);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OrderRequest))]
[JsonSerializable(typeof(OrderRecord))]
[JsonSerializable(typeof(InvalidOrder))]
internal sealed partial class SampleJson : JsonSerializerContext;
