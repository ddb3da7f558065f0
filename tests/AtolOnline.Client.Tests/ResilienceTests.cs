using System.Collections.Concurrent;
using AtolOnline.Emulator;
using AtolOnline.Json;
using AtolOnline.Protocol;

namespace AtolOnline.Client.Tests;

public sealed class ResilienceTests
{
    [Fact]
    public async Task Token_expiry_in_the_middle_of_a_run_refreshes_once_and_repeats_the_call()
    {
        await using var atol = await Fixtures.StartAsync();
        var client = Fixtures.Client(atol);
        var first = await client.SellAsync(Fixtures.V5Sell("exp-1"), cancellationToken: Fixtures.Ct);
        Assert.Equal(1, client.TokenFetchCount);
        Assert.True(atol.ExpireTokens() > 0);
        var second = await client.SellAsync(Fixtures.V5Sell("exp-2"), cancellationToken: Fixtures.Ct);
        Assert.Equal(2, client.TokenFetchCount);
        Assert.Equal(1, second.Attempts);
        atol.Clock.Advance(TimeSpan.FromHours(25));
        var report = await client.GetReportAsync(first.Uuid, Fixtures.Ct);
        Assert.Equal(AtolDocumentStatus.Done, report.Status);
        Assert.Equal(3, client.TokenFetchCount);
        Assert.Equal(2, atol.Documents.Count);
    }

    [Fact]
    public async Task A_token_born_expired_twice_ends_with_check_credentials()
    {
        await using var atol = await Fixtures.StartAsync();
        atol.Faults.Add(FaultRule.Always(FaultEndpoint.Token, FaultKind.ExpireToken));
        var client = Fixtures.Client(atol);
        var ex = await Assert.ThrowsAsync<AtolApiException>(() => client.SellAsync(Fixtures.V5Sell("born-expired"), cancellationToken: Fixtures.Ct));
        Assert.Equal(11, ex.Code);
        Assert.Equal(AtolErrorAction.CheckCredentials, ex.Action);
        Assert.Equal(2, client.TokenFetchCount);
        Assert.Empty(atol.Documents);
    }

    [Fact]
    public async Task Server_errors_then_success_retries_with_the_same_external_id()
    {
        await using var atol = await Fixtures.StartAsync();
        atol.Faults.Add(FaultRule.Script(FaultEndpoint.Register, FaultKind.Status500, FaultKind.Status503));
        var client = Fixtures.Client(atol);
        var r = await client.SellAsync(Fixtures.V5Sell("retry-5xx"), cancellationToken: Fixtures.Ct);
        Assert.Equal(3, r.Attempts);
        Assert.False(r.IsDuplicate);
        Assert.Single(atol.Documents);
        Assert.Equal("retry-5xx", atol.Documents[0].ExternalId);
    }

    [Fact]
    public async Task Server_errors_on_every_attempt_end_with_a_retry_classified_exception()
    {
        await using var atol = await Fixtures.StartAsync();
        atol.Faults.Add(FaultRule.Always(FaultEndpoint.Register, FaultKind.Status500));
        var client = Fixtures.Client(atol);
        var ex = await Assert.ThrowsAsync<AtolApiException>(() => client.SellAsync(Fixtures.V5Sell("always-500"), cancellationToken: Fixtures.Ct));
        Assert.Equal(500, ex.HttpStatus);
        Assert.Equal(50, ex.Code);
        Assert.Equal(AtolErrorAction.Retry, ex.Action);
        Assert.Equal(4, atol.Faults.Struck(FaultEndpoint.Register));
    }

    [Fact]
    public async Task A_timeout_after_ATOL_stored_the_document_gets_the_same_uuid_on_retry()
    {
        await using var atol = await Fixtures.StartAsync();
        atol.Faults.Add(FaultRule.Times(FaultEndpoint.Register, FaultKind.Hang, 1, FaultTiming.AfterStore));
        var client = Fixtures.Client(atol, configure: o => o.AttemptTimeout = TimeSpan.FromMilliseconds(300));
        var r = await client.SellAsync(Fixtures.V5Sell("hang-after-store"), cancellationToken: Fixtures.Ct);
        Assert.True(r.IsDuplicate);
        Assert.Equal(2, r.Attempts);
        var stored = Assert.Single(atol.Documents);
        Assert.Equal(stored.Uuid, r.Uuid);
    }

