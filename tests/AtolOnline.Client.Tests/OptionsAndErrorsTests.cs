using AtolOnline.Protocol;

namespace AtolOnline.Client.Tests;

public sealed class OptionsAndErrorsTests
{
    [Fact]
    public void A_remote_http_address_is_refused_and_loopback_http_is_allowed()
    {
        var options = AtolClientOptions.ForTestEnvironment(AtolProtocolVersion.V5, new Uri("http://testonline.atol.ru/"));
        Assert.Throws<ArgumentException>(options.Validate);
        AtolClientOptions.ForTestEnvironment(AtolProtocolVersion.V5, new Uri("http://127.0.0.1:5000/")).Validate();
        AtolClientOptions.ForTestEnvironment().Validate();
        Assert.Equal(AtolClientOptions.TestAddress, AtolClientOptions.ForTestEnvironment().BaseAddress);
        Assert.Equal(new Uri("https://online.atol.ru/"), new AtolClientOptions().BaseAddress);
    }

    [Fact]
    public void Options_never_print_the_password()
    {
        var options = AtolClientOptions.ForTestEnvironment(AtolProtocolVersion.V4);
        Assert.Equal("iGFFuihss", options.Password);
        Assert.DoesNotContain("iGFFuihss", options.ToString(), StringComparison.Ordinal);
        Assert.Contains("v4-online-atol-ru_4179", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_password_is_check_credentials_and_the_password_is_not_in_the_message()
    {
        await using var atol = await Fixtures.StartAsync();
        var client = Fixtures.Client(atol, configure: o => o.Password = "S3cret-wrong");
        var ex = await Assert.ThrowsAsync<AtolApiException>(() => client.SellAsync(Fixtures.V5Sell("badpass"), cancellationToken: Fixtures.Ct));
        Assert.Equal(12, ex.Code);
        Assert.Equal(401, ex.HttpStatus);
        Assert.Equal(AtolErrorAction.CheckCredentials, ex.Action);
        Assert.DoesNotContain("S3cret-wrong", ex.ToString(), StringComparison.Ordinal);
        Assert.Empty(atol.Documents);
    }

    [Fact]
    public async Task The_token_never_appears_in_exceptions()
    {
        await using var atol = await Fixtures.StartAsync();
        var client = Fixtures.Client(atol);
        await client.SellAsync(Fixtures.V5Sell("tok-1"), cancellationToken: Fixtures.Ct);
        using var http = Fixtures.Http();
        using var answer = await http.PostAsync(
            new Uri(atol.BaseAddress, "possystem/v5/getToken"),
            new StringContent("""{"login":"v5-online-atol-ru","pass":"zUr0OxfI"}""", System.Text.Encoding.UTF8, "application/json"),
            Fixtures.Ct);
        string text = await answer.Content.ReadAsStringAsync(Fixtures.Ct);
        string token = text.Split("\"token\":\"")[1].Split('"')[0];
        var ex = await Assert.ThrowsAsync<AtolApiException>(() => client.GetReportAsync("unknown-uuid", Fixtures.Ct));
        Assert.DoesNotContain(token, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Error_tables_are_keyed_by_type_and_code()
    {
        Assert.Equal("ExpiredToken", AtolErrors.Find(AtolErrorType.System, 11)!.Name);
        Assert.Equal(401, AtolErrors.Find(AtolErrorType.System, 11)!.HttpStatus);
        Assert.Equal(AtolErrorAction.Unknown, AtolErrors.Find(AtolErrorType.Driver, 11)!.Action);
        Assert.Equal(AtolErrorAction.FixDocument, AtolErrors.ActionFor(AtolErrorType.Agent, 2009));
        Assert.Equal(AtolErrorAction.Retry, AtolErrors.ActionFor(AtolErrorType.Driver, 36));
        Assert.Equal(AtolErrorAction.Retry, AtolErrors.ActionFor(AtolErrorType.Timeout, 1));
        Assert.Equal(AtolErrorAction.FixDocument, AtolErrors.ActionFor(AtolErrorType.System, -2146233033));
        Assert.Equal(AtolErrorAction.Unknown, AtolErrors.ActionFor(AtolErrorType.Driver, 99999));
        Assert.Equal(18, AtolErrors.ServiceErrors.Count);
        Assert.Equal(212, AtolErrors.RegisterErrors.Count);
    }
}
