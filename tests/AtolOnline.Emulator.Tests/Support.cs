using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AtolOnline.Emulator;

namespace AtolOnline.Emulator.Tests;

/// <summary>Raw HTTP helpers: requests are written as ATOL's documents show them, answers parsed with JsonDocument.</summary>
internal static class Support
{
    public const string V4Group = "v4-online-atol-ru_4179";
    public const string V5Group = "v5-online-atol-ru_5179";

    /// <summary>A frozen underlying clock, so only Advance/SetUtcNow move emulator time.</summary>
    public sealed class FrozenTime(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }

    public static readonly DateTimeOffset Start = new(2025, 3, 5, 11, 2, 11, TimeSpan.Zero);

    public static Task<AtolEmulator> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        // Exact processing times (no jitter): these tests move the clock by whole processing times.
        var options = new EmulatorOptions { ProcessingDelay = TimeSpan.FromSeconds(5), ProcessingJitter = 0, TimeProvider = new FrozenTime(Start) };
        configure?.Invoke(options);
        return AtolEmulator.StartAsync(options, TestContext.Current.CancellationToken);
    }

    public static HttpClient Client(AtolEmulator atol, TimeSpan? timeout = null) =>
        new(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = atol.BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(30) };

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public sealed record Answer(HttpStatusCode Status, string Text, string? ContentType)
    {
        public JsonElement Root => JsonDocument.Parse(Text).RootElement;

        public int ErrorCode => Root.GetProperty("error").GetProperty("code").GetInt32();

        public string ErrorText => Root.GetProperty("error").GetProperty("text").GetString()!;

        public string Str(string name) => Root.GetProperty(name).GetString()!;
    }

    public static async Task<Answer> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        string text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new Answer(response.StatusCode, text, response.Content.Headers.ContentType?.ToString());
    }

    public static Task<Answer> PostAsync(HttpClient http, string path, string json, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(json) };
        if (token is not null)
        {
            request.Headers.Add("Token", token);
        }

        return SendAsync(http, request);
    }

    public static Task<Answer> GetAsync(HttpClient http, string path, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Add("Token", token);
        }

        return SendAsync(http, request);
    }

    public static async Task<string> TokenAsync(HttpClient http, string version = "v5")
    {
        var (login, pass) = version == "v4" ? ("v4-online-atol-ru", "iGFFuihss") : ("v5-online-atol-ru", "zUr0OxfI");
        var answer = await PostAsync(http, $"possystem/{version}/getToken", $$"""{"login":"{{login}}","pass":"{{pass}}"}""");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return answer.Str("token");
    }

    public static string V5Sell(string externalId, string inn = "5544332219", string payments = """[{"type":1,"sum":11.0}]""", string? callback = null) => $$"""
        {
          "timestamp": "05.03.2025 14:02:11",
          "external_id": "{{externalId}}",
          {{(callback is null ? "" : $$"""  "service": { "callback_url": "{{callback}}" },""")}}
          "receipt": {
            "client": { "email": "test@mail.ru" },
            "company": { "email": "sender@mail.ru", "sno": "osn", "inn": "{{inn}}", "payment_address": "https://v5.online.atol.ru" },
            "items": [
              { "name": "Test", "price": 10.0, "quantity": 1.1, "measure": 11, "sum": 11.0,
                "payment_method": "full_payment", "payment_object": 1, "vat": { "type": "none" } }
            ],
            "payments": {{payments}},
            "total": 11.0
          }
        }
        """;

    public static string V5Correction(string externalId) => $$"""
        {
          "correction": {
            "correction_info": { "type": "self", "base_date": "05.03.2025", "base_number": "1791" },
            "client": { "email": "test@mail.ru" },
            "company": { "email": "sender@mail.ru", "sno": "osn", "inn": "5544332219", "payment_address": "https://v5.online.atol.ru" },
            "items": [
              { "name": "Test", "price": 10.0, "quantity": 1.1, "measure": 11, "sum": 11.0,
                "payment_method": "full_payment", "payment_object": 1, "vat": { "type": "none" } }
            ],
            "payments": [ { "type": 0, "sum": 11.0 } ],
            "vats": [ { "type": "none", "sum": 11.0 } ],
            "total": 11.0
          },
          "timestamp": "05.03.2025 14:02:11",
          "external_id": "{{externalId}}"
        }
        """;

    public static string V4Sell(string externalId, string? callback = null, string total = "500.00") => $$"""
        {
          "external_id": "{{externalId}}",
          "receipt": {
            "client": { "email": "kkt@kkt.ru" },
            "company": { "email": "chek@romashka.ru", "sno": "osn", "inn": "5544332219", "payment_address": "https://v4.online.atol.ru" },
            "items": [
              { "name": "колбаса Клинский Брауншвейгская с/к в/с ", "price": 500.00, "quantity": 1.0, "sum": 500.00,
                "measurement_unit": "кг", "payment_method": "full_payment", "payment_object": "commodity", "vat": { "type": "vat20" } }
            ],
            "payments": [ { "type": 1, "sum": 500.00 } ],
            "total": {{total}}
          },
          {{(callback is null ? "" : $$"""  "service": { "callback_url": "{{callback}}" },""")}}
          "timestamp": "05.03.2025 14:02:11"
        }
        """;

    public static string V4Correction(string externalId) => $$"""
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
        """;
}
