using System.Net;
using System.Net.Sockets;
using System.Text;
using AtolOnline.Emulator;

namespace AtolOnline.Batch.Tests;

/// <summary>
/// Callback mode with proofs: every document carries its own callback URL; a callback whose token verifies completes
/// its document without a report request; a forged one (the right uuid, a wrong proof) changes nothing.
/// </summary>
public sealed class CallbackProofModeTests
{
    [Fact]
    public async Task Verified_callbacks_complete_every_document_without_a_report_request()
    {
        const int count = 40;
        int port = FreePort();
        string baseUrl = $"http://127.0.0.1:{port}/atol/cb";
        using var listener = new HttpListener();
        listener.Prefixes.Add(baseUrl + "/");
        listener.Start();
        await using var atol = await BatchFixtures.StartEmulatorAsync(o => { o.Registers = count; o.ProcessingDelay = TimeSpan.FromMilliseconds(100); });
        var proof = AtolCallbackProof.CreateRandom();
        var processor = new BatchProcessor(BatchFixtures.Client(atol), new BatchOptions
        {
            ResultMode = BatchResultMode.Callback, CallbackBaseUrl = baseUrl, CallbackProof = proof, CallbackGrace = TimeSpan.FromSeconds(60),
            RequestsPerSecond = 0, Registers = 1,
        });
        var results = new List<BatchCallbackResult>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(BatchFixtures.Ct);
        var receiving = Receive(listener, processor, results, stop.Token);

        var outcomes = new List<BatchOutcome>();
        await foreach (var outcome in processor.ProcessAsync(BatchFixtures.Sells(count, "proof"), BatchFixtures.Ct))
        {
            outcomes.Add(outcome);
        }

        await stop.CancelAsync();
        await receiving;
        Assert.All(outcomes, o => Assert.Equal(BatchOutcomeKind.Done, o.Kind));
        Assert.All(outcomes, o => Assert.Equal(atol.FindDocument(o.Uuid!)!.FiscalDocumentNumber, o.FiscalData!.FiscalDocumentNumber));
        Assert.Equal(0, processor.ReportRequests);                     // no report request at all: the grace (60 s) never passed
        Assert.Equal(0, atol.GetStats().Groups[BatchFixtures.Group].ReportRequests);
        Assert.Equal(count, results.Count(r => r is BatchCallbackResult.Applied or BatchCallbackResult.Kept));
        Assert.Equal(0, processor.RejectedCallbacks);
        foreach (var document in atol.Documents.Where(d => d.ExternalId.StartsWith("proof-", StringComparison.Ordinal)))
        {
            Assert.Equal(proof.CreateCallbackUrl(baseUrl, document.ExternalId), document.CallbackUrl); // each its own URL
        }

        BatchFixtures.AssertExactlyOnce(atol, count, "proof");
    }

    [Fact]
    public async Task A_forged_callback_with_the_right_uuid_and_a_wrong_proof_changes_nothing()
    {
        await using var atol = await BatchFixtures.StartEmulatorAsync(o => o.ProcessingDelay = TimeSpan.FromMilliseconds(300));
        var proof = AtolCallbackProof.CreateRandom();
        var processor = new BatchProcessor(BatchFixtures.Client(atol), new BatchOptions
        {
            // Nothing listens on port 9 (discard): ATOL's real callback never arrives, the document is polled after the grace.
            ResultMode = BatchResultMode.Callback, CallbackBaseUrl = "http://127.0.0.1:9/cb", CallbackProof = proof, CallbackGrace = TimeSpan.FromMilliseconds(700),
            RequestsPerSecond = 0, Registers = 1,
        });
        var running = Collect(processor.ProcessAsync(BatchFixtures.Sells(1, "forged"), BatchFixtures.Ct));
        EmulatedDocument? stored = null;
        for (int i = 0; i < 400 && (stored = atol.FindDocument(BatchFixtures.Group, "forged-0")) is null; i++)
        {
            await Task.Delay(10, BatchFixtures.Ct);
        }

        Assert.NotNull(stored);
        string forged = ForgedDone(stored.Uuid, "forged-0");
        var results = new[]
        {
            processor.OnCallback(AtolCallbackProof.CreateRandom().ComputeToken("forged-0"), Encoding.UTF8.GetBytes(forged)), // another key
            processor.OnCallback(proof.ComputeToken("forged-1"), Encoding.UTF8.GetBytes(forged)),                              // another document's proof
            processor.OnCallback("", Encoding.UTF8.GetBytes(forged)),                                                          // no proof
            processor.OnCallback(proof.ComputeToken("forged-0"), "not json"u8),                                               // the right proof, no report
        };
        Assert.All(results, r => Assert.Equal(BatchCallbackResult.Rejected, r));
        Assert.Equal(4, processor.RejectedCallbacks);

        var outcome = Assert.Single(await running);
        Assert.Equal(BatchOutcomeKind.Done, outcome.Kind);
        var genuine = atol.FindDocument(stored.Uuid)!;
        Assert.Equal(genuine.FiscalDocumentNumber, outcome.FiscalData!.FiscalDocumentNumber); // ATOL's report, not the forged one
        Assert.NotEqual(999_999, outcome.FiscalData.FiscalDocumentNumber);
        Assert.NotEqual("0000000000000000", outcome.FiscalData.FnNumber);
        Assert.True(processor.ReportRequests >= 1);                                         // it was polled: the forgery did not complete it
    }