    [Fact]
    public async Task A_dropped_connection_is_retried()
    {
        await using var atol = await Fixtures.StartAsync();
        atol.Faults.Add(FaultRule.Times(FaultEndpoint.Register, FaultKind.Drop, 1, FaultTiming.AfterStore));
        var client = Fixtures.Client(atol);
        var r = await client.SellAsync(Fixtures.V5Sell("drop-1"), cancellationToken: Fixtures.Ct);
        Assert.Equal(Assert.Single(atol.Documents).Uuid, r.Uuid);
    }

    [Fact]
    public async Task Malformed_answers_give_an_api_exception()
    {
        await using var atol = await Fixtures.StartAsync();
        atol.Faults.Add(FaultRule.Always(FaultEndpoint.Report, FaultKind.Malformed));
        var client = Fixtures.Client(atol);
        var r = await client.SellAsync(Fixtures.V5Sell("malformed-1"), cancellationToken: Fixtures.Ct);
        var ex = await Assert.ThrowsAsync<AtolApiException>(() => client.GetReportAsync(r.Uuid, Fixtures.Ct));
        Assert.Equal(200, ex.HttpStatus);
        Assert.IsType<AtolJsonException>(ex.InnerException);
    }

    [Fact]
    public async Task A_malformed_registration_answer_once_is_retried_into_the_duplicate()
    {
        await using var atol = await Fixtures.StartAsync();
        atol.Faults.Add(FaultRule.Times(FaultEndpoint.Register, FaultKind.Malformed, 1));
        var client = Fixtures.Client(atol);
        var r = await client.SellAsync(Fixtures.V5Sell("malformed-2"), cancellationToken: Fixtures.Ct);
        Assert.True(r.IsDuplicate);
        Assert.Equal(Assert.Single(atol.Documents).Uuid, r.Uuid);
    }

    [Fact]
    public async Task An_oversized_answer_gives_an_api_exception_and_is_not_retried()
    {
        await using var atol = await Fixtures.StartAsync();
        var handler = new PaddingHandler(new SocketsHttpHandler { UseProxy = false }, 64 * 1024);
        var options = Fixtures.Options(atol);
        options.MaxResponseBytes = 16 * 1024;
        var client = new AtolClient(new HttpClient(handler), options);
        var ex = await Assert.ThrowsAsync<AtolApiException>(() => client.SellAsync(Fixtures.V5Sell("big-1"), cancellationToken: Fixtures.Ct));
        Assert.Contains("MaxResponseBytes", ex.Message, StringComparison.Ordinal);
        Assert.Equal(AtolErrorAction.Unknown, ex.Action);
        Assert.Equal(1, handler.Padded);
    }

    [Fact]
    public async Task Cancellation_is_honoured_while_waiting_for_an_answer_and_before_sending()
    {
        await using var atol = await Fixtures.StartAsync();
        atol.Faults.Add(FaultRule.Always(FaultEndpoint.Register, FaultKind.Hang));
        var client = Fixtures.Client(atol, configure: o => o.AttemptTimeout = TimeSpan.FromMinutes(5));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Fixtures.Ct);
        var sell = client.SellAsync(Fixtures.V5Sell("cancel-1"), cancellationToken: cts.Token);

        // Cancel once the request is hanging inside the emulator (not after a fixed time, which a loaded machine may
        // spend before the request even leaves): the client must give up at once, not after its 5-minute attempt timeout.
        while (atol.Faults.Struck(FaultEndpoint.Register) == 0 && !sell.IsCompleted)
        {
            await Task.Delay(10, Fixtures.Ct);
        }

