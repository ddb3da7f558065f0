using AtolOnline.Emulator;

namespace AtolOnline.Client.Tests;

/// <summary>What a user reads when the retries are spent: against the emulator, through the library and through <c>atol send</c>.</summary>
[Collection(ChildProcessGroup.Name)]
public sealed class GiveUpMessageTests
{
    [Fact]
    public async Task The_library_says_the_service_was_unavailable_and_a_resend_is_safe()
    {
        await using var atol = await Fixtures.StartAsync();
        atol.Faults.Add(FaultRule.Always(FaultEndpoint.Register, FaultKind.Status503));
        var client = Fixtures.Client(atol);
        var ex = await Assert.ThrowsAsync<AtolApiException>(() => client.SellAsync(Fixtures.V5Sell("gave-up-lib"), cancellationToken: Fixtures.Ct));
        Assert.Equal(
            "ATOL Online sell: the service was unavailable (HTTP 503, 4 attempts). The document may or may not be registered. Sending the same document again is safe: "
            + "with the same external_id ATOL answers a repeat with the uuid of the first registration (error 33), it does not register it twice.",
            ex.Message);
        Assert.Equal(4, atol.Faults.Struck(FaultEndpoint.Register));
    }

    [Fact]
    public async Task Atol_send_under_repeated_503_prints_what_happened_and_that_sending_the_file_again_is_safe()
    {
        await using var atol = await Fixtures.StartAsync();
        atol.Faults.Add(FaultRule.Always(FaultEndpoint.Register, FaultKind.Status503));
        var document = Fixtures.V5Sell("gave-up-cli");
        var run = await CliRunner.SendAsync(atol.BaseAddress, document);
        Assert.Equal(1, run.ExitCode);
        string[] lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("atol: ATOL Online sell: the service was unavailable (HTTP 503, 4 attempts). The document may or may not be registered.", lines[0], StringComparison.Ordinal);
        Assert.Equal("atol: sending the same file again is safe: its external_id is unchanged, so ATOL answers a repeat with the uuid of the first registration.", lines[1]);
        Assert.DoesNotContain("could not be read", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(4, atol.Faults.Struck(FaultEndpoint.Register));
        Assert.Empty(atol.Documents);

        // And it is: once the service is back, the same file registers the document.
        atol.Faults.Clear();
        var again = await CliRunner.SendAsync(atol.BaseAddress, document);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal("gave-up-cli", Assert.Single(atol.Documents).ExternalId);
    }

    [Fact]
    public async Task Atol_send_to_a_host_that_refuses_connections_says_so_after_the_retries()
    {
        Uri closed;
        await using (var gone = new LoopbackServer(_ => ""))
        {
            closed = gone.Address;
        }

        var run = await CliRunner.SendAsync(closed, Fixtures.V5Sell("nobody-home"));
        Assert.Equal(1, run.ExitCode);
        string[] lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("atol: ATOL Online getToken: the service could not be reached (connection failure: ", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("; 4 attempts). No token was obtained, so nothing was sent with it; try again later.", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("atol: sending the same file again is safe", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Atol_send_after_a_503_that_stored_the_document_gets_the_first_uuid_on_the_second_run()
    {
        await using var atol = await Fixtures.StartAsync();
        atol.Faults.Add(FaultRule.Always(FaultEndpoint.Register, FaultKind.Status500, FaultTiming.AfterStore));
        var document = Fixtures.V5Sell("stored-then-503");
        var run = await CliRunner.SendAsync(atol.BaseAddress, document);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("the service was unavailable (HTTP 500, 4 attempts)", run.Stderr, StringComparison.Ordinal);
        string uuid = Assert.Single(atol.Documents).Uuid;

        atol.Faults.Clear();
        var again = await CliRunner.SendAsync(atol.BaseAddress, document);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains($"uuid: {uuid}", again.Stdout, StringComparison.Ordinal);
        Assert.Contains("повтор external_id", again.Stdout, StringComparison.Ordinal);
        Assert.Single(atol.Documents);
    }
}
