using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AtolOnline.Emulator;
using AtolOnline.Protocol;

namespace AtolOnline.Batch.Tests;

/// <summary>Callback mode: ATOL's callbacks (posted by the emulator) complete the documents, each confirmed by uuid.</summary>
public sealed class CallbackModeTests
{
    [Fact]
    public async Task Callbacks_complete_documents_long_before_the_polling_fallback()
    {
        const int count = 40;
        int port = FreePort();
        string callbackUrl = $"http://127.0.0.1:{port}/atol/callback/";
        using var listener = new HttpListener();
        listener.Prefixes.Add(callbackUrl);
        listener.Start();
        await using var atol = await BatchFixtures.StartEmulatorAsync(o => o.ProcessingDelay = TimeSpan.FromMilliseconds(50));
        var client = BatchFixtures.Client(atol);
        var processor = new BatchProcessor(client, new BatchOptions
        {
            ResultMode = BatchResultMode.Callback, CallbackGrace = TimeSpan.FromSeconds(30), RequestsPerSecond = 0, MaxAwaitingResult = count, Registers = count,
        });

        int accepted = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(BatchFixtures.Ct);
        var receiving = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync().WaitAsync(stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body, stop.Token);
                if (processor.OnCallback(body.ToArray()))
                {
                    Interlocked.Increment(ref accepted);
                }

                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }, BatchFixtures.Ct);

        var items = Enumerable.Range(0, count).Select(i => BatchItem.Create(AtolV5Operations.Sell,
            SampleDocuments.Sell(500 + i, 2, marked: false, agents: false) with { ExternalId = "cb-" + i, Service = new V5.Service { CallbackUrl = callbackUrl } }));
        var clock = Stopwatch.StartNew();
        int done = 0;
        await foreach (var outcome in processor.ProcessAsync(items, BatchFixtures.Ct))
        {
            Assert.Equal(BatchOutcomeKind.Done, outcome.Kind);
            done++;
        }

        clock.Stop();
        await stop.CancelAsync();
        await receiving;
        Assert.Equal(count, done);
        Assert.InRange(accepted, 1, count);                   // callbacks woke the waiting documents (an early one is parked)
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}: the 30 s polling fallback must not have been needed");
        Assert.False(processor.OnCallback("{\"uuid\":\"nobody-waits\",\"status\":\"done\",\"timestamp\":\"28.11.2026 12:00:00\"}"u8));
        Assert.False(processor.OnCallback("not json"u8));      // a forged or broken body is ignored, never trusted
        BatchFixtures.AssertExactlyOnce(atol, count, "cb");
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