        Assert.False(sell.IsCompleted, "the registration ended before the emulator held it");
        Assert.Equal(1, atol.Faults.Struck(FaultEndpoint.Register));
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sell.WaitAsync(TimeSpan.FromSeconds(30), Fixtures.Ct));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SellAsync(Fixtures.V5Sell("cancel-2"), cancellationToken: cts.Token));
        Assert.Equal(1, atol.Faults.Struck(FaultEndpoint.Register));
    }

    [Fact]
    public async Task Cancellation_is_honoured_while_polling()
    {
        await using var atol = await Fixtures.StartAsync(o => o.ProcessingDelay = TimeSpan.FromHours(1));
        var client = Fixtures.Client(atol, configure: o => o.Polling.Deadline = TimeSpan.FromMinutes(5));
        var r = await client.SellAsync(Fixtures.V5Sell("cancel-poll"), cancellationToken: Fixtures.Ct);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Fixtures.Ct);
        cts.CancelAfter(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.WaitForReportAsync(r.Uuid, cts.Token));
    }

    [Fact]
    public async Task One_client_used_from_many_threads_fetches_one_token()
    {
        await using var atol = await Fixtures.StartAsync();
        var client = Fixtures.Client(atol);
        var uuids = new ConcurrentBag<string>();
        await Parallel.ForAsync(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Fixtures.Ct }, async (i, ct) =>
        {
            var r = await client.SellAsync(Fixtures.V5Sell("par-" + i, seed: i), cancellationToken: ct);
            uuids.Add(r.Uuid);
        });
        Assert.Equal(64, uuids.Distinct().Count());
        Assert.Equal(64, atol.Documents.Count);
        Assert.Equal(1, client.TokenFetchCount);
    }

    [Fact]
    public async Task A_thousand_registrations_with_ten_percent_transient_faults_give_a_thousand_documents()
    {
        await using var atol = await Fixtures.StartAsync(o => o.ProcessingDelay = TimeSpan.FromHours(1));
        atol.Faults.Add(new FaultRule { Endpoint = FaultEndpoint.Register, Kind = FaultKind.Status500, Probability = 0.03, Timing = FaultTiming.AfterStore });
        atol.Faults.Add(new FaultRule { Endpoint = FaultEndpoint.Register, Kind = FaultKind.Status503, Probability = 0.03 });
        atol.Faults.Add(new FaultRule { Endpoint = FaultEndpoint.Register, Kind = FaultKind.Drop, Probability = 0.02, Timing = FaultTiming.AfterStore });
        atol.Faults.Add(new FaultRule { Endpoint = FaultEndpoint.Register, Kind = FaultKind.Malformed, Probability = 0.02 });
        var client = Fixtures.Client(atol, configure: o => o.Retry.MaxAttempts = 6);
        var template = Fixtures.V5Sell("x", items: 2);
        var uuids = new ConcurrentDictionary<string, string>();
        await Parallel.ForAsync(0, 1000, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Fixtures.Ct }, async (i, ct) =>
        {
            var r = await client.SellAsync(template with { ExternalId = "bulk-" + i }, cancellationToken: ct);
            Assert.True(uuids.TryAdd(r.Uuid, r.ExternalId));
        });
        Assert.Equal(1000, uuids.Count);
        Assert.Equal(1000, atol.Documents.Count);
        Assert.Equal(1000, atol.Documents.Select(d => d.ExternalId).Distinct().Count());
        Assert.True(atol.Faults.Struck(FaultEndpoint.Register) > 50);
    }

    /// <summary>Pads every JSON answer with whitespace (still valid JSON) to make it larger than the client's cap.</summary>
    private sealed class PaddingHandler(HttpMessageHandler inner, int padding) : DelegatingHandler(inner)
    {
        public int Padded;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri!.AbsolutePath.EndsWith("getToken", StringComparison.Ordinal))
            {
                return response;
            }

            byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var padded = new byte[body.Length + padding];
            body.CopyTo(padded, 0);
            padded.AsSpan(body.Length).Fill((byte)' ');
            Interlocked.Increment(ref Padded);
            response.Content = new ByteArrayContent(padded);
            return response;
        }
    }
}
