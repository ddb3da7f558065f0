using System.Net;
using Microsoft.Extensions.DependencyInjection;
using AtolOnline.Protocol;

namespace AtolOnline.Client.Tests;

/// <summary>
/// The client never follows a redirect: a 3xx answer is an error naming its target, the handlers we build do not follow
/// one, and an answer an <see cref="HttpClient"/> fetched from elsewhere after following a redirect itself is refused.
/// </summary>
[Collection(ChildProcessGroup.Name)]
public sealed class RedirectTests
{
    private const string TokenJson = """{"error":null,"token":"loopback-token","timestamp":"05.03.2026 14:02:11"}""";
    private const string RegisteredJson = """{"uuid":"u-elsewhere","status":"wait","error":null,"timestamp":"05.03.2026 14:02:11"}""";

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(303)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_redirect_answer_to_a_registration_is_an_error_naming_its_target(int status)
    {
        var atol = new ScriptedAtol(new FakeClock());
        atol.Register = (_, _) => Redirect(status, "https://evil.test/possystem/v5/group-1/sell");
        var ex = await Assert.ThrowsAsync<AtolApiException>(() => atol.Client().SellAsync(Fixtures.V5Sell("redirected"), cancellationToken: Fixtures.Ct));
        Assert.Equal(status, ex.HttpStatus);
        Assert.StartsWith($"ATOL Online sell: HTTP {status} redirect to https://evil.test/possystem/v5/group-1/sell was not followed", ex.Message, StringComparison.Ordinal);
        Assert.Contains("go to https://atol.test only", ex.Message, StringComparison.Ordinal);
        Assert.Single(atol.TimesOf("register"));
        Assert.Equal(["https://atol.test/possystem/v5/getToken", "https://atol.test/possystem/v5/group-1/sell"], atol.Requests.Select(r => r.Uri.AbsoluteUri));
    }

    [Fact]
    public async Task A_redirect_answer_to_getToken_is_an_error_and_the_document_is_not_sent()
    {
        var atol = new ScriptedAtol(new FakeClock());
        atol.Token = (_, _) => Redirect(307, "/login?next=getToken");
        var ex = await Assert.ThrowsAsync<AtolApiException>(() => atol.Client().SellAsync(Fixtures.V5Sell("token-redirected"), cancellationToken: Fixtures.Ct));
        Assert.StartsWith("ATOL Online getToken: HTTP 307 redirect to https://atol.test/login?next=getToken was not followed", ex.Message, StringComparison.Ordinal);
        Assert.Empty(atol.TimesOf("register"));
        Assert.Single(atol.TimesOf("token"));
    }

