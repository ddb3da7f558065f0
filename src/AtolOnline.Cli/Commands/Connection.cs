using System.CommandLine;
using AtolOnline.Protocol;

namespace AtolOnline.Cli.Commands;

/// <summary>
/// Host and credentials for commands that talk to ATOL: options first, then ATOL_BASE_URL, ATOL_LOGIN,
/// ATOL_PASSWORD, ATOL_GROUP. The password is read only from the environment (never from the command line, where
/// it would show in the process list) and never printed.
/// </summary>
internal sealed class Connection
{
    public Option<string?> BaseUrl { get; } = new("--base-url") { Description = "Host root under which possystem/v4, possystem/v5 and api/ live (env ATOL_BASE_URL), e.g. https://online.atol.ru" };

    public Option<string?> Login { get; } = new("--login") { Description = "Login (env ATOL_LOGIN)." };

    public Option<string?> Group { get; } = new("--group") { Description = "Group code (env ATOL_GROUP). The password comes from env ATOL_PASSWORD only." };

    public Option<bool> Test { get; } = new("--test") { Description = "Use ATOL's public test environment and its published test credentials." };

    public Option<string> Protocol { get; } = Protocols.Create();

    public void AddTo(Command command)
    {
        command.Options.Add(BaseUrl);
        command.Options.Add(Login);
        command.Options.Add(Group);
        command.Options.Add(Test);
        command.Options.Add(Protocol);
    }

    /// <summary>Builds client options; throws <see cref="UsageException"/> with one clear line when something is missing.</summary>
    public AtolClientOptions Options(ParseResult parse)
    {
        var version = Protocols.Parse(parse.GetValue(Protocol)!);
        string? baseUrl = parse.GetValue(BaseUrl) ?? Environment.GetEnvironmentVariable("ATOL_BASE_URL");
        AtolClientOptions options;
        if (parse.GetValue(Test))
        {
            options = AtolClientOptions.ForTestEnvironment(version, baseUrl is null ? null : ParseUri(baseUrl));
        }
        else
        {
            options = new AtolClientOptions
            {
                ProtocolVersion = version,
                BaseAddress = baseUrl is null ? throw new UsageException("укажите адрес ATOL: --base-url или ATOL_BASE_URL (или --test)") : ParseUri(baseUrl),
                Login = parse.GetValue(Login) ?? Environment.GetEnvironmentVariable("ATOL_LOGIN") ?? throw new UsageException("укажите логин: --login или ATOL_LOGIN"),
                Password = Environment.GetEnvironmentVariable("ATOL_PASSWORD") ?? throw new UsageException("укажите пароль в переменной окружения ATOL_PASSWORD"),
                GroupCode = parse.GetValue(Group) ?? Environment.GetEnvironmentVariable("ATOL_GROUP") ?? throw new UsageException("укажите группу: --group или ATOL_GROUP"),
            };
        }

        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message);
        }

        return options;
    }

    /// <summary>A client whose handler never follows a redirect (the login, password and token stay with the configured host).</summary>
    public static AtolClient CreateClient(AtolClientOptions options) => new(CreateHttpClient(), options);

    /// <summary>The HTTP client of every command: never follows a redirect; timeouts are the client options' per attempt.</summary>
    public static HttpClient CreateHttpClient() =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };

    private static Uri ParseUri(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : throw new UsageException($"некорректный адрес: {text}");
}

/// <summary>A user error: printed as one line, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);

internal static class Protocols
{
    public static Option<string> Create()
    {
        var option = new Option<string>("--protocol") { Description = "Protocol version: v4 (FFD 1.05) or v5 (FFD 1.2).", DefaultValueFactory = _ => "v5" };
        option.AcceptOnlyFromAmong("v4", "v5");
        return option;
    }

    public static AtolProtocolVersion Parse(string text) => text == "v4" ? AtolProtocolVersion.V4 : AtolProtocolVersion.V5;
}
