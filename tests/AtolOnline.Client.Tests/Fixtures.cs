using System.Text;
using AtolOnline.Emulator;
using AtolOnline.Json;
using AtolOnline.Protocol;

namespace AtolOnline.Client.Tests;

internal static class Fixtures
{
    public const string V4Group = "v4-online-atol-ru_4179";
    public const string V5Group = "v5-online-atol-ru_5179";

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<AtolEmulator> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions { ProcessingDelay = TimeSpan.Zero };
        configure?.Invoke(options);
        return AtolEmulator.StartAsync(options, Ct);
    }

    public static HttpClient Http() => new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Options for the emulator: ATOL's test credentials, short delays so tests stay fast.</summary>
    public static AtolClientOptions Options(AtolEmulator atol, AtolProtocolVersion version = AtolProtocolVersion.V5)
    {
        var options = AtolClientOptions.ForTestEnvironment(version, atol.BaseAddress);
        options.Retry = new AtolRetryPolicy { MaxAttempts = 4, BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(50) };
        options.Polling = new AtolPollingPolicy
        {
            FirstDelay = TimeSpan.FromMilliseconds(10), NextDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(100), Deadline = TimeSpan.FromSeconds(10),
        };
        options.AttemptTimeout = TimeSpan.FromSeconds(10);
        return options;
    }

    public static AtolClient Client(AtolEmulator atol, AtolProtocolVersion version = AtolProtocolVersion.V5, Action<AtolClientOptions>? configure = null)
    {
        var options = Options(atol, version);
        configure?.Invoke(options);
        return new AtolClient(Http(), options);
    }

    public static V5.ReceiptRequest V5Sell(string externalId, int seed = 1, int items = 3) =>
        SampleDocuments.Sell(seed, items) with { ExternalId = externalId };

    public static V5.CorrectionRequest V5Correction(string externalId, int seed = 1) =>
        SampleDocuments.SellCorrection(seed, 2) with { ExternalId = externalId };

    public static V4.ReceiptRequest V4Sell(string externalId) => AtolJson.Parse<V4.ReceiptRequest>(Encoding.UTF8.GetBytes($$"""
        {
          "external_id": "{{externalId}}",
          "receipt": {
            "client": { "email": "kkt@kkt.ru" },
            "company": { "email": "chek@romashka.ru", "sno": "osn", "inn": "5544332219", "payment_address": "https://v4.online.atol.ru" },
            "items": [
              { "name": "колбаса Клинский Брауншвейгская с/к в/с", "price": 500.00, "quantity": 1.0, "sum": 500.00,
                "measurement_unit": "кг", "payment_method": "full_payment", "payment_object": "commodity", "vat": { "type": "vat20" } }
            ],
            "payments": [ { "type": 1, "sum": 500.00 } ],
            "total": 500.00
          },
          "timestamp": "05.03.2025 14:02:11"
        }
        """));

    public static V4.CorrectionRequest V4Correction(string externalId) => AtolJson.Parse<V4.CorrectionRequest>(Encoding.UTF8.GetBytes($$"""
        {
          "external_id": "{{externalId}}",
          "correction": {
            "company": { "sno": "osn", "inn": "5544332219", "payment_address": "https://v4.online.atol.ru" },
            "correction_info": { "type": "self", "base_date": "05.03.2025", "base_number": "1791" },
            "payments": [ { "type": 1, "sum": 100.00 } ],
            "vats": [ { "type": "vat20", "sum": 16.67 } ]
          },
          "timestamp": "05.03.2025 14:02:11"
        }
        """));
}
