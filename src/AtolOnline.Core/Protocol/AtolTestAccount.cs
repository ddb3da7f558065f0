namespace AtolOnline.Protocol;

/// <summary>
/// ATOL Online's public test accounts (published by ATOL for its test environment <c>https://testonline.atol.ru/</c>):
/// credentials, group, the test company's INN and payment address, so that a test document is built without looking
/// them up. A receipt sent there with another INN fails (agent error 2009). Not secrets: everyone shares them.
/// </summary>
public sealed class AtolTestAccount
{
    private AtolTestAccount(AtolProtocolVersion version, string login, string password, string groupCode, string paymentAddress)
    {
        ProtocolVersion = version;
        Login = login;
        Password = password;
        GroupCode = groupCode;
        PaymentAddress = paymentAddress;
        Inn = TestInn;
    }

    /// <summary>The INN of the test company of both test groups: 5544332219.</summary>
    public const string TestInn = "5544332219";

    /// <summary>The v4 (FFD 1.05) test account: login <c>v4-online-atol-ru</c>, group <c>v4-online-atol-ru_4179</c>, payment address <c>https://v4.online.atol.ru</c>.</summary>
    public static AtolTestAccount V4 { get; } = new(AtolProtocolVersion.V4, "v4-online-atol-ru", "iGFFuihss", "v4-online-atol-ru_4179", "https://v4.online.atol.ru");

    /// <summary>The v5 (FFD 1.2) test account: login <c>v5-online-atol-ru</c>, group <c>v5-online-atol-ru_5179</c>, payment address <c>https://v5.online.atol.ru</c>.</summary>
    public static AtolTestAccount V5 { get; } = new(AtolProtocolVersion.V5, "v5-online-atol-ru", "zUr0OxfI", "v5-online-atol-ru_5179", "https://v5.online.atol.ru");

    /// <summary>The test account whose group speaks <paramref name="version"/>.</summary>
    /// <param name="version">The protocol version.</param>
    /// <returns><see cref="V4"/> or <see cref="V5"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is neither V4 nor V5.</exception>
    public static AtolTestAccount For(AtolProtocolVersion version) => version switch
    {
        AtolProtocolVersion.V4 => V4,
        AtolProtocolVersion.V5 => V5,
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, "Not a protocol version this library speaks."),
    };

    /// <summary>The protocol the account's group speaks (the other one answers error 21).</summary>
    public AtolProtocolVersion ProtocolVersion { get; }

    /// <summary>Login for getToken.</summary>
    public string Login { get; }

    /// <summary>Password for getToken (public: ATOL publishes it for the test environment).</summary>
    public string Password { get; }

    /// <summary>The group code of the test cash registers.</summary>
    public string GroupCode { get; }

    /// <summary>The company INN written in the test registers: <see cref="TestInn"/>.</summary>
    public string Inn { get; }

    /// <summary>The payment address (<c>company.payment_address</c>) written in the test registers.</summary>
    public string PaymentAddress { get; }

    /// <summary>Login, group and protocol; the password is left out, as for any credentials.</summary>
    public override string ToString() => $"AtolTestAccount {{ ProtocolVersion = {ProtocolVersion}, Login = {Login}, GroupCode = {GroupCode} }}";
}
