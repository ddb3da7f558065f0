using AtolOnline.Emulator;
using AtolOnline.Protocol;

namespace AtolOnline.Client.Tests;

/// <summary><see cref="AtolCredentialCheck"/> and <c>atol check</c> against the emulator: right, wrong password, wrong group, wrong protocol, unreachable.</summary>
public sealed class CredentialCheckTests
{
    private static readonly EmulatorAccount OtherShop = new()
    {
        Login = "other-shop", Password = "other-Passw0rd", GroupCode = "other-shop_1", Protocol = AtolProtocolVersion.V5, Inn = "7707083893", PaymentAddress = "https://shop.example",
    };

    private static Task<AtolEmulator> StartAsync() => Fixtures.StartAsync(o => o.Accounts.Add(OtherShop));

    [Theory]
    [InlineData(AtolProtocolVersion.V5)]
    [InlineData(AtolProtocolVersion.V4)]
    public async Task Right_credentials_are_valid_and_the_group_protocol_is_named_without_registering_anything(AtolProtocolVersion version)
    {
        await using var atol = await StartAsync();
        var result = await AtolCredentialCheck.CheckAsync(Fixtures.Http(), Fixtures.Options(atol, version), Fixtures.Ct);
        Assert.Equal(AtolCredentialStatus.Valid, result.Status);
        Assert.True(result.IsValid);
        Assert.Equal(version, result.GroupProtocol);
        Assert.Null(result.Error);
        Assert.Empty(atol.Documents);
        Assert.Equal(0, atol.GetRequests().Registrations);
    }

    [Fact]
    public async Task A_wrong_password_is_wrong_credentials_and_the_password_is_not_in_the_message()
    {
        await using var atol = await StartAsync();
        var options = Fixtures.Options(atol);
        options.Password = "wrong-Secret-42";
        var result = await AtolCredentialCheck.CheckAsync(Fixtures.Http(), options, Fixtures.Ct);
        Assert.Equal(AtolCredentialStatus.WrongLoginOrPassword, result.Status);
        Assert.Equal(12, result.Error?.Code);
        Assert.Null(result.GroupProtocol);
        Assert.DoesNotContain("wrong-Secret-42", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_group_of_another_login_is_a_wrong_group()
    {
        await using var atol = await StartAsync();
        var options = Fixtures.Options(atol);
        options.GroupCode = OtherShop.GroupCode;
        var result = await AtolCredentialCheck.CheckAsync(Fixtures.Http(), options, Fixtures.Ct);
        Assert.Equal(AtolCredentialStatus.WrongGroup, result.Status);
        Assert.Equal(20, result.Error?.Code);
        Assert.Equal(AtolProtocolVersion.V5, result.GroupProtocol);
        Assert.Contains(OtherShop.GroupCode, result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AtolProtocolVersion.V4, AtolProtocolVersion.V5)]
    [InlineData(AtolProtocolVersion.V5, AtolProtocolVersion.V4)]
    public async Task Credentials_of_a_group_that_speaks_the_other_protocol_are_a_protocol_mismatch_naming_the_right_one(AtolProtocolVersion account, AtolProtocolVersion configured)
    {
        await using var atol = await StartAsync();
        var options = Fixtures.Options(atol, account);
        options.ProtocolVersion = configured;
        var result = await AtolCredentialCheck.CheckAsync(Fixtures.Http(), options, Fixtures.Ct);
        Assert.Equal(AtolCredentialStatus.ProtocolMismatch, result.Status);
        Assert.Equal(account, result.GroupProtocol);
        Assert.Contains("configure protocol " + (account == AtolProtocolVersion.V4 ? "v4" : "v5"), result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_that_refuses_connections_is_unreachable_not_an_exception()
    {
        Uri closed;
        await using (var gone = new LoopbackServer(_ => ""))
        {
            closed = gone.Address;
        }

        var options = AtolClientOptions.ForTestEnvironment(AtolProtocolVersion.V5, closed);
        options.Retry = new AtolRetryPolicy { MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(10) };
        var result = await AtolCredentialCheck.CheckAsync(Fixtures.Http(), options, Fixtures.Ct);
        Assert.Equal(AtolCredentialStatus.Unreachable, result.Status);
        Assert.Null(result.GroupProtocol);
        Assert.Contains("could not be reached", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_options_are_refused_before_any_request()
    {
        await using var atol = await StartAsync();
        var options = Fixtures.Options(atol);
        options.GroupCode = "";
        await Assert.ThrowsAsync<ArgumentException>(() => AtolCredentialCheck.CheckAsync(Fixtures.Http(), options, Fixtures.Ct));
        Assert.Equal(0, atol.GetRequests().TokenRequests);
    }

    [Fact]
    public async Task Atol_check_exits_0_when_right_1_for_a_wrong_password_or_protocol_and_2_when_unreachable()
    {
        await using var atol = await StartAsync();
        string host = atol.BaseAddress.ToString();

        var right = await CliRunner.RunAsync("check", "--test", "--base-url", host);
        Assert.Equal(0, right.ExitCode);
        Assert.Contains("result: Valid", right.Stdout, StringComparison.Ordinal);
        Assert.Contains("protocol of the group: v5", right.Stdout, StringComparison.Ordinal);

        var v5 = AtolTestAccount.V5;
        var wrongPassword = await CliRunner.RunAsync(new Dictionary<string, string> { ["ATOL_PASSWORD"] = "wrong-Secret-42" },
            "check", "--base-url", host, "--login", v5.Login, "--group", v5.GroupCode);
        Assert.Equal(1, wrongPassword.ExitCode);
        Assert.Contains("result: WrongLoginOrPassword", wrongPassword.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-Secret-42", wrongPassword.Stdout + wrongPassword.Stderr, StringComparison.Ordinal);

        var wrongProtocol = await CliRunner.RunAsync(new Dictionary<string, string> { ["ATOL_PASSWORD"] = v5.Password },
            "check", "--base-url", host, "--login", v5.Login, "--group", v5.GroupCode, "--protocol", "v4");
        Assert.Equal(1, wrongProtocol.ExitCode);
        Assert.Contains("result: ProtocolMismatch", wrongProtocol.Stdout, StringComparison.Ordinal);
        Assert.Contains("configure protocol v5", wrongProtocol.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(v5.Password, wrongProtocol.Stdout + wrongProtocol.Stderr, StringComparison.Ordinal);

        Uri closed;
        await using (var gone = new LoopbackServer(_ => ""))
        {
            closed = gone.Address;
        }

        var unreachable = await CliRunner.RunAsync("check", "--test", "--base-url", closed.ToString());
        Assert.Equal(2, unreachable.ExitCode);
        Assert.Contains("result: Unreachable", unreachable.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, atol.GetRequests().Registrations);
    }
}
