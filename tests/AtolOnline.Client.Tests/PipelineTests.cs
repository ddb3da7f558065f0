using Microsoft.Extensions.DependencyInjection;

namespace AtolOnline.Client.Tests;

/// <summary>
/// The order of the transport's stages, seen from outside: authentication wraps retry (a token refresh repeats the call
/// once per call and continues the attempt count), and the monitoring client shares the transport's token cache.
/// </summary>
public sealed class PipelineTests
{
    [Fact]
    public async Task A_token_rejected_on_the_last_attempt_is_refreshed_and_repeated_without_spending_an_attempt()
    {
        var clock = new FakeClock();
        var atol = new ScriptedAtol(clock);
        atol.Register = (n, _) => n switch
        {
            <= 3 => ScriptedAtol.Html(503),
            4 => ScriptedAtol.ServiceError(401, AtolErrors.ExpiredToken),
            _ => ScriptedAtol.Registered("u-last"),
        };
        var client = atol.Client();
        var r = await client.SellAsync(Fixtures.V5Sell("refresh-last"), cancellationToken: Fixtures.Ct);
        Assert.Equal("u-last", r.Uuid);
        Assert.Equal(4, r.Attempts);
        Assert.Equal(5, atol.TimesOf("register").Count);
        Assert.Equal(2, atol.TimesOf("token").Count);
        Assert.Equal(2, client.TokenFetchCount);
    }

    [Fact]
    public async Task Retries_after_a_token_refresh_continue_the_attempt_count()
    {
        var clock = new FakeClock();
        var atol = new ScriptedAtol(clock);
        atol.Register = (n, _) => n == 1 ? ScriptedAtol.ServiceError(401, AtolErrors.ExpiredToken) : ScriptedAtol.Html(503);
        var client = atol.Client();
        var ex = await Assert.ThrowsAsync<AtolApiException>(() => client.SellAsync(Fixtures.V5Sell("refresh-then-503"), cancellationToken: Fixtures.Ct));
        Assert.Equal(503, ex.HttpStatus);
        Assert.Equal(AtolErrorAction.Retry, ex.Action);
        Assert.Contains("4 attempts", ex.Message, StringComparison.Ordinal);
        Assert.Equal(5, atol.TimesOf("register").Count); // the rejected try, then attempts 1 to 4 with the new token
        Assert.Equal(2, atol.TimesOf("token").Count);
    }

    [Fact]
    public async Task A_second_token_rejection_in_one_call_is_not_refreshed_again()
    {
        var clock = new FakeClock();
        var atol = new ScriptedAtol(clock);
        atol.Register = (n, _) => n == 2 ? ScriptedAtol.Html(503) : ScriptedAtol.ServiceError(401, AtolErrors.ExpiredToken);
        var client = atol.Client();
        var ex = await Assert.ThrowsAsync<AtolApiException>(() => client.SellAsync(Fixtures.V5Sell("refresh-once"), cancellationToken: Fixtures.Ct));
        Assert.Equal(AtolErrors.ExpiredToken, ex.Code);
        Assert.Equal(AtolErrorAction.CheckCredentials, ex.Action);
        Assert.Equal(3, atol.TimesOf("register").Count);
        Assert.Equal(2, atol.TimesOf("token").Count);
    }

    [Fact]
    public async Task The_monitoring_client_shares_the_monitoring_token_of_the_client_of_the_same_host_and_login()
    {
        await using var atol = await Fixtures.StartAsync();
        var client = Fixtures.Client(atol);
        var viaClient = await client.ListCashRegistersAsync(cancellationToken: Fixtures.Ct);
        var monitoring = new AtolMonitoringClient(Fixtures.Http(), Fixtures.Options(atol));
        Assert.Equal(1, monitoring.TokenFetchCount);
        var direct = await monitoring.ListCashRegistersAsync(cancellationToken: Fixtures.Ct);
        Assert.Equal(viaClient.Select(r => r.SerialNumber), direct.Select(r => r.SerialNumber));
        Assert.NotNull(await monitoring.GetCashRegisterAsync(direct[0].SerialNumber!, Fixtures.Ct));
        Assert.Equal(1, monitoring.TokenFetchCount);
        Assert.Equal(0, client.TokenFetchCount); // the possystem token is another key, never fetched here
    }

    [Fact]
    public void The_monitoring_client_refuses_invalid_options()
    {
        var options = AtolClientOptions.ForTestEnvironment();
        options.Login = "";
        Assert.ThrowsAny<ArgumentException>(() => new AtolMonitoringClient(Fixtures.Http(), options));
        Assert.Throws<ArgumentNullException>(() => new AtolMonitoringClient(null!, AtolClientOptions.ForTestEnvironment()));
    }

    [Fact]
    public async Task Dependency_injection_resolves_the_monitoring_client_as_its_own_type_over_the_same_token()
    {
        await using var atol = await Fixtures.StartAsync();
        var services = new ServiceCollection();
        services.AddAtolClient(o =>
        {
            o.BaseAddress = atol.BaseAddress;
            o.UseTestCredentials();
        }).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseProxy = false });
        await using var provider = services.BuildServiceProvider();
        var monitoring = Assert.IsType<AtolMonitoringClient>(provider.GetRequiredService<IAtolMonitoringClient>());
        Assert.NotEmpty(await monitoring.ListCashRegistersAsync(cancellationToken: Fixtures.Ct));
        Assert.Equal(1, monitoring.TokenFetchCount);
        Assert.NotEmpty(await provider.GetRequiredService<IAtolClient>().ListCashRegistersAsync(cancellationToken: Fixtures.Ct));
        Assert.Equal(1, monitoring.TokenFetchCount);
    }
}