    [Fact]
    public async Task An_answer_fetched_from_another_origin_by_a_redirect_following_HttpClient_is_refused()
    {
        var atol = new ScriptedAtol(new FakeClock());
        atol.Register = (_, request) =>
        {
            // What a handler with AllowAutoRedirect does: it rewrites the request's URI and answers from the new host.
            request.RequestUri = new Uri("https://evil.test/collect");
            return ScriptedAtol.Registered("u-evil");
        };
        var ex = await Assert.ThrowsAsync<AtolApiException>(() => atol.Client().SellAsync(Fixtures.V5Sell("followed"), cancellationToken: Fixtures.Ct));
        Assert.StartsWith("ATOL Online sell: the HttpClient followed a redirect from https://atol.test/possystem/v5/group-1/sell to https://evil.test/collect by itself.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("may have reached https://evil.test", ex.Message, StringComparison.Ordinal);
        Assert.Contains("changing the password", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("u-evil", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_fetched_from_another_path_of_the_same_host_is_refused_too()
    {
        var atol = new ScriptedAtol(new FakeClock());
        atol.Register = (_, request) =>
        {
            request.RequestUri = new Uri("https://atol.test/maintenance");
            return ScriptedAtol.Registered("u-maintenance");
        };
        var ex = await Assert.ThrowsAsync<AtolApiException>(() => atol.Client().SellAsync(Fixtures.V5Sell("followed-same-host"), cancellationToken: Fixtures.Ct));
        Assert.StartsWith("ATOL Online sell: the HttpClient followed a redirect from https://atol.test/possystem/v5/group-1/sell to https://atol.test/maintenance by itself. Its answer is not used.", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("may have reached", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_users_HttpClient_that_follows_a_real_307_to_another_port_gets_a_credentials_warning()
    {
        await using var elsewhere = new LoopbackServer(_ => LoopbackServer.Ok(TokenJson));
        await using var service = new LoopbackServer(_ => LoopbackServer.Redirect(307, elsewhere.Address + "possystem/v5/getToken"));
        var options = LoopbackOptions(service);
        var client = new AtolClient(new HttpClient(new SocketsHttpHandler { UseProxy = false }), options);
        var ex = await Assert.ThrowsAsync<AtolApiException>(() => client.SellAsync(Fixtures.V5Sell("followed-307"), cancellationToken: Fixtures.Ct));
        Assert.Contains($"may have reached http://127.0.0.1:{elsewhere.Port}", ex.Message, StringComparison.Ordinal);

        // Why it must be refused: the 307 re-sent the login and password to the other port. The document never went anywhere.
        string leaked = Assert.Single(elsewhere.Requests);
        Assert.Contains(options.Password, leaked, StringComparison.Ordinal);
        Assert.DoesNotContain("/sell", string.Concat(service.Requests) + leaked, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dependency_injection_client_does_not_follow_a_real_307_even_with_the_callers_primary_handler()
    {
        await using var elsewhere = new LoopbackServer(_ => LoopbackServer.Ok(RegisteredJson));
        await using var service = new LoopbackServer(request => request.Contains("/getToken", StringComparison.Ordinal)
            ? LoopbackServer.Ok(TokenJson)
            : LoopbackServer.Redirect(307, elsewhere.Address + "possystem/v5/v5-online-atol-ru_5179/sell"));
        var services = new ServiceCollection();
        services.AddAtolClient(o =>
        {
            o.BaseAddress = service.Address;
            o.UseTestCredentials();
            o.Login = "di-redirect-" + Guid.NewGuid().ToString("N");
        }).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseProxy = false });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IAtolClient>();
        var ex = await Assert.ThrowsAsync<AtolApiException>(() => client.SellAsync(Fixtures.V5Sell("di-307"), cancellationToken: Fixtures.Ct));
        Assert.StartsWith($"ATOL Online sell: HTTP 307 redirect to http://127.0.0.1:{elsewhere.Port}/possystem/v5/v5-online-atol-ru_5179/sell was not followed", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, service.Requests.Count);
        Assert.Equal(0, elsewhere.Connections);
    }

    [Fact]
    public async Task The_cli_does_not_follow_a_real_307_to_another_port()
    {
        await using var elsewhere = new LoopbackServer(_ => LoopbackServer.Ok(RegisteredJson));
        await using var service = new LoopbackServer(request => request.Contains("/getToken", StringComparison.Ordinal)
            ? LoopbackServer.Ok(TokenJson)
            : LoopbackServer.Redirect(307, elsewhere.Address + "collect"));
        var run = await CliRunner.SendAsync(service.Address, Fixtures.V5Sell("cli-307"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"atol: ATOL Online sell: HTTP 307 redirect to http://127.0.0.1:{elsewhere.Port}/collect was not followed", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("zUr0OxfI", run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, elsewhere.Connections);
        Assert.Equal(2, service.Requests.Count);
    }

    private static AtolClientOptions LoopbackOptions(LoopbackServer service)
    {
        var options = AtolClientOptions.ForTestEnvironment(AtolProtocolVersion.V5, service.Address);

        // A login of its own: tokens are cached process-wide per host and login.
        options.Login = "redirect-" + Guid.NewGuid().ToString("N");
        options.Retry = new AtolRetryPolicy { MaxAttempts = 1 };
        return options;
    }

    private static HttpResponseMessage Redirect(int status, string location)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status);
        response.Headers.Location = new Uri(location, UriKind.RelativeOrAbsolute);
        return response;
    }
}
