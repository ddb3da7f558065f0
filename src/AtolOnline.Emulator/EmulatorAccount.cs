using System.Text.Json;

namespace AtolOnline.Emulator;

/// <summary>
/// One integrator account of the emulated service: credentials, the group of cash registers they open and the data
/// written in the registers' fiscal drives.
/// </summary>
public sealed record EmulatorAccount
{
    /// <summary>Login for getToken (possystem and monitoring).</summary>
    public required string Login { get; init; }

    /// <summary>Password for getToken.</summary>
    public required string Password { get; init; }

    /// <summary>The group code (group of cash registers) of this account.</summary>
    public required string GroupCode { get; init; }

    /// <summary>The only protocol the group answers on; the other one gives error 21.</summary>
    public required AtolProtocolVersion Protocol { get; init; }

    /// <summary>The company INN written in the group's fiscal drives (receipts with another INN fail with agent error 2009).</summary>
    public required string Inn { get; init; }

    /// <summary>The payment address written in the fiscal drives.</summary>
    public required string PaymentAddress { get; init; }

    /// <summary>
    /// How many cash registers the group has; 0 (the default) takes <see cref="EmulatorOptions.Registers"/>. Each
    /// register processes one document at a time, taking them from the group's FIFO queue.
    /// </summary>
    public int Registers { get; init; }

    /// <summary>
    /// ATOL's public v4 test account (FFD 1.05) from ATOL's <c>test_sreda.txt</c>: login <c>v4-online-atol-ru</c>,
    /// group <c>v4-online-atol-ru_4179</c>, INN 5544332219, payment address <c>https://v4.online.atol.ru</c>.
    /// </summary>
    public static EmulatorAccount TestV4 { get; } = new()
    {
        Login = "v4-online-atol-ru",
        Password = "iGFFuihss",
        GroupCode = "v4-online-atol-ru_4179",
        Protocol = AtolProtocolVersion.V4,
        Inn = "5544332219",
        PaymentAddress = "https://v4.online.atol.ru",
    };

    /// <summary>
    /// ATOL's public v5 test account (FFD 1.2): login <c>v5-online-atol-ru</c>, group <c>v5-online-atol-ru_5179</c>,
    /// INN 5544332219, payment address <c>https://v5.online.atol.ru</c>.
    /// </summary>
    public static EmulatorAccount TestV5 { get; } = new()
    {
        Login = "v5-online-atol-ru",
        Password = "zUr0OxfI",
        GroupCode = "v5-online-atol-ru_5179",
        Protocol = AtolProtocolVersion.V5,
        Inn = "5544332219",
        PaymentAddress = "https://v5.online.atol.ru",
    };

    /// <summary>
    /// Reads accounts from a JSON file: an array of objects with <c>login</c>, <c>password</c> (or <c>pass</c>),
    /// <c>group_code</c>, <c>protocol</c> (<c>"v4"</c> or <c>"v5"</c>), <c>inn</c>, <c>payment_address</c> and
    /// optionally <c>registers</c>.
    /// </summary>
    /// <exception cref="FormatException">The file does not have that shape.</exception>
    public static IReadOnlyList<EmulatorAccount> LoadFile(string path) => Parse(File.ReadAllBytes(path));

    /// <summary>Reads accounts from UTF-8 JSON in the shape <see cref="LoadFile"/> describes.</summary>
    /// <exception cref="FormatException">The JSON does not have that shape.</exception>
    public static IReadOnlyList<EmulatorAccount> Parse(ReadOnlySpan<byte> utf8Json)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            throw new FormatException("accounts: malformed JSON: " + ex.Message, ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("accounts: the root must be an array of accounts");
            }

            var list = new List<EmulatorAccount>();
            int index = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                list.Add(FromJson(element, index++));
            }

            return list;
        }
    }

    private static EmulatorAccount FromJson(JsonElement e, int index)
    {
        string Text(string name, string? alt = null)
        {
            if (e.ValueKind == JsonValueKind.Object
                && (e.TryGetProperty(name, out var v) || (alt is not null && e.TryGetProperty(alt, out v)))
                && v.ValueKind == JsonValueKind.String
                && !string.IsNullOrEmpty(v.GetString()))
            {
                return v.GetString()!;
            }

            throw new FormatException($"accounts[{index}].{name}: a non-empty string is required");
        }

        var protocol = Text("protocol") switch
        {
            "v4" or "V4" or "4" => AtolProtocolVersion.V4,
            "v5" or "V5" or "5" => AtolProtocolVersion.V5,
            var other => throw new FormatException($"accounts[{index}].protocol: \"{other}\" is neither v4 nor v5"),
        };
        int registers = 0;
        if (e.TryGetProperty("registers", out var r))
        {
            if (r.ValueKind != JsonValueKind.Number || !r.TryGetInt32(out registers) || registers < 1 || registers > 1000)
            {
                throw new FormatException($"accounts[{index}].registers: an integer 1-1000 is required");
            }
        }

        return new EmulatorAccount
        {
            Login = Text("login"),
            Password = Text("password", "pass"),
            GroupCode = Text("group_code"),
            Protocol = protocol,
            Inn = Text("inn"),
            PaymentAddress = Text("payment_address"),
            Registers = registers,
        };
    }
}
