using System.Net.Http.Headers;
using System.Text;
using AtolOnline.Json;
using AtolOnline.Protocol;

namespace AtolOnline.Client.Tests;

/// <summary>
/// Registering a document allocates no more than the HttpClient call itself plus the result. Measured with
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> over an in-memory handler that completes synchronously: with a real
/// socket the continuations run on thread-pool threads and a per-thread counter would miss most of the work, so the
/// network is replaced by a handler that reads the request body (through the content's own serializer) and answers
/// ATOL's register body. Both sides use the same HttpClient, URL, Token header and answer.
/// </summary>
public sealed class AllocationTests
{
    private static readonly byte[] TokenAnswer = Encoding.UTF8.GetBytes(
        """{"error":null,"token":"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef","timestamp":"05.03.2025 14:02:11"}""");

    private static readonly byte[] RegisterAnswer = Encoding.UTF8.GetBytes(
        """{"uuid":"7b1c2f0e-5d4a-4c11-9a55-0c3e2b7d9a10","timestamp":"05.03.2025 14:02:11","error":null,"status":"wait"}""");

    /// <summary>
    /// Allowed extra per registration, bytes: the client's async state machines (RegisterAsync, SendAsync, SendOnceAsync)
    /// and the per-attempt timeout token source are the only things the raw call does not have.
    /// </summary>
    private const long Margin = 1024;

    [Fact]
    public async Task Registering_allocates_no_more_than_the_raw_HttpClient_call_plus_the_result()
    {
        var handler = new InMemoryAtol();
        using var http = new HttpClient(handler);
        var options = AtolClientOptions.ForTestEnvironment(AtolProtocolVersion.V5, new Uri("https://alloc-test.example/"));
        options.Login = "alloc-" + Guid.NewGuid().ToString("N"); // a fresh token cache entry
        var client = new AtolClient(http, options);
        var document = Fixtures.V5Sell("alloc-1", items: 5);
        byte[] body = AtolJson.ToUtf8Bytes(document);
        var uri = new Uri("https://alloc-test.example/possystem/v5/v5-online-atol-ru_5179/sell");
        string token = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

        async Task<byte[]> RawAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = Json;
            request.Headers.TryAddWithoutValidation("Token", token);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, CancellationToken.None);
            return await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
        }

        static AtolRegistration Result(byte[] answer)
        {
            var parsed = AtolJson.Parse<V5.RegisterResponse>(answer);
            return new AtolRegistration(parsed.Uuid!, AtolDocumentStatus.Wait, parsed.Timestamp, "alloc-1", "sell", false, 1);
        }

        // Warm up both paths (token fetch, pools, JIT, header parsers).
        for (int i = 0; i < 50; i++)
        {
            Assert.True((await RawAsync()).Length > 0);
            Assert.Equal("7b1c2f0e-5d4a-4c11-9a55-0c3e2b7d9a10", (await client.SellAsync(document, cancellationToken: CancellationToken.None)).Uuid);
            Assert.NotNull(Result(RegisterAnswer));
        }

        const int N = 200;
        long raw = Measure(() => RawAsync().GetAwaiter().GetResult());
        long result = Measure(() => Result(RegisterAnswer));
        long ours = Measure(() => client.SellAsync(document, cancellationToken: CancellationToken.None).GetAwaiter().GetResult());
        TestContext.Current.SendDiagnosticMessage($"per registration: raw HttpClient POST {raw} B, result {result} B, AtolClient {ours} B");
        TestContext.Current.TestOutputHelper?.WriteLine($"per registration: raw HttpClient POST {raw} B, result {result} B, AtolClient {ours} B");
        Assert.Equal(1, client.TokenFetchCount);
        Assert.True(handler.Registrations > 2 * 50 * 2, "every call went through the handler");
        Assert.True(ours <= raw + result + Margin, $"AtolClient {ours} B > raw {raw} B + result {result} B + margin {Margin} B");

        static long Measure(Func<object> call)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < N; i++)
            {
                _ = call();
            }

            return (GC.GetAllocatedBytesForCurrentThread() - before) / N;
        }
    }

    private static readonly MediaTypeHeaderValue Json = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

    /// <summary>Answers getToken and registrations synchronously after reading the whole request body.</summary>
    private sealed class InMemoryAtol : HttpMessageHandler
    {
        private readonly MemoryStream _sink = new(64 * 1024);

        public int Registrations;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(Send(request, cancellationToken));

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _sink.SetLength(0);
            request.Content?.CopyTo(_sink, null, cancellationToken);
            Assert.True(_sink.Length > 20);
            bool token = request.RequestUri!.AbsolutePath.EndsWith("/getToken", StringComparison.Ordinal);
            if (!token)
            {
                Registrations++;
            }

            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new ByteArrayContent(token ? TokenAnswer : RegisterAnswer) };
        }
    }
}
