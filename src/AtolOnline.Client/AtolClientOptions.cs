using AtolOnline.Protocol;

namespace AtolOnline;

/// <summary>Settings of an <see cref="AtolClient"/>. The password never appears in <see cref="ToString"/>.</summary>
public sealed class AtolClientOptions
{
    /// <summary>ATOL Online production: <c>https://online.atol.ru/</c>.</summary>
    public static Uri ProductionAddress { get; } = new("https://online.atol.ru/");

    /// <summary>ATOL Online's public test environment: <c>https://testonline.atol.ru/</c>.</summary>
    public static Uri TestAddress { get; } = new("https://testonline.atol.ru/");

    /// <summary>
    /// Host root of the service (under it <c>possystem/v4</c>, <c>possystem/v5</c> and <c>api/</c>): <see cref="ProductionAddress"/>
    /// (default), <see cref="TestAddress"/>, or any ATOL-compatible host. Must be https unless the host is loopback.
    /// </summary>
    public Uri BaseAddress { get; set; } = ProductionAddress;

    /// <summary>Login of the integration user (from the ATOL cabinet).</summary>
    public string Login { get; set; } = "";

    /// <summary>Password of the integration user. Never logged, printed or put into exception messages.</summary>
    public string Password { get; set; } = "";

    /// <summary>Code of the register group (e.g. <c>v5-online-atol-ru_5179</c>).</summary>
    public string GroupCode { get; set; } = "";

    /// <summary>Optional integrator name sent with getToken (<c>source</c>: letters, digits, <c>_ - @ .</c>, at most 100).</summary>
    public string? Source { get; set; }

    /// <summary>The protocol version of the group. Default <see cref="AtolProtocolVersion.V5"/>.</summary>
    public AtolProtocolVersion ProtocolVersion { get; set; } = AtolProtocolVersion.V5;

    /// <summary>Timeout of one HTTP attempt (request and the whole answer). Default 30 s. A timeout is retried.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after transient failures.</summary>
    public AtolRetryPolicy Retry { get; set; } = new();

    /// <summary>Report polling.</summary>
    public AtolPollingPolicy Polling { get; set; } = new();

    /// <summary>Largest answer body read, in bytes; a larger one fails with <see cref="AtolApiException"/>. Default 256 KiB.</summary>
    public int MaxResponseBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Clock for retry delays, report polling (delays and deadline) and <c>Retry-After</c> dates. Default
    /// <see cref="TimeProvider.System"/>; tests pass a fake clock to run the client's timing without waiting.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Options for ATOL's public test environment with its published test credentials (v5: <c>v5-online-atol-ru</c>,
    /// group <c>v5-online-atol-ru_5179</c>; v4: <c>v4-online-atol-ru</c>, group <c>v4-online-atol-ru_4179</c>; INN 5544332219).
    /// </summary>
    /// <param name="version">The protocol version.</param>
    /// <param name="baseAddress">Another host speaking the same protocol (e.g. the local emulator); default <see cref="TestAddress"/>.</param>
    public static AtolClientOptions ForTestEnvironment(AtolProtocolVersion version = AtolProtocolVersion.V5, Uri? baseAddress = null)
    {
        var options = new AtolClientOptions { BaseAddress = baseAddress ?? TestAddress, ProtocolVersion = version };
        options.UseTestCredentials();
        return options;
    }

    /// <summary>Fills <see cref="Login"/>, <see cref="Password"/> and <see cref="GroupCode"/> with ATOL's public test account for <see cref="ProtocolVersion"/>.</summary>
    public void UseTestCredentials()
    {
        var account = AtolTestAccount.For(ProtocolVersion == AtolProtocolVersion.V4 ? AtolProtocolVersion.V4 : AtolProtocolVersion.V5);
        (Login, Password, GroupCode) = (account.Login, account.Password, account.GroupCode);
    }

    /// <summary>Throws when the options cannot work (missing values, a non-https remote host, bad limits).</summary>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public void Validate()
    {
        if (BaseAddress is null || !BaseAddress.IsAbsoluteUri)
        {
            throw new ArgumentException("BaseAddress must be an absolute URI.", nameof(BaseAddress));
        }

        if (BaseAddress.Scheme != Uri.UriSchemeHttps && !(BaseAddress.Scheme == Uri.UriSchemeHttp && BaseAddress.IsLoopback))
        {
            throw new ArgumentException("BaseAddress must use https (plain http is allowed only for loopback hosts).", nameof(BaseAddress));
        }

        Require(Login, nameof(Login));
        Require(Password, nameof(Password));
        Require(GroupCode, nameof(GroupCode));
        if (ProtocolVersion is not (AtolProtocolVersion.V4 or AtolProtocolVersion.V5))
        {
            throw new ArgumentException("ProtocolVersion must be V4 or V5.", nameof(ProtocolVersion));
        }

        if (Retry is null || Retry.MaxAttempts < 1 || Retry.BaseDelay < TimeSpan.Zero || Retry.MaxDelay < TimeSpan.Zero || Retry.Jitter is < 0 or > 1)
        {
            throw new ArgumentException("Retry: MaxAttempts >= 1, non-negative delays, Jitter in 0..1.", nameof(Retry));
        }

        if (Polling is null || Polling.FirstDelay < TimeSpan.Zero || Polling.NextDelay < TimeSpan.Zero || Polling.MaxDelay < TimeSpan.Zero || Polling.Deadline <= TimeSpan.Zero)
        {
            throw new ArgumentException("Polling: non-negative delays and a positive deadline.", nameof(Polling));
        }

        if (MaxResponseBytes < 1024)
        {
            throw new ArgumentException("MaxResponseBytes must be at least 1024.", nameof(MaxResponseBytes));
        }

        if (AttemptTimeout <= TimeSpan.Zero && AttemptTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException("AttemptTimeout must be positive or infinite.", nameof(AttemptTimeout));
        }

        ArgumentNullException.ThrowIfNull(TimeProvider);
    }

    /// <summary>Host, login, group and protocol; the password is never included.</summary>
    public override string ToString() => $"AtolClientOptions {{ BaseAddress = {BaseAddress}, Login = {Login}, Password = ***, GroupCode = {GroupCode}, ProtocolVersion = {ProtocolVersion} }}";

    private static void Require(string value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException(name + " is required.", name);
        }
    }
}