    [Fact]
    public async Task A_callback_with_a_valid_proof_for_another_document_of_the_run_is_not_applied_to_this_one()
    {
        await using var atol = await BatchFixtures.StartEmulatorAsync(o => o.ProcessingDelay = TimeSpan.FromMilliseconds(300));
        var proof = AtolCallbackProof.CreateRandom();
        var processor = new BatchProcessor(BatchFixtures.Client(atol), new BatchOptions
        {
            ResultMode = BatchResultMode.Callback, CallbackBaseUrl = "http://127.0.0.1:9/cb", CallbackProof = proof, CallbackGrace = TimeSpan.FromMilliseconds(700),
            RequestsPerSecond = 0, Registers = 2,
        });
        var running = Collect(processor.ProcessAsync(BatchFixtures.Sells(2, "swap"), BatchFixtures.Ct));
        EmulatedDocument? first = null;
        for (int i = 0; i < 400 && (first = atol.FindDocument(BatchFixtures.Group, "swap-0")) is null; i++)
        {
            await Task.Delay(10, BatchFixtures.Ct);
        }

        Assert.NotNull(first);
        // swap-1's genuine proof, but swap-0's uuid: the body names swap-1, and swap-0 only takes a report that names swap-0.
        var result = processor.OnCallback(proof.ComputeToken("swap-1"), Encoding.UTF8.GetBytes(ForgedDone(first.Uuid, "swap-1")));
        Assert.NotEqual(BatchCallbackResult.Applied, result);
        var outcomes = await running;
        var swap0 = Assert.Single(outcomes, o => o.ExternalId == "swap-0");
        Assert.Equal(atol.FindDocument(first.Uuid)!.FiscalDocumentNumber, swap0.FiscalData!.FiscalDocumentNumber);
    }

    private static string ForgedDone(string uuid, string externalId) =>
        $$"""
        {"uuid":"{{uuid}}","timestamp":"01.12.2026 12:00:00","status":"done","group_code":"{{BatchFixtures.Group}}","external_id":"{{externalId}}","error":null,"warnings":null,
         "callback_url":"","daemon_code":"x","device_code":"KKT000000",
         "payload":{"fiscal_receipt_number":1,"shift_number":1,"receipt_datetime":"01.12.2026 12:00:00","total":1.00,"fn_number":"0000000000000000",
          "ecr_registration_number":"0000000000000000","fiscal_document_number":999999,"fiscal_document_attribute":1,"fns_site":"www.nalog.ru",
          "ofd_inn":"7709364346","ofd_receipt_url":""}
        """ + "}";

    private static async Task<List<BatchOutcome>> Collect(IAsyncEnumerable<BatchOutcome> outcomes)
    {
        var list = new List<BatchOutcome>();
        await foreach (var outcome in outcomes)
        {
            list.Add(outcome);
        }

        return list;
    }

    private static Task Receive(HttpListener listener, BatchProcessor processor, List<BatchCallbackResult> results, CancellationToken ct) => Task.Run(async () =>
    {
        while (!ct.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().WaitAsync(ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body, ct);
            string path = context.Request.Url!.AbsolutePath;
            var result = processor.OnCallback(path.AsSpan(path.LastIndexOf('/') + 1), body.ToArray());
            lock (results)
            {
                results.Add(result);
            }

            context.Response.StatusCode = result == BatchCallbackResult.Rejected ? 403 : 200;
            context.Response.Close();
        }
    }, ct);

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
