using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using AtolOnline.Json;
using AtolOnline.Protocol;

namespace AtolOnline.Client.Tests;

public sealed class CallbackMonitoringTests
{
    [Fact]
    public async Task A_delivered_callback_is_parsed_and_verified_against_the_report()
    {
        await using var atol = await Fixtures.StartAsync();
        var client = Fixtures.Client(atol);
        int port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var received = ReceiveOneAsync(listener);

        var r = await client.SellAsync(Fixtures.V5Sell("cb-1"), $"http://127.0.0.1:{port}/atol/cb?k=9b1d", Fixtures.Ct);
        byte[] body = await received.WaitAsync(TimeSpan.FromSeconds(20), Fixtures.Ct);

        var claimed = client.ParseCallback(body);
        Assert.Equal(r.Uuid, claimed.Uuid);
        Assert.Equal(AtolDocumentStatus.Done, claimed.Status);
        var verified = await client.VerifyCallbackAsync(body, Fixtures.Ct);
        Assert.True(verified.IsConsistent);
        Assert.Equal(AtolDocumentStatus.Done, verified.Confirmed.Status);
        Assert.Equal(claimed.FiscalDocumentAttribute, verified.Confirmed.FiscalDocumentAttribute);
    }

    [Fact]
    public async Task A_forged_callback_is_not_consistent_with_the_report()
    {
        await using var atol = await Fixtures.StartAsync(o => o.ProcessingDelay = TimeSpan.FromHours(1));
        var client = Fixtures.Client(atol);
        var r = await client.SellAsync(Fixtures.V5Sell("cb-forged"), cancellationToken: Fixtures.Ct);
        string forged = $$$"""
            {"uuid":"{{{r.Uuid}}}","timestamp":"05.03.2025 14:02:11","status":"done","group_code":"{{{Fixtures.V5Group}}}","external_id":"cb-forged",
             "error":null,"warnings":null,"callback_url":"","daemon_code":"x","device_code":"KKT000001",
             "payload":{"fiscal_receipt_number":1,"shift_number":1,"receipt_datetime":"05.03.2025 14:02:00","total":1.0,"fn_number":"9999078902004339",
             "ecr_registration_number":"0000000003027865","fiscal_document_number":7,"fiscal_document_attribute":3449555941,"fns_site":"www.nalog.ru"}}
            """;
        var verified = await client.VerifyCallbackAsync(Encoding.UTF8.GetBytes(forged), Fixtures.Ct);
        Assert.False(verified.IsConsistent);
        Assert.Equal(AtolDocumentStatus.Done, verified.Claimed.Status);
        Assert.Equal(AtolDocumentStatus.Wait, verified.Confirmed.Status);
    }

    [Fact]
    public async Task A_callback_that_is_not_a_report_is_an_AtolJsonException()
    {
        await using var atol = await Fixtures.StartAsync();
        var client = Fixtures.Client(atol);
        Assert.Throws<AtolJsonException>(() => client.ParseCallback("{\"uuid\":"u8));
        await Assert.ThrowsAsync<AtolJsonException>(() => client.VerifyCallbackAsync(Encoding.UTF8.GetBytes("""{"timestamp":"05.03.2025 14:02:11","status":"done"}"""), Fixtures.Ct));
    }

    [Fact]
    public async Task Monitoring_lists_registers_with_paging_and_gets_one_by_serial()
    {
        await using var atol = await Fixtures.StartAsync();
        var client = Fixtures.Client(atol);
        var all = await client.ListCashRegistersAsync(cancellationToken: Fixtures.Ct);
        Assert.True(all.Count >= 2);
        var page = await client.ListCashRegistersAsync(1, 1, Fixtures.Ct);
        Assert.Equal(all[1].SerialNumber, Assert.Single(page).SerialNumber);
        var enumerated = new List<string?>();
        await foreach (var register in client.EnumerateCashRegistersAsync(1, Fixtures.Ct))
        {
            enumerated.Add(register.SerialNumber);
        }

        Assert.Equal(all.Select(a => a.SerialNumber), enumerated);
        var one = await client.GetCashRegisterAsync(all[0].SerialNumber!, Fixtures.Ct);
        Assert.NotNull(one);
        Assert.Equal(all[0].SerialNumber, one.SerialNumber);
        Assert.Equal(all[0].GroupCode, one.GroupCode);
        Assert.Null(await client.GetCashRegisterAsync("00000000000000", Fixtures.Ct));
    }

    [Fact]
    public async Task Dependency_injection_registers_a_working_client()
    {
        await using var atol = await Fixtures.StartAsync();
        var services = new ServiceCollection();
        services.AddAtolClient(o =>
        {
            o.BaseAddress = atol.BaseAddress;
            o.ProtocolVersion = AtolProtocolVersion.V4;
            o.UseTestCredentials();
        }).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseProxy = false });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IAtolClient>();
        Assert.Equal(AtolProtocolVersion.V4, client.ProtocolVersion);
        var r = await client.SellAsync(Fixtures.V4Sell("di-1"), cancellationToken: Fixtures.Ct);
        Assert.Equal(Fixtures.V4Group, atol.FindDocument(r.Uuid)!.GroupCode);
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private static async Task<byte[]> ReceiveOneAsync(HttpListener listener)
    {
        var context = await listener.GetContextAsync();
        using var buffer = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(buffer);
        context.Response.StatusCode = 200;
        context.Response.Close();
        return buffer.ToArray();
    }
}
